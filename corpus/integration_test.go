package corpus_test

import (
	"fmt"
	"hash/fnv"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

// These tests are the project's acceptance tests: the official
// hand-written integration tests and the whole dev corpus, replayed
// against the reference model and the production engine, must pass with
// no failure and nothing skipped.

func implementations() []diff.Implementation {
	return []diff.Implementation{diff.Model(), diff.Engine()}
}

var opts = corpus.Options{Validator: diff.Model()}

// checkReport fails the test on load errors, failures or skips, showing
// the first failures and a count of failures by kind.
func checkReport(t *testing.T, rep *corpus.Report, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %d tests: %s", rep.Impl, rep.Tests, rep.Summary())
	for i, le := range rep.LoadErrors {
		if i == 10 {
			t.Errorf("... and %d more load errors", len(rep.LoadErrors)-10)
			break
		}
		t.Errorf("load error: %v", le)
	}
	if rep.Failed > 0 {
		var b strings.Builder
		for i, f := range rep.Failures {
			if i == 20 {
				fmt.Fprintf(&b, "... and %d more\n", len(rep.Failures)-20)
				break
			}
			b.WriteString(f.String())
			b.WriteString("\n")
		}
		t.Errorf("%s: %s\nfailures by kind:\n%s\nfirst failures:\n%s", rep.Impl, rep.Summary(), failureKinds(rep), b.String())
	}
	if rep.Skipped > 0 {
		t.Errorf("%s: %d cases skipped: %v", rep.Impl, rep.Skipped, rep.SkipReasons)
	}
}

// failureKinds groups failures by the first line of their detail, with
// file names and numbers left out, to show what kind of semantics fail.
func failureKinds(rep *corpus.Report) string {
	counts := map[string]int{}
	for _, f := range rep.Failures {
		kind := f.Case
		if strings.HasPrefix(kind, "request") {
			kind = "request"
		}
		line, _, _ := strings.Cut(f.Detail, "\n")
		if len(line) > 120 {
			line = line[:120]
		}
		counts[kind+": "+line]++
	}
	var keys []string
	for k := range counts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return counts[keys[i]] > counts[keys[j]] })
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%6d  %s\n", counts[k], k)
	}
	return b.String()
}

// replayAll loads the tests at path that match once, and replays them in
// batches against every implementation, so that loading (the slow part
// under the race detector) is not repeated per implementation.
func replayAll(t *testing.T, path string, match func(string) bool) []*corpus.Report {
	impls := implementations()
	reps := make([]*corpus.Report, len(impls))
	for i, impl := range impls {
		reps[i] = &corpus.Report{Impl: impl.Name(), SkipReasons: map[string]int{}}
	}
	var batch []*corpus.Test
	var loadErrs []error
	flush := func() {
		for i, impl := range impls {
			r := corpus.Replay(impl, batch, opts)
			reps[i].Tests += r.Tests
			reps[i].Passed += r.Passed
			reps[i].Failed += r.Failed
			reps[i].Skipped += r.Skipped
			reps[i].Failures = append(reps[i].Failures, r.Failures...)
			for k, v := range r.SkipReasons {
				reps[i].SkipReasons[k] += v
			}
		}
		batch = nil
	}
	err := corpus.WalkMatching(path, match, func(tt *corpus.Test, err error) error {
		if err != nil {
			loadErrs = append(loadErrs, err)
			return nil
		}
		if batch = append(batch, tt); len(batch) == 256 {
			flush()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	flush()
	for _, r := range reps {
		r.LoadErrors = loadErrs
	}
	return reps
}

func TestReplayHandWrittenTests(t *testing.T) {
	dir := filepath.Join(testdata.Require(t), "tests")
	for _, rep := range replayAll(t, dir, nil) {
		t.Run(rep.Impl, func(t *testing.T) {
			checkReport(t, rep, nil)
			// 22 tests with 74 requests: one case per request and per
			// shouldValidate flag.
			if rep.Tests != 22 || rep.Passed+rep.Failed+rep.Skipped != 96 {
				t.Errorf("found %d tests and %d cases, want 22 and 96", rep.Tests, rep.Passed+rep.Failed+rep.Skipped)
			}
		})
	}
}

// inSample picks about one test file in ten, by a hash of its name, so
// the sample is the same on every run.
func inSample(name string) bool {
	h := fnv.New32a()
	h.Write([]byte(name))
	return h.Sum32()%10 == 0
}

// TestReplayCorpusArchive replays the dev corpus (3,957 tests, 35,613
// cases). With -short it replays a fixed sample of about a tenth of the
// tests, to keep runs under the race detector quick.
func TestReplayCorpusArchive(t *testing.T) {
	archive := testdata.RequireCorpusArchive(t)
	start := time.Now()
	var match func(string) bool
	if testing.Short() {
		match = inSample
	}
	reps := replayAll(t, archive, match)
	t.Logf("loaded and replayed against %d implementations in %v", len(reps), time.Since(start))
	for _, rep := range reps {
		t.Run(rep.Impl, func(t *testing.T) {
			checkReport(t, rep, nil)
			if !testing.Short() && rep.Tests+len(rep.LoadErrors) != 3957 {
				t.Errorf("found %d tests in the archive, want 3957", rep.Tests+len(rep.LoadErrors))
			}
		})
	}
}
