package findings

import (
	"sync"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/shrink"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func TestDescriptionRoundTrip(t *testing.T) {
	for _, rec := range []Record{
		{Signature: "mismatch abac [model,engine] on decision,reasons", Seed: -3, Index: 17, Request: 2,
			Command: "crosscheck repro --seed -3 --index 17 --target abac --impl model,engine"},
		{Signature: "engine: answer; cedar-go: errors", Command: "crosscheck shrink a; b.json"},
		{Signature: "x", Request: -1},
		{Signature: "mismatch rbac [model,exec:python3 s.py] on decision", Request: 1,
			Versions: "crosscheck devel (cedar 4.5, go1.26.0 linux/amd64); model = crosscheck model devel (cedar 4.5); exec:python3 s.py = python-rbac 0.1.0 (cedar 4.5)",
			Command:  "crosscheck repro --seed 1 --index 2 --target rbac --impl 'model,exec:python3 s.py'"},
	} {
		got, ok := ParseDescription(rec.Description())
		if !ok || got != rec {
			t.Errorf("ParseDescription(%q) = %+v, %v; want %+v", rec.Description(), got, ok, rec)
		}
	}
	for _, s := range []string{"", "Request 0", "crosscheck finding; seed: 1", "crosscheck finding; signature: s; seed: x; index: 1; request: 0; repro: c"} {
		if r, ok := ParseDescription(s); ok {
			t.Errorf("ParseDescription(%q) = %+v, want not ok", s, r)
		}
	}
}

// reasonless answers as the model does but never gives reasons: a
// planted bug that every allowed request shows.
type reasonless struct{ diff.Implementation }

func (reasonless) Name() string { return "reasonless" }

func (r reasonless) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	answers, err := r.Implementation.Authorize(in, reqs)
	for i := range answers {
		answers[i].Response.Reasons = nil
	}
	return answers, err
}

func lookup(name string) (diff.Implementation, error) {
	if name == "reasonless" {
		return reasonless{diff.Model()}, nil
	}
	return diff.Model(), nil
}

// finding returns a mismatch finding of the model and reasonless on a
// generated test.
func finding(t *testing.T) *diff.Finding {
	impls := []diff.Implementation{diff.Model(), reasonless{diff.Model()}}
	for i := range uint64(200) {
		tc := generators.Generate(generators.DefaultSettings(), 7, i)
		if req, _ := shrink.FirstMismatch(impls, tc); req >= 0 {
			return &diff.Finding{
				Kind: diff.KindMismatch, Target: diff.TargetABAC, Seed: 7, Index: i, Request: req,
				Impls: []string{"model", "reasonless"}, On: []string{"reasons"},
				Command: diff.ReproCommand(7, i, diff.TargetABAC, []string{"model", "reasonless"}),
				Test:    tc,
			}
		}
	}
	t.Fatal("no mismatch in 200 generated tests")
	return nil
}

func TestSaveShrunkFinding(t *testing.T) {
	f := finding(t)
	shrunk, st, err := shrink.Finding(f, lookup, shrink.Budget{Time: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("shrunk in %v: cost %d -> %d", st.Elapsed, st.Before, st.After)
	dir := t.TempDir()
	s := &Saver{Dir: dir}
	path, dup, err := s.Save(f, shrunk)
	if err != nil || dup {
		t.Fatalf("Save = %q, %v, %v", path, dup, err)
	}
	ct, err := corpus.LoadFile(path)
	if err != nil {
		t.Fatalf("the saved finding does not load: %v", err)
	}
	if len(ct.Requests) != 1 || len(ct.Policies.Policies) != 1 {
		t.Errorf("saved %d requests, %d policies; want 1 and 1:\n%s", len(ct.Requests), len(ct.Policies.Policies), ct.PolicyText)
	}
	rec, ok := ParseDescription(ct.Requests[0].Description)
	if !ok || rec.Signature != f.Signature().String() || rec.Seed != 7 || rec.Index != f.Index || rec.Command != f.Command {
		t.Errorf("description %q does not record the finding (%+v)", ct.Requests[0].Description, rec)
	}
	// The expectations are the reference's: the model passes, the buggy
	// implementation fails.
	if rep := corpus.Replay(diff.Model(), []*corpus.Test{ct}, corpus.Options{}); !rep.OK() {
		t.Errorf("the model fails its own finding: %v", rep.Failures)
	}
	if rep := corpus.Replay(reasonless{diff.Model()}, []*corpus.Test{ct}, corpus.Options{}); rep.Failed == 0 {
		t.Errorf("the buggy implementation passes the finding")
	}

	// The same signature again is a duplicate, in this run and in the
	// next one (read back from disk).
	f2 := *f
	f2.Index++
	if p, dup, err := s.Save(&f2, shrunk); err != nil || !dup || p != path {
		t.Errorf("second Save = %q, %v, %v; want %q, true, nil", p, dup, err, path)
	}
	s2 := &Saver{Dir: dir}
	if p, dup, err := s2.Save(f, shrunk); err != nil || !dup || p != path {
		t.Errorf("Save in a new run = %q, %v, %v; want %q, true, nil", p, dup, err, path)
	}
	// Another signature is saved beside it.
	f3 := *f
	f3.On = []string{"decision"}
	if p, dup, err := s2.Save(&f3, shrunk); err != nil || dup || p == path {
		t.Errorf("Save of another signature = %q, %v, %v", p, dup, err)
	}
	seen, err := s2.Seen()
	if err != nil || len(seen) != 2 {
		t.Errorf("Seen = %v, %v; want 2 signatures", seen, err)
	}
}

// TestSaveConcurrently saves findings of a few signatures from many
// goroutines: each signature is saved once, and every other save of it
// is a duplicate of that path.
func TestSaveConcurrently(t *testing.T) {
	f := finding(t)
	shrunk, _, err := shrink.Finding(f, lookup, shrink.Budget{Time: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	s := &Saver{Dir: t.TempDir()}
	type result struct {
		sig, path string
		dup       bool
	}
	results := make(chan result, 16)
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := *f
			g.On = []string{[]string{"reasons", "decision", "errors", "answer"}[i%4]}
			path, dup, err := s.Save(&g, shrunk)
			if err != nil {
				t.Error(err)
			}
			results <- result{g.Signature().String(), path, dup}
		}()
	}
	wg.Wait()
	close(results)
	paths := map[string]string{}
	saved := 0
	for r := range results {
		if !r.dup {
			saved++
		}
		if p, ok := paths[r.sig]; ok && p != r.path {
			t.Errorf("%s saved at %s and %s", r.sig, p, r.path)
		}
		paths[r.sig] = r.path
	}
	if saved != 4 || len(paths) != 4 {
		t.Errorf("%d saved, %d signatures; want 4 and 4", saved, len(paths))
	}
}
