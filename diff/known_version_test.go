package diff

import (
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

func TestVersionIn(t *testing.T) {
	for _, c := range []struct {
		release, constraint string
		want, err           bool
	}{
		{"v1.9.1", "", true, false},
		{"", "", true, false},
		{"v1.9.1", "<v1.9.2", true, false},
		{"v1.9.2", "<v1.9.2", false, false},
		{"v1.10.0", "<v1.9.2", false, false}, // numeric, not lexical
		{"v1.9.2", "<=v1.9.2", true, false},
		{"4.12.0", ">=4.4.0 <4.13.0", true, false},
		{"4.13.0", ">=4.4.0 <4.13.0", false, false},
		{"4.3.3", ">=4.4.0 <4.13.0", false, false},
		{"v1.9.2", "=1.9.2", true, false}, // a leading v is ignored
		{"v1.9.2-rc1", "<v1.9.2", true, false},
		{"v1.9.2", ">v1.9.2-rc1", true, false},
		{"", "<v1.9.2", false, true},
		{"v1.9.1", "~v1.9.2", false, true},
		{"v1.9.1", "<banana", false, true},
		{"1.2.3.4", "<v1.9.2", false, true},
	} {
		got, err := VersionIn(c.release, c.constraint)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("VersionIn(%q, %q) = %v, %v; want %v, error %v", c.release, c.constraint, got, err, c.want, c.err)
		}
	}
}

func TestImplRelease(t *testing.T) {
	for _, c := range []struct{ name, family, release string }{
		{"cedar-go", "cedar-go", PinnedCedarGo},
		{"cedar-go@v1.9.2", "cedar-go", "v1.9.2"},
		{"cedar-wasm@4.12.0", "cedar-wasm", "4.12.0"},
		{"model", "model", ""},
		{"exec:python3 server.py a@b", "exec:python3 server.py a@b", ""},
	} {
		if f, r := ImplRelease(c.name); f != c.family || r != c.release {
			t.Errorf("ImplRelease(%q) = %q, %q; want %q, %q", c.name, f, r, c.family, c.release)
		}
	}
}

// TestKnownDifferenceVersions checks every entry's range parses and that
// an entry fixed in a release says so with a "<X" bound.
func TestKnownDifferenceVersions(t *testing.T) {
	for _, k := range KnownDifferences() {
		if _, err := VersionIn("1.0.0", k.Versions); err != nil {
			t.Errorf("%+v: %v", k, err)
		}
	}
}

// withKnown replaces the list of known differences for one test.
func withKnown(t *testing.T, list []KnownDifference) {
	old := knownDifferences
	knownDifferences = list
	t.Cleanup(func() { knownDifferences = old })
}

func TestKnownDifferencesByRelease(t *testing.T) {
	withKnown(t, []KnownDifference{
		{Impl: "cedar-go", Versions: "<v1.9.2", Case: "regressions/decimal-plus-sign-rejected", Request: 0, What: WhatDecision},
		{Impl: "cedar-go", Versions: "<v1.9.2", Case: "regressions/decimal-plus-sign-rejected", What: WhatShouldValidate},
		{Impl: "cedar-go", Case: "regressions/validate-invalid-enum-id", What: WhatShouldValidate},
		{Impl: "cedar-wasm", Versions: ">=4.4.0 <4.9.1", Case: "regressions/some-wasm-bug", Request: 0, What: WhatDecision},
	})
	for _, c := range []struct {
		impl, kase string
		what       string
		want       bool
	}{
		{"cedar-go", "regressions/decimal-plus-sign-rejected", WhatDecision, true}, // the pinned v1.9.1
		{"cedar-go@v1.9.1", "regressions/decimal-plus-sign-rejected", WhatDecision, true},
		{"cedar-go@v1.2.1", "regressions/decimal-plus-sign-rejected", WhatDecision, true},
		{"cedar-go@v1.9.2", "regressions/decimal-plus-sign-rejected", WhatDecision, false},
		{"cedar-go@v1.9.2", "regressions/validate-invalid-enum-id", WhatShouldValidate, true},
		{"cedar-wasm@4.5.0", "regressions/some-wasm-bug", WhatDecision, true},
		{"cedar-wasm@4.9.1", "regressions/some-wasm-bug", WhatDecision, false},
		{"cedar-wasm@4.3.3", "regressions/some-wasm-bug", WhatDecision, false},
		{"exec:cedar-go@v1.9.1", "regressions/decimal-plus-sign-rejected", WhatDecision, false},
	} {
		if got := IsKnownDifference(c.impl, c.kase, 0, c.what); got != c.want {
			t.Errorf("IsKnownDifference(%q, %q, 0, %q) = %v, want %v", c.impl, c.kase, c.what, got, c.want)
		}
	}
	got := KnownFixed([]string{"model", "cedar-go@v1.9.1", "cedar-go@v1.9.2", "cedar-go@v1.10.0", "cedar-wasm@4.12.0", "cedar-wasm@4.3.3"})
	want := []FixedDifference{
		{Impl: "cedar-go@v1.9.2", Case: "regressions/decimal-plus-sign-rejected", FixedIn: "v1.9.2"},
		{Impl: "cedar-go@v1.10.0", Case: "regressions/decimal-plus-sign-rejected", FixedIn: "v1.9.2"},
		{Impl: "cedar-wasm@4.12.0", Case: "regressions/some-wasm-bug", FixedIn: "4.9.1"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("KnownFixed = %v\nwant %v", got, want)
	}
}

// TestKnownRuleByRelease checks that a run-level rule tolerates the bug
// in the releases that show it and not in a release that fixed it, and
// that the run's summary says the release fixed it.
func TestKnownRuleByRelease(t *testing.T) {
	withKnown(t, []KnownDifference{
		{Impl: "cedar-go", Versions: "<v1.9.2", Case: "regressions/decimal-plus-sign-rejected", Request: 0, What: WhatDecision},
	})
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal, action, resource) when { decimal("+1.0") == decimal("1.0") };`))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		impl string
		want string
	}{
		{"cedar-go", "regressions/decimal-plus-sign-rejected"},
		{"cedar-go@v1.9.1", "regressions/decimal-plus-sign-rejected"},
		{"cedar-go@v1.9.2", ""},
	} {
		res := &TestResult{Target: TargetABAC, Impls: []string{"model", c.impl, "cedar-wasm@4.12.0"}, Reference: 0,
			Test:    &generators.Test{Policies: ps, Requests: []syntax.Request{{}}},
			Answers: [][]Answer{{{Response: Response{Decision: Deny}}}, {{Response: Response{Decision: Allow}}}, {{Response: Response{Decision: Deny}}}}}
		res.add(KindMismatch, []string{"model", c.impl}, []string{"decision"}, 0, "", "")
		if got := KnownCase(res, res.Findings[0]); got != c.want {
			t.Errorf("%s: KnownCase = %q, want %q", c.impl, got, c.want)
		}
	}
	sum := newSummary(&Config{Target: TargetABAC, Impls: []Implementation{Model(), namedImpl{Model(), "cedar-go@v1.9.2"}}}, 1)
	var text strings.Builder
	sum.WriteText(&text)
	if want := "known difference fixed: cedar-go@v1.9.2: regressions/decimal-plus-sign-rejected (fixed in v1.9.2)"; !strings.Contains(text.String(), want) {
		t.Errorf("the summary does not say %q:\n%s", want, text.String())
	}
}

// namedImpl is an implementation under another name.
type namedImpl struct {
	Implementation
	name string
}

func (n namedImpl) Name() string { return n.name }
