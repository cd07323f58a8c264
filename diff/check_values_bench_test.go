package diff

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// BenchmarkCedarWasmValueChecks measures what checking values costs the
// official engine: one expr test's authorization with and without its
// check policies (the same single call either way).
func BenchmarkCedarWasmValueChecks(b *testing.B) {
	w := installedOracleB(b)
	settings := generators.DefaultSettings()
	settings.Mode = generators.ModeExpr
	type prepared struct {
		plain, checked *Input
		reqs           []*syntax.Request
	}
	var tests []prepared
	for i := range uint64(100) {
		tc := generators.Generate(settings, 1, i)
		in := &Input{Name: fmt.Sprint(i), Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema}
		reqs := []*syntax.Request{&tc.Requests[0]}
		res := &TestResult{Target: TargetExpr}
		vc := (&Config{Impls: []Implementation{Model()}}).checkValues(res, in, reqs, newTracker())
		tests = append(tests, prepared{in, vc.checkedInput(in), reqs})
	}
	for _, p := range tests { // start the process and warm it up
		if _, err := w.Authorize(p.checked, p.reqs); err != nil {
			b.Fatal(err)
		}
	}
	for _, mode := range []string{"plain", "with-checks", "plain", "with-checks"} {
		b.Run(mode, func(b *testing.B) {
			for i := 0; b.Loop(); i++ {
				p := tests[i%len(tests)]
				in := p.plain
				if mode == "with-checks" {
					in = p.checked
				}
				if _, err := w.Authorize(in, p.reqs); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func installedOracleB(b *testing.B) *CedarWasmImpl {
	w, err := CedarWasm(cedarwasmOptions1())
	if err != nil {
		b.Skip(err)
	}
	b.Cleanup(w.Close)
	return w
}

func cedarwasmOptions1() cedarwasm.Options { return cedarwasm.Options{Processes: 1} }
