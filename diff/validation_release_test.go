package diff

import (
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/google/go-cmp/cmp"
)

// TestAtReleaseOf: for a cedar-wasm release before 4.13.0 the model's
// InvalidActionApplication warning is expected as an error (and only
// that kind moves); for 4.13.0, later releases, other families and
// names of unknown release the model's detail is compared as it is.
func TestAtReleaseOf(t *testing.T) {
	model := &ValidationDetail{Policies: map[string]*PolicyDetail{
		"p": {Warnings: []string{"ImpossiblePolicy", "InvalidActionApplication"}},
		"q": {Errors: []string{"UnexpectedType"}},
	}}
	for _, tt := range []struct {
		impl               string
		pErrors, pWarnings []string
	}{
		{"cedar-wasm@4.12.0", []string{"InvalidActionApplication"}, []string{"ImpossiblePolicy"}},
		{"cedar-wasm@4.5.0", []string{"InvalidActionApplication"}, []string{"ImpossiblePolicy"}},
		{"cedar-wasm@4.1.0", []string{"InvalidActionApplication"}, []string{"ImpossiblePolicy"}},
		{"cedar-wasm@4.13.0", nil, []string{"ImpossiblePolicy", "InvalidActionApplication"}},
		{"cedar-wasm@5.0.0", nil, []string{"ImpossiblePolicy", "InvalidActionApplication"}},
		{"cedar-go@v1.2.1", nil, []string{"ImpossiblePolicy", "InvalidActionApplication"}},
		{"exec:./server", nil, []string{"ImpossiblePolicy", "InvalidActionApplication"}},
	} {
		got := atReleaseOf(model, tt.impl)
		p, q := got.Policies["p"], got.Policies["q"]
		if !slices.Equal(p.Errors, tt.pErrors) || !slices.Equal(p.Warnings, tt.pWarnings) {
			t.Errorf("%s: p has errors %v warnings %v, want %v and %v", tt.impl, p.Errors, p.Warnings, tt.pErrors, tt.pWarnings)
		}
		if !slices.Equal(q.Errors, []string{"UnexpectedType"}) || len(q.Warnings) != 0 {
			t.Errorf("%s: q changed: %+v", tt.impl, q)
		}
	}
	if p := model.Policies["p"]; len(p.Errors) != 0 || len(p.Warnings) != 2 {
		t.Errorf("the model's detail was changed: %+v", p)
	}
	// With the release's severities, a release that errs where the model
	// warns agrees; the pinned engine erring there still disagrees.
	old := &ValidationDetail{Policies: map[string]*PolicyDetail{
		"p": {Errors: []string{"InvalidActionApplication"}, Warnings: []string{"ImpossiblePolicy"}},
		"q": {Errors: []string{"UnexpectedType"}},
	}}
	ps := &syntax.PolicySet{Policies: []*syntax.Policy{{ID: "p"}, {ID: "q"}}}
	if d := compareDetails(atReleaseOf(model, "cedar-wasm@4.12.0"), old, ps); len(d) != 0 {
		t.Errorf("4.12.0: %+v, want no difference", d)
	}
	if d := compareDetails(atReleaseOf(model, "cedar-wasm@4.13.0"), old, ps); len(d) != 1 || d[0].on != onPolicyValidates {
		t.Errorf("4.13.0: %+v, want the policy-validates difference", d)
	}
}

// TestSplitHasPaths: our policy JSON of `principal.x has a.b.c` split
// for a release before 4.13.0 is the text cedar-wasm 4.12.0 writes
// (copied from its policyToJson); a one-attribute has and literal values
// are left alone; only releases before 4.13.0 split.
func TestSplitHasPaths(t *testing.T) {
	ours := exactJSON([]byte(`{"has":{"left":{".":{"left":{"Var":"principal"},"attr":"x"}},"attr":["a","b","c"]}}`))
	want := exactJSON([]byte(`{"&&":{"left":{"&&":{"left":{"has":{"left":{".":{"left":{"Var":"principal"},"attr":"x"}},"attr":"a"}},"right":{"has":{"left":{".":{"left":{".":{"left":{"Var":"principal"},"attr":"x"}},"attr":"a"}},"attr":"b"}}}},"right":{"has":{"left":{".":{"left":{".":{"left":{".":{"left":{"Var":"principal"},"attr":"x"}},"attr":"a"}},"attr":"b"}},"attr":"c"}}}}`))
	if d := cmp.Diff(want, splitHasPaths(ours)); d != "" {
		t.Errorf("split (-4.12.0 +ours split):\n%s", d)
	}
	for _, same := range []string{
		`{"has":{"left":{"Var":"principal"},"attr":"a"}}`,
		`{"==":{"left":{"Value":{"has":{"left":1,"attr":["a","b"]}}},"right":{"Var":"context"}}}`,
	} {
		v := exactJSON([]byte(same))
		if d := cmp.Diff(v, splitHasPaths(v)); d != "" {
			t.Errorf("%s changed:\n%s", same, d)
		}
	}
	for impl, want := range map[string]bool{"cedar-wasm@4.12.0": true, "cedar-wasm@4.5.0": true, "cedar-wasm@4.13.0": false, "cedar-go@v1.9.2": false, "exec:x": false} {
		if got := splitsHasPaths(impl); got != want {
			t.Errorf("splitsHasPaths(%s) = %v, want %v", impl, got, want)
		}
	}
}
