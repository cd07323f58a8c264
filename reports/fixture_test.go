package reports

import (
	"time"
)

// hostile is a string that breaks HTML, SVG and Markdown that do not
// escape: a closing script tag, markup, quotes, an ampersand, Markdown
// table and emphasis characters, a line break and a control character.
const hostile = "</script><b>x</b>\"'&|*_`\n\x01"

// fixture returns a report of a failing run, with hostile strings
// wherever text comes from tests.
func fixture() *Report {
	start := time.Date(2026, 11, 25, 18, 0, 0, 0, time.UTC)
	r := &Report{
		Version: Version,
		Settings: Settings{
			Target: "abac", Impls: []string{"model", "engine"}, Seed: 42, Shard: "0/2", Count: 100, Jobs: 2,
			TimeoutSeconds: 5, Start: start, ElapsedSeconds: 3.2, CPUs: 2, LoadAverage: 1.5,
			Command: "crosscheck run --target abac --impl model,engine --seed 42 --jobs 2 --count 100 --shard 0/2",
		},
		Totals: Totals{
			Tests: 100, Passed: 98, Failed: 2, TestsByTarget: map[string]int{"abac": 100},
			Requests: 1000, RequestsCompared: 990, TestsPerSecond: 31.25, RequestsPerSecond: 309.4,
			Mismatches:     map[string]int{"model vs engine": 2},
			FindingsByKind: map[string]int{"mismatch": 2, "property": 1}, FindingsTotal: 3, FirstFindingSeconds: 0.75,
			PropertyViolations: map[string]int{hostile: 1}, RoundtripFailures: map[string]int{},
			Unsupported: map[string]int{"cedar-go: templates": 3}, Inconclusive: map[string]int{"engine": 1},
		},
		Throughput: []Sample{
			{Seconds: 1.0004, Tests: 30, RequestsCompared: 300, Failed: 1, TestsPerSecond: 30, RequestsPerSecond: 300},
			{Seconds: 2.0011, Tests: 62, RequestsCompared: 615, Failed: 1, TestsPerSecond: 32, RequestsPerSecond: 315},
			{Seconds: 3.2, Tests: 100, RequestsCompared: 990, Failed: 2, TestsPerSecond: 31.7, RequestsPerSecond: 312.5},
		},
		Decisions:  map[string]int{"allow": 300, "deny": 700},
		ErrorKinds: map[string]int{"attributeDoesNotExist": 40, "overflow": 3, hostile: 1},
		Coverage: &Coverage{
			Tests: 100, Policies: 400, Templates: 10, Links: 12, Requests: 1000, Entities: 900, MaxExprDepth: 7,
			Faults: map[string]int{"cycle": 2},
			Constructs: []ConstructCoverage{
				{Name: "==", Category: CategoryOperator, Required: true, Occurrences: 500, Policies: 300},
				{Name: "like", Category: CategoryOperator, Required: true, Occurrences: 0, Policies: 0},
				{Name: "contains", Category: CategoryMethod, Required: true, Occurrences: 20, Policies: 18},
				{Name: "isInRange", Category: CategoryExtension, Required: true, Occurrences: 4, Policies: 4},
				{Name: "scope principal in", Category: CategoryScope, Required: true, Occurrences: 90, Policies: 90},
				{Name: hostile, Category: CategoryOther, Occurrences: 1, Policies: 1},
			},
		},
		Signatures: []SignatureCount{
			{Signature: "mismatch abac [model,engine] on decision", Count: 2},
			{Signature: "property abac [model] on " + hostile, Count: 1},
		},
		Findings: []*Finding{
			{
				Signature: "mismatch abac [model,engine] on decision", Kind: "mismatch", Target: "abac", Seed: 42, Index: 6,
				Request: 0, Impls: []string{"model", "engine"}, On: []string{"decision"},
				Diff:    "  diff.Response{\n- \tDecision: allow,\n+ \tDecision: deny,\n  }\n",
				Command: "crosscheck repro --seed 42 --index 6 --target abac --impl model,engine",
				Test: &TestCase{
					Minimized: true,
					Schema:    "entity User;\naction view appliesTo { principal: User, resource: User };\n",
					Policies:  "// policy0\npermit(principal, action, resource) when { \"" + "</script><b>" + "\" like \"*\" };\n",
					Entities:  "[]",
					Requests:  []string{`{"principal": {"type": "User", "id": "a"}}`},
				},
			},
			{
				Signature: "property abac [model] on " + hostile, Kind: "property", Target: "abac", Seed: 42, Index: 8,
				Request: -1, Impls: []string{"model"}, On: []string{hostile},
				Detail:  hostile + " ``` fence",
				Command: "crosscheck repro --seed 42 --index 8 --target abac --impl model",
			},
		},
	}
	return r
}
