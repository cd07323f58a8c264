package diff

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestKnownDifferences checks that every tolerated difference names a
// third-party implementation, an existing regression test and request, a
// part of the answer, and is documented in docs/known-differences.md.
func TestKnownDifferences(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "known-differences.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[KnownDifference]bool{}
	for _, k := range KnownDifferences() {
		switch k.Impl {
		case "cedar-go", "cedar-wasm":
		default:
			t.Errorf("%+v: only cedar-go and cedar-wasm may have known differences; %q must be fixed instead", k, k.Impl)
		}
		switch k.What {
		case WhatDecision, WhatReasons, WhatErrors, WhatShouldValidate, WhatRejected:
		default:
			t.Errorf("%+v: unknown What %q", k, k.What)
		}
		if seen[k] {
			t.Errorf("%+v: listed twice", k)
		}
		seen[k] = true
		name, ok := strings.CutPrefix(k.Case, "regressions/")
		if !ok || name == "" || strings.ContainsAny(name, `/\`) {
			t.Errorf("%+v: Case must be regressions/<name>", k)
			continue
		}
		data, err := os.ReadFile(filepath.Join("..", "corpus", "regressions", name+".json"))
		if err != nil {
			t.Errorf("%+v: %v", k, err)
			continue
		}
		var test struct{ Requests []json.RawMessage }
		if err := json.Unmarshal(data, &test); err != nil {
			t.Errorf("%+v: %v", k, err)
			continue
		}
		if k.What != WhatShouldValidate && (k.Request < 0 || k.Request >= len(test.Requests)) {
			t.Errorf("%+v: the test has %d requests", k, len(test.Requests))
		}
		if !strings.Contains(string(doc), "corpus/regressions/"+name+".json") {
			t.Errorf("%+v: not explained in docs/known-differences.md", k)
		}
	}
}

func TestIsKnownDifference(t *testing.T) {
	for _, k := range KnownDifferences() {
		if !IsKnownDifference(k.Impl, k.Case, k.Request, k.What) {
			t.Errorf("IsKnownDifference(%+v) = false", k)
		}
	}
	for _, c := range []KnownDifference{
		{Impl: "model", Case: "regressions/decimal-plus-sign-rejected", Request: 0, What: WhatDecision},
		{Impl: "cedar-go", Case: "regressions/decimal-plus-sign-rejected", Request: 1, What: WhatDecision},
		{Impl: "cedar-go", Case: "regressions/no-such-case", Request: 0, What: WhatDecision},
		{Impl: "cedar-go", Case: "regressions/validate-invalid-enum-id", Request: 0, What: WhatDecision},
	} {
		if IsKnownDifference(c.Impl, c.Case, c.Request, c.What) {
			t.Errorf("IsKnownDifference(%+v) = true, want false", c)
		}
	}
	// For shouldValidate the request index does not matter.
	if !IsKnownDifference("cedar-go", "regressions/validate-invalid-enum-id", 7, WhatShouldValidate) {
		t.Error("a shouldValidate difference should match any request index")
	}
}

// nearMiss builds a result of a test made of the given policies and
// entities, whose implementations answered one request with answers, and
// a finding f about it; it returns KnownCase of the finding.
type nearMiss struct {
	name     string
	policies string
	entities []*syntax.EntityData
	impls    []string // the reference first
	answers  []*Response
	kind     FindingKind
	findOn   []string // the finding's Impls
	detail   string
	want     string
}

func (c nearMiss) knownCase(t *testing.T) string {
	t.Helper()
	ps, err := parser.ParsePolicySet("near.cedar", []byte(c.policies))
	if err != nil {
		t.Fatal(err)
	}
	tc := &generators.Test{Policies: ps, Entities: c.entities, Requests: []syntax.Request{{}}}
	res := &TestResult{Target: TargetABAC, Impls: c.impls, Reference: 0, Test: tc}
	for _, a := range c.answers {
		if a == nil {
			res.Answers = append(res.Answers, nil)
			continue
		}
		res.Answers = append(res.Answers, []Answer{{Response: *a}})
	}
	request := 0
	if c.kind == KindError {
		request = -1
	}
	res.add(c.kind, c.findOn, []string{"decision"}, request, "", c.detail)
	return KnownCase(res, res.Findings[0])
}

func TestKnownCaseNearMisses(t *testing.T) {
	allow, deny := &Response{Decision: Allow, Reasons: []string{"policy0"}}, &Response{Decision: Deny}
	three := []string{"model", "cedar-go", "cedar-wasm"}
	mismatch := func(name, policies, want string) nearMiss {
		return nearMiss{name: name, policies: policies, impls: three, answers: []*Response{deny, allow, deny},
			kind: KindMismatch, findOn: []string{"model", "cedar-go"}, want: want}
	}
	const (
		plusDecimal  = `permit(principal, action, resource) when { decimal("+1.0") == decimal("1.0") };`
		expandedYear = `permit(principal, action, resource) when { datetime("+000002024-01-01") == datetime("2024-01-01") };`
		negAccess    = `permit(principal, action, resource);
forbid(principal, action, resource) when { -2.toMinutes() < duration("0ms") };`
	)
	rejected := func(name, policies, detail, want string) nearMiss {
		return nearMiss{name: name, policies: policies, impls: three, answers: []*Response{allow, nil, allow},
			kind: KindError, findOn: []string{"cedar-go"}, detail: detail, want: want}
	}
	const parseError = `cedar-go could not authorize: cedar-go rejected policy policy1: parse error at <input>:1:2 "toMinutes": exact got . want }`
	offset := &syntax.Call{Name: "offset", Args: []syntax.Expr{
		&syntax.Call{Name: "datetime", Args: []syntax.Expr{syntax.String("1970-01-01")}},
		&syntax.Call{Name: "duration", Args: []syntax.Expr{syntax.String("1h")}},
	}}
	single := &syntax.Call{Name: "datetime", Args: []syntax.Expr{syntax.String("1970-01-01")}}
	entity := func(v syntax.Expr) []*syntax.EntityData {
		return []*syntax.EntityData{{UID: syntax.EntityUID{Type: "User", ID: "a"}, Attrs: []syntax.Field{{Key: "t", Value: v}}}}
	}
	multiArg := mismatch("multi-argument extension value", `permit(principal, action, resource) when { principal.t == datetime("1970-01-01T01:00:00Z") };`,
		"regressions/extn-multi-argument-form")
	multiArg.entities = entity(offset)
	singleArg := multiArg
	singleArg.name, singleArg.entities, singleArg.want = "single-argument extension values only", entity(single), ""

	engineRef := mismatch("the reference is not the model", plusDecimal, "")
	engineRef.impls = []string{"engine", "cedar-go", "cedar-wasm"}
	engineRef.findOn = []string{"engine", "cedar-go"}
	notCedarGo := mismatch("model vs engine", plusDecimal, "")
	notCedarGo.impls = []string{"model", "engine", "cedar-wasm"}
	notCedarGo.findOn = []string{"model", "engine"}
	wasmDisagrees := mismatch("cedar-wasm sides with cedar-go", plusDecimal, "")
	wasmDisagrees.answers = []*Response{deny, allow, allow}
	wasmSilent := mismatch("cedar-wasm did not answer", plusDecimal, "")
	wasmSilent.answers = []*Response{deny, allow, nil}
	noWasm := mismatch("no cedar-wasm in the run", plusDecimal, "regressions/decimal-plus-sign-rejected")
	noWasm.impls, noWasm.answers = []string{"model", "cedar-go"}, []*Response{deny, allow}
	validation := mismatch("a validation finding", plusDecimal, "")
	validation.kind = KindValidation
	value := mismatch("an expression's value (the expr target)", plusDecimal, "regressions/decimal-plus-sign-rejected")
	value.kind = KindValue

	for _, c := range []nearMiss{
		mismatch("decimal with a plus sign", plusDecimal, "regressions/decimal-plus-sign-rejected"),
		mismatch("decimal without a plus sign", `permit(principal, action, resource) when { decimal("1.0") == decimal("1.0") };`, ""),
		mismatch("a plus sign in a plain string", `permit(principal, action, resource) when { "+1.0" == "+1.0" && decimal("1.0") == decimal("1.0") };`, ""),
		mismatch("a plus sign in another constructor", `permit(principal, action, resource) when { ip("+1.0") == ip("1.0") };`, ""),
		engineRef, notCedarGo, wasmDisagrees, wasmSilent, noWasm, validation, value,
		mismatch("datetime with an expanded year", expandedYear, "regressions/datetime-expanded-year-rejected"),
		mismatch("datetime with a negative expanded year", `permit(principal, action, resource) when { datetime("-000002024-01-01") == datetime("2024-01-01") };`, "regressions/datetime-expanded-year-rejected"),
		mismatch("datetime with a signed short year", `permit(principal, action, resource) when { datetime("+2024-01-01") == datetime("2024-01-01") };`, ""),
		mismatch("datetime with a plain year", `permit(principal, action, resource) when { datetime("2024-01-01") == datetime("2024-01-01") };`, ""),
		multiArg, singleArg,
		rejected("negated integer then a method", negAccess, parseError, "regressions/negated-integer-member-access"),
		rejected("negated integer then an attribute", `permit(principal, action, resource);
forbid(principal, action, resource) when { -2.foo.bar == 1 };`, parseError, "regressions/negated-integer-member-access"),
		rejected("negative literal as a receiver", `permit(principal, action, resource);
forbid(principal, action, resource) when { (-2).toMinutes() < duration("0ms") };`, parseError, ""),
		rejected("negated variable access", `permit(principal, action, resource);
forbid(principal, action, resource) when { -context.x < 0 };`, parseError, ""),
		rejected("a minus sign inside a string", `permit(principal, action, resource);
forbid(principal, action, resource) when { decimal("-2.5") == decimal("-2.5") };`, parseError, ""),
		rejected("the trigger is in another policy than the rejected one", `forbid(principal, action, resource) when { -2.toMinutes() < duration("0ms") };
permit(principal, action, resource);`, parseError, ""),
		rejected("cedar-go rejected something else", negAccess, "cedar-go could not authorize: cedar-go rejected the entities: duplicate", ""),
		mismatch("a mismatch on a test with the parser trigger", negAccess, ""),
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := c.knownCase(t); got != c.want {
				t.Errorf("KnownCase = %q, want %q", got, c.want)
			}
		})
	}
}

// TestSummaryCountsKnownApart checks that a known finding is counted by
// case, kept out of Failed and FindingsTotal, and that an unknown finding
// of the same kind still fails.
func TestSummaryCountsKnownApart(t *testing.T) {
	known := nearMiss{policies: `permit(principal, action, resource) when { decimal("+1.0") == decimal("1.0") };`,
		impls: []string{"model", "cedar-go"}, answers: []*Response{{Decision: Deny}, {Decision: Allow}},
		kind: KindMismatch, findOn: []string{"model", "cedar-go"}}
	unknown := known
	unknown.policies = `permit(principal, action, resource) when { decimal("1.0") == decimal("1.0") };`
	sum := newSummary(&Config{Target: TargetABAC}, 1)
	for _, c := range []nearMiss{known, unknown, known} {
		ps, err := parser.ParsePolicySet("s.cedar", []byte(c.policies))
		if err != nil {
			t.Fatal(err)
		}
		res := &TestResult{Target: TargetABAC, Impls: c.impls, Reference: 0,
			Test:    &generators.Test{Policies: ps, Requests: []syntax.Request{{}}},
			Answers: [][]Answer{{{Response: *c.answers[0]}}, {{Response: *c.answers[1]}}}}
		res.add(c.kind, c.findOn, []string{"decision"}, 0, "", "")
		res.separateKnown()
		sum.add(res, nil)
	}
	if sum.Tests != 3 || sum.Failed != 1 || sum.Passed != 2 || sum.FindingsTotal != 1 {
		t.Errorf("tests %d, failed %d, passed %d, findings %d; want 3, 1, 2, 1", sum.Tests, sum.Failed, sum.Passed, sum.FindingsTotal)
	}
	if want := map[string]int{"regressions/decimal-plus-sign-rejected": 2}; !maps.Equal(sum.Known, want) {
		t.Errorf("known %v, want %v", sum.Known, want)
	}
	if len(sum.KnownExamples) != 1 || sum.KnownExamples[0].Known != "regressions/decimal-plus-sign-rejected" {
		t.Errorf("known examples %v", sum.KnownExamples)
	}
	var text strings.Builder
	sum.WriteText(&text)
	if !strings.Contains(text.String(), "regressions/decimal-plus-sign-rejected 2") {
		t.Errorf("the text summary does not list the known differences:\n%s", text.String())
	}
}

// TestKnownRulesNameListedCases checks that every run-level rule names a
// case the replay list has for the same implementation, so that what a
// run tolerates is always pinned and documented.
func TestKnownRulesNameListedCases(t *testing.T) {
	for _, r := range KnownRules() {
		listed := false
		for _, k := range KnownDifferences() {
			listed = listed || (k.Impl == r.Impl && k.Case == r.Case)
		}
		if !listed || r.Trigger == "" || len(r.Kinds) == 0 || r.match == nil {
			t.Errorf("rule %s/%s: listed %v, trigger %q, kinds %v", r.Impl, r.Case, listed, r.Trigger, r.Kinds)
		}
	}
}
