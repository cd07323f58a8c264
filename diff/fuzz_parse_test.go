package diff

import (
	"errors"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/spelling"
)

// FuzzParseOfficial generates a policy set from the fuzzer's bytes,
// re-spells and mutates it with choices seeded by spelling, and checks
// every text as the parse target does: our parser against cedar-wasm.
// It skips when cedar-wasm is not installed.
//
//	go test ./diff -run '^$' -fuzz '^FuzzParseOfficial$' -fuzztime 30s
func FuzzParseOfficial(f *testing.F) {
	w := officialParser(f)
	for _, s := range [][]byte{nil, {1, 2, 3, 4, 5, 6, 7, 8}, {7, 3, 200, 41, 9, 9, 9, 9, 250, 1}} {
		for mode := range uint8(3) {
			f.Add(mode, int64(1), s)
		}
	}
	cfg := &Config{Impls: []Implementation{w}}
	f.Fuzz(func(t *testing.T, mode uint8, spellSeed int64, data []byte) {
		s := generators.DefaultSettings()
		s.Mode = mixedModes[int(mode)%len(mixedModes)]
		tc := generators.FromBytes(s, data)
		tc.Seed = spellSeed // the re-spelling stream is drawn from (Seed, Index)
		if res := cfg.CheckTest(TargetParse, tc); res.Failed() {
			failTest(t, res)
		}
	})
}

// FuzzParseTextOfficial checks raw text: our parser and cedar-wasm must
// agree on whether it is a policy set and, when it is, on the policy JSON
// of every policy. It skips when cedar-wasm is not installed.
//
//	go test ./diff -run '^$' -fuzz '^FuzzParseTextOfficial$' -fuzztime 30s
func FuzzParseTextOfficial(f *testing.F) {
	w := officialParser(f)
	for _, s := range []string{
		"permit(principal, action, resource);",
		"@id(\"a\") forbid(principal == User::\"\\u{e9}\", action in [Action::\"v\"], resource is NS::R in G::\"g\") when { context.n >= -9223372036854775808 } unless { resource has a.b };",
		"permit(principal,action,resource) when { \"a\\*b\" like \"a\\*\\u{2a}\" && !!(1 != 2) };\r\n// end",
	} {
		f.Add(s)
	}
	cfg := &Config{Impls: []Implementation{w}}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) {
			t.Skip("Cedar text is UTF-8, and the engine's JSON protocol would replace the bad bytes")
		}
		res := &TestResult{Target: TargetParse, Reference: -1}
		cfg.compareParses(res, []*parseText{{text: text, mutations: []spelling.Mutation{"raw text"}}}, nil, newTracker())
		if res.Failed() {
			t.Fatalf("%s", res.Findings[0])
		}
	})
}

var (
	officialOnce sync.Once
	official     *CedarWasmImpl
	officialErr  error
)

// officialParser returns cedar-wasm, shared by the fuzz targets of one
// test binary, or skips.
func officialParser(f *testing.F) *CedarWasmImpl {
	officialOnce.Do(func() { official, officialErr = CedarWasm(cedarwasm.Options{Processes: 1}) })
	if errors.Is(officialErr, cedarwasm.ErrNotInstalled) {
		f.Skipf("skipping: %v", officialErr)
	}
	if officialErr != nil {
		f.Fatal(officialErr)
	}
	return official
}
