package diff

import (
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/spelling"
	"github.com/cedar-crosscheck/crosscheck/syntax"
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

// FuzzDataJSONOfficial checks raw text as entity JSON and as a context,
// without a schema: our readers (with the model's evaluation of the
// values) and cedar-wasm's checkParseEntities and checkParseContext must
// agree on whether it is valid, up to the strictness cedarjson documents.
// Texts nested deeper than 64 levels are skipped: the engine's wasm
// stack gives out at about 80. It skips when cedar-wasm is not
// installed.
//
//	go test ./diff -run '^$' -fuzz '^FuzzDataJSONOfficial$' -fuzztime 30s
func FuzzDataJSONOfficial(f *testing.F) {
	w := officialParser(f)
	for _, s := range []string{
		`[{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 9223372036854775807, "e": {"__entity": {"type": "G", "id": "g"}}}, "parents": [{"__entity": {"type": "G", "id": "g"}}]}]`,
		`{"ip": {"__extn": {"fn": "ip", "arg": "10.0.0.1"}}, "s": "\u00e9\ud83d\ude00", "n": -0}`,
		`{"a": 1, "a": 2}`,
		`[{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 1.0}, "parents": []}]`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\n\r") || jsonDepth(text) > 64 {
			t.Skip("not one line of UTF-8, or too deep for the engine")
		}
		cs := []*dataCheck{
			{what: "raw entity JSON", on: "entities", text: text, ours: readEntities(text, nil),
				call: cedarwasm.DataCall{Fn: "checkParseEntities", Arg: json.RawMessage(`{"entities":` + text + `}`), Data: text}},
			{what: "a raw context", on: "context", text: text, ours: readContext(text, nil, syntax.EntityUID{}),
				call: cedarwasm.DataCall{Fn: "checkParseContext", Arg: json.RawMessage(`{"context":` + text + `}`), Data: text}},
		}
		if !json.Valid([]byte(`{"entities":` + text + `}`)) {
			t.Skip("the call itself would not be JSON") // the driver's protocol needs it
		}
		calls := []cedarwasm.DataCall{cs[0].call, cs[1].call}
		answers, err := w.DataCalls(calls)
		if err != nil {
			t.Skipf("inconclusive: %v", err)
		}
		res := &TestResult{Target: TargetParse, Reference: -1}
		compareData(res, cs, answers, w.Name())
		if res.Failed() {
			t.Fatalf("%s", res.Findings[0])
		}
	})
}

// jsonDepth is the deepest bracket nesting of text (strings ignored
// roughly: a bracket in a string counts too, which only skips more).
func jsonDepth(text string) int {
	depth, most := 0, 0
	for _, c := range text {
		switch c {
		case '[', '{':
			depth++
			most = max(most, depth)
		case ']', '}':
			depth--
		}
	}
	return most
}
