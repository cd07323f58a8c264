package diff

import (
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// TestCompareData checks the comparison of our data readers with made-up
// official answers: accept/reject, schema JSON by meaning after the
// documented normalizations, and the deliberate strictness of cedarjson.
func TestCompareData(t *testing.T) {
	const ours = `{"": {"entityTypes": {}, "actions": {"a": {}, "b": {"appliesTo": {"principalTypes": ["U"], "resourceTypes": ["U"], "context": {"type": "Record", "attributes": {}}}}}}}`
	ok := func(js string) cedarwasm.DataAnswer {
		return cedarwasm.DataAnswer{Type: "success", JSON: json.RawMessage(js)}
	}
	fail := cedarwasm.DataAnswer{Type: "failure", Errors: []cedarwasm.DetailedError{{Message: "no"}}}
	strict := &syntax.Error{Kind: cedarjson.KindUnknownField, Msg: `$[0]: unknown field "x"`}
	tests := []struct {
		name string
		c    *dataCheck
		a    cedarwasm.DataAnswer
		want string // the finding's On, or "" for none
	}{
		{"same JSON, other key order", &dataCheck{on: "schema-json", call: cedarwasm.DataCall{Fn: "schemaToJson"}, oursJSON: []byte(ours)},
			ok(`{"": {"actions": {"b": {"appliesTo": {"resourceTypes": ["U"], "principalTypes": ["U"]}}, "a": {"appliesTo": {"principalTypes": [], "resourceTypes": []}}}, "entityTypes": {}}}`), ""},
		{"an action that applies to something", &dataCheck{on: "schema-json", call: cedarwasm.DataCall{Fn: "schemaToJson"}, oursJSON: []byte(ours)},
			ok(`{"": {"actions": {"b": {"appliesTo": {"resourceTypes": ["U"], "principalTypes": ["U"]}}, "a": {"appliesTo": {"principalTypes": ["U"], "resourceTypes": []}}}, "entityTypes": {}}}`), "schema-json"},
		{"we accept, they reject", &dataCheck{on: "entities"}, fail, "entities accept"},
		{"we reject, they accept", &dataCheck{on: "entities", ours: errors.New("no")}, ok(""), "entities accept"},
		{"thrown is a rejection", &dataCheck{on: "entities", ours: errors.New("no")}, cedarwasm.DataAnswer{Type: "thrown"}, ""},
		{"strict on purpose", &dataCheck{on: "entities", ours: strict}, ok(""), ""},
		{"-0 is a known difference", &dataCheck{on: "context", text: `{"k": [-0]}`}, fail, ""},
		{"0 is not", &dataCheck{on: "context", text: `{"k": [0]}`}, fail, "context accept"},
		{"strict on purpose does not excuse accepting", &dataCheck{on: "entities"}, fail, "entities accept"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &TestResult{Target: TargetParse}
			compareData(res, []*dataCheck{tt.c}, []cedarwasm.DataAnswer{tt.a}, "cedar-wasm")
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

// TestDataChecksAcceptAndReject checks that the data checks of generated
// tests exercise both sides of every reader: some inputs of each kind
// are accepted and some rejected by our readers.
func TestDataChecksAcceptAndReject(t *testing.T) {
	accepted, total := map[string]int{}, map[string]int{}
	for i := range uint64(40) {
		tc := generators.Generate(generators.DefaultSettings(), 3, i)
		for _, c := range dataChecks(tc, parseTexts(tc)[0].text, commonTypesText(tc)) {
			key := c.call.Fn + " " + c.on
			total[key]++
			if c.ours == nil {
				accepted[key]++
			}
		}
	}
	for _, key := range []string{"checkParseSchema schema-text", "checkParseEntities entities", "checkParseEntities entities with schema",
		"checkParseContext context", "checkParseContext context with schema"} {
		if accepted[key] == 0 || accepted[key] == total[key] {
			t.Errorf("%s: %d of %d accepted", key, accepted[key], total[key])
		}
	}
	for _, key := range []string{"schemaToJson schema-json", "checkParseSchema schema-json-parse", "formatPolicies format"} {
		if accepted[key] != total[key] || total[key] == 0 {
			t.Errorf("%s: %d of %d accepted, want all (the re-spelled input is valid)", key, accepted[key], total[key])
		}
	}
	t.Logf("accepted/total: %v / %v", accepted, total)
}

// TestCompareLayers checks that a layer of our readers is judged alone:
// reported when it alone disagrees with the official answer, left to the
// whole verdict when both disagree.
func TestCompareLayers(t *testing.T) {
	bad := errors.New("rejected")
	tests := []struct {
		name         string
		whole, layer error
		official     string
		findings     int
	}{
		{"all accept", nil, nil, "success", 0},
		{"all reject", bad, bad, "failure", 0},
		{"layer alone accepts", bad, nil, "failure", 1},
		{"layer alone rejects", nil, bad, "success", 1},
		{"both disagree: the whole verdict's finding", nil, nil, "failure", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := &TestResult{}
			c := &dataCheck{what: "x", text: "[]", ours: tt.whole, layers: []dataLayer{{"syntax/cedarjson", "entities with schema (reader alone)", tt.layer}}}
			compareLayers(res, c, &cedarwasm.DataAnswer{Type: tt.official}, "cedar-wasm")
			if len(res.Findings) != tt.findings {
				t.Errorf("%d findings, want %d: %v", len(res.Findings), tt.findings, res.Findings)
			}
		})
	}
}

// TestCompareFormatsComments: a formatter that loses, adds or reorders a
// comment is a finding, although the policies read back the same.
func TestCompareFormatsComments(t *testing.T) {
	const text = "// first\npermit (principal, action, resource) // on the line\nwhen { true } // in the condition\n;\n\n// last\n"
	c := formatCheck(text)
	if c.ours != nil {
		t.Fatal(c.ours)
	}
	official := string(c.formatted)
	for _, tt := range []struct {
		name, ours string
		finding    bool
	}{
		{"same", official, false},
		{"other layout, same comments", "// first\npermit(principal, action, resource) // on the line\nwhen { true } // in the condition\n;\n// last\n", false},
		{"a comment lost", strings.Replace(official, "// last\n", "", 1), true},
		{"comments swapped", strings.Replace(strings.Replace(official, "// first", "// tmp", 1), "// last", "// first", 1), true},
	} {
		c.formatted = []byte(tt.ours)
		res := &TestResult{}
		compareFormats(res, c, official, "cedar-wasm")
		got := slices.ContainsFunc(res.Findings, func(f *Finding) bool { return slices.Contains(f.On, "format comments") })
		if got != tt.finding {
			t.Errorf("%s: comment finding %v, want %v (findings %v)", tt.name, got, tt.finding, res.Findings)
		}
	}
}

// TestReadContextChecksEnumeratedIDs: with the schema, a context naming
// an id an enumerated type does not declare is rejected, as cedar-wasm's
// checkParseContext rejects it (a 10-minute default run found our side
// accepting it inside a set).
func TestReadContextChecksEnumeratedIDs(t *testing.T) {
	s, err := schema.ParseCedar("s.cedarschema", []byte(`entity Account enum ["green", "red"]; entity User;
action create appliesTo { principal: User, resource: User, context: { labels: Set<Account> } };`))
	if err != nil {
		t.Fatal(err)
	}
	create := syntax.NewEntityUID("Action", "create")
	ctx := func(id string) string { return `{"labels": [{"__entity": {"type": "Account", "id": "` + id + `"}}]}` }
	if err := readContext(ctx("green"), s, create); err != nil {
		t.Errorf("a declared id: %v", err)
	}
	if err := readContext(ctx("x"), s, create); err == nil {
		t.Error("an undeclared enumerated id was accepted with the schema")
	}
	if err := readContext(ctx("x"), nil, create); err != nil {
		t.Errorf("without the schema any id is an entity: %v", err)
	}
}
