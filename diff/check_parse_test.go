package diff

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestCompareParse checks the comparison of our reading of a text with
// the official one, on made-up official answers.
func TestCompareParse(t *testing.T) {
	const text = "permit(principal, action, resource) when { 9223372036854775807 == 1 };"
	ours := `{"effect":"permit","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"},` +
		`"conditions":[{"kind":"when","body":{"==":{"left":{"Value":9223372036854775807},"right":{"Value":1}}}}]}`
	ok := func(js string) *cedarwasm.PolicySetParse {
		return &cedarwasm.PolicySetParse{Type: "success", Policies: []cedarwasm.PolicyJSONAnswer{{Type: "success", JSON: json.RawMessage(js)}}}
	}
	tests := []struct {
		name string
		text string
		off  *cedarwasm.PolicySetParse
		want string // the finding's On, or "" for none
	}{
		{"same JSON", text, ok(ours), ""},
		// float64 cannot tell these apart: the comparison must be exact.
		{"one digit off beyond 2^53", text, ok(strings.Replace(ours, "9223372036854775807", "9223372036854775806", 1)), "policy-json"},
		{"official rejects", text, &cedarwasm.PolicySetParse{Type: "failure", Errors: []cedarwasm.DetailedError{{Message: "no"}}}, "accept"},
		{"official accepts what we reject", "permit(principal, action, resource) when { 9223372036854775808 };", ok(ours), "accept"},
		{"both reject", "permit(", &cedarwasm.PolicySetParse{Type: "failure"}, ""},
		{"official cannot write JSON", text, &cedarwasm.PolicySetParse{Type: "success", Policies: []cedarwasm.PolicyJSONAnswer{{Type: "failure"}}}, "cedar-wasm policy-json"},
		{"official has one policy more", text, &cedarwasm.PolicySetParse{Type: "success", Policies: []cedarwasm.PolicyJSONAnswer{
			{Type: "success", JSON: json.RawMessage(ours)}, {Type: "success", JSON: json.RawMessage(ours)}}}, "policy-json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pt := &parseText{text: tt.text}
			pt.ours, pt.err = parser.ParsePolicySet("t.cedar", []byte(tt.text))
			res := &TestResult{Target: TargetParse}
			compareParse(res, pt, tt.off, "cedar-wasm")
			switch {
			case tt.want == "" && len(res.Findings) > 0:
				t.Errorf("unexpected finding:\n%s", res.Findings[0])
			case tt.want != "" && len(res.Findings) != 1:
				t.Errorf("%d findings, want one on %s", len(res.Findings), tt.want)
			case tt.want != "" && strings.Join(res.Findings[0].On, ",") != tt.want:
				t.Errorf("finding on %v, want %s:\n%s", res.Findings[0].On, tt.want, res.Findings[0])
			}
		})
	}
}

// TestParseTargetWithoutCedarWasm runs the parse target with the model
// only: the re-spelled texts must read back to the generated policies.
func TestParseTargetWithoutCedarWasm(t *testing.T) {
	sum, err := Run(context.Background(), Config{Target: TargetParse, Impls: []Implementation{Model()}, Count: 150, Jobs: 2, Seed: 11})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Failed != 0 {
		t.Fatalf("%d tests failed:\n%v", sum.Failed, sum.Findings[0])
	}
}

// TestParseTargetAgreesWithCedarWasm runs the parse target against the
// official engine, and checks that mutated texts are not all rejected.
func TestParseTargetAgreesWithCedarWasm(t *testing.T) {
	w, err := CedarWasm(cedarwasm.Options{Processes: 2})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	cfg := Config{Target: TargetParse, Impls: []Implementation{Model(), w}, Seed: 5}
	accepted, mutated := 0, 0
	for i := range uint64(60) {
		res := cfg.Check(i)
		if res.Failed() {
			var b strings.Builder
			res.WriteText(&b)
			t.Fatalf("%s", b.String())
		}
		for _, pt := range parseTexts(generators.Generate(generators.DefaultSettings(), 5, i))[1:] {
			mutated++
			if _, err := parser.ParsePolicySet("m.cedar", []byte(pt.text)); err == nil {
				accepted++
			}
		}
	}
	t.Logf("%d of %d mutated texts parse", accepted, mutated)
	if accepted == 0 || accepted == mutated {
		t.Errorf("%d of %d mutated texts parse: the mutations test only one side of the parser", accepted, mutated)
	}
}
