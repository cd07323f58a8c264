package diff

import "testing"

// TestCedarWasmsOf: the parse target asks every release of the official
// engine among the implementations, guarded or not, in their order.
func TestCedarWasmsOf(t *testing.T) {
	a, b := &CedarWasmImpl{}, &CedarWasmImpl{}
	impls := []Implementation{Model(), a, Engine(), guarded{b}}
	got := cedarWasmsOf(impls)
	if len(got) != 2 || got[0] != a || got[1] != b {
		t.Errorf("cedarWasmsOf = %v, want both releases in order", got)
	}
	if cedarWasmOf(impls) != a {
		t.Error("cedarWasmOf is not the first release")
	}
	if cedarWasmsOf([]Implementation{Model(), Engine()}) != nil || cedarWasmOf(nil) != nil {
		t.Error("a release found where there is none")
	}
}
