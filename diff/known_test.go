package diff

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
		case WhatDecision, WhatReasons, WhatErrors, WhatShouldValidate:
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
