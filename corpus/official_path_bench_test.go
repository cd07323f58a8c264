package corpus_test

import (
	"errors"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// officialBenchTests is how many tests of the official dev corpus the
// official-path benchmark cycles through.
const officialBenchTests = 300

// BenchmarkOfficialPath measures the official engine (cedar-wasm, one
// Node.js process) as the harness calls it, per test of the official
// dev corpus: authorizing its requests, validating its policies,
// validating in detail (policies, requests and entities) and parsing its
// policy text. It is written against the API the cedar-wasm adapter had
// before it became a protocol server too, so the same file runs on that
// commit and on today's to compare the two paths side by side
// (issue 12: the new path is to be at least as fast).
func BenchmarkOfficialPath(b *testing.B) {
	dir := testdata.RequireCorpusArchive(b)
	var tests []*corpus.Test
	err := corpus.Walk(dir, func(t *corpus.Test, err error) error {
		if err == nil && len(tests) < officialBenchTests && t.PolicyText != "" {
			tests = append(tests, t)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	w, err := diff.CedarWasm(cedarwasm.Options{Processes: 1})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		b.Skipf("skipping: %v", err)
	}
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	type work struct {
		in   *diff.Input
		reqs []*syntax.Request
		text []string
	}
	works := make([]work, len(tests))
	for i, t := range tests {
		in := &diff.Input{Name: t.Name, Policies: t.Policies, Entities: t.Entities, Schema: t.Schema,
			PolicyText: t.PolicyText, SchemaText: t.SchemaText, EntitiesJSON: t.EntitiesJSON}
		works[i] = work{in: in, text: []string{t.PolicyText}}
		for _, r := range t.Requests {
			works[i].reqs = append(works[i].reqs, r.SyntaxRequest())
		}
	}
	calls := []struct {
		name string
		call func(work) error
	}{
		{"Authorize", func(x work) error { _, err := w.Authorize(x.in, x.reqs); return err }},
		{"Validate", func(x work) error { _, err := w.Validate(x.in); return err }},
		{"ValidateInDetail", func(x work) error { _, err := w.ValidateInDetail(x.in, x.reqs); return err }},
		{"Parse", func(x work) error { _, err := w.ParsePolicySets(x.text); return err }},
	}
	for _, c := range calls {
		for _, x := range works { // warm up the engine's code paths
			_ = c.call(x)
		}
	}
	for _, c := range calls {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			failed := 0
			for i := range b.N {
				if c.call(works[i%len(works)]) != nil {
					failed++
				}
			}
			// A path that fails fast would look fast: say how often.
			b.ReportMetric(float64(failed)/float64(b.N), "errors/op")
		})
	}
}
