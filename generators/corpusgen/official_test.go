package corpusgen

import (
	"fmt"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// TestOfficialEngineAgrees replays generated tests of every mode through
// the official Rust engine (cedar-wasm): the answers the model wrote,
// and shouldValidate, must be the official ones. It skips when Node or
// the cedar-wasm package is not installed.
func TestOfficialEngineAgrees(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Node processes")
	}
	if _, _, err := cedarwasm.Locate(); err != nil {
		t.Skipf("cedar-wasm not available: %v", err)
	}
	w, err := diff.CedarWasm(cedarwasm.Options{})
	if err != nil {
		t.Skipf("cedar-wasm not available: %v", err)
	}
	defer w.Close()
	for _, mode := range []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeRBAC, generators.ModeExpr} {
		s := generators.DefaultSettings()
		s.Mode = mode
		var tests []*corpus.Test
		for i := range 200 {
			tc := generators.Generate(s, 101, uint64(i))
			ct, err := Convert(tc)
			if err != nil {
				t.Fatalf("%s test 101/%d: %v", mode, i, err)
			}
			ct.Name = fmt.Sprintf("%s test 101/%d", mode, i)
			tests = append(tests, ct)
		}
		rep := corpus.Replay(w, tests, corpus.Options{})
		t.Logf("%s: %s", mode, rep.Summary())
		for i, f := range rep.Failures {
			if i < 5 {
				t.Errorf("%s", f)
			}
		}
		if !rep.OK() {
			t.Errorf("%s: cedar-wasm disagrees with the generated answers: %s", mode, rep.Summary())
		}
	}
}
