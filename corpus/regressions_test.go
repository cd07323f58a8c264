package corpus_test

import (
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The regression corpus, corpus/regressions, holds small hand-written
// tests in the upstream layout, one per tricky rule of the Cedar
// semantics. Their expected answers come from the official engine:
//
//	go test ./corpus -run TestRegressions -update
//
// asks cedar-wasm for every decision, reason, error, request conformance
// and shouldValidate flag and rewrites the test files. Without -update the
// tests are replayed against the reference model and the production
// engine, which must agree on every case, and against cedar-go and
// cedar-wasm when they are available, which may differ only where
// diff.KnownDifferences says so.

var update = flag.Bool("update", false, "rewrite the expected answers in corpus/regressions from the official engine (cedar-wasm)")

// regressionsDir is the folder of the regression corpus, relative to this
// package; test files name their files relative to this package too
// ("regressions/<name>.cedar").
const regressionsDir = "regressions"

// minRegressions guards against the corpus silently shrinking.
const minRegressions = 120

// loadRegressions loads the regression corpus; template links come from
// each test file's "templateLinks".
func loadRegressions(t *testing.T) []*corpus.Test {
	t.Helper()
	tests, err := corpus.Load(regressionsDir)
	if err != nil {
		t.Fatalf("loading %s: %v", regressionsDir, err)
	}
	return tests
}

// caseName is the name a KnownDifference uses for a test:
// "regressions/<name>".
func caseName(testFile string) string {
	return regressionsDir + "/" + strings.TrimSuffix(filepath.Base(testFile), ".json")
}

func TestRegressions(t *testing.T) {
	if *update {
		updateRegressions(t)
	}
	tests := loadRegressions(t)
	if len(tests) < minRegressions {
		t.Errorf("found %d regression tests, want at least %d", len(tests), minRegressions)
	}
	for _, impl := range []diff.Implementation{diff.Model(), diff.Engine()} {
		t.Run(impl.Name(), func(t *testing.T) {
			rep := corpus.Replay(impl, tests, opts)
			checkReport(t, rep, nil)
		})
	}
	t.Run("cedar-go", func(t *testing.T) {
		replayTolerating(t, diff.CedarGo(), tests)
	})
	t.Run("cedar-wasm", func(t *testing.T) {
		w, err := diff.CedarWasm(cedarwasm.Options{})
		if errors.Is(err, cedarwasm.ErrNotInstalled) {
			t.Skipf("official engine not installed: %v", err)
		}
		if err != nil {
			t.Fatal(err)
		}
		defer w.Close()
		replayTolerating(t, w, tests)
	})
}

// requestCaseRE reads the request index out of a Failure's Case.
var requestCaseRE = regexp.MustCompile(`^request (\d+) `)

// replayTolerating replays tests against impl and fails on every failed
// case that diff.KnownDifferences does not list, and on every listed
// difference for impl that no longer shows (the list must stay exact).
// Only inputs with templates may be skipped, and only by an
// implementation without templates.
func replayTolerating(t *testing.T, impl diff.Implementation, tests []*corpus.Test) {
	rep := corpus.Replay(impl, tests, opts)
	t.Logf("%s: %d tests: %s", rep.Impl, rep.Tests, rep.Summary())
	for _, le := range rep.LoadErrors {
		t.Errorf("load error: %v", le)
	}
	for reason, n := range rep.SkipReasons {
		if reason != impl.Name()+" does not support templates" {
			t.Errorf("%s: %d cases skipped: %s", impl.Name(), n, reason)
		}
	}
	byName := map[string]*corpus.Test{}
	for _, tt := range tests {
		byName[tt.Name] = tt
	}
	seen := map[diff.KnownDifference]bool{}
	for _, f := range rep.Failures {
		kase := caseName(f.File)
		tolerated := false
		switch m := requestCaseRE.FindStringSubmatch(f.Case); {
		case f.Case == "shouldValidate":
			k := diff.KnownDifference{Impl: impl.Name(), Case: kase, What: diff.WhatShouldValidate}
			if tolerated = diff.IsKnownDifference(k.Impl, k.Case, 0, k.What); tolerated {
				seen[k] = true
			}
		case m != nil:
			i, _ := strconv.Atoi(m[1])
			tolerated = toleratedRequest(t, impl, byName[f.File], kase, i, seen)
		}
		if !tolerated {
			t.Errorf("%s", f)
		}
	}
	for _, k := range diff.KnownDifferences() {
		if k.Impl == impl.Name() && !seen[normalizeKnown(k)] {
			t.Errorf("known difference %+v no longer shows: remove it from diff/known.go and docs/known-differences.md", k)
		}
	}
}

func normalizeKnown(k diff.KnownDifference) diff.KnownDifference {
	k.Versions = "" // seen records what showed, whatever range the entry names
	if k.What == diff.WhatShouldValidate {
		k.Request = 0
	}
	return k
}

// toleratedRequest asks impl again for request i of tt and reports
// whether every part of its answer that differs from the expected one is
// a known difference; it records the differences it used in seen.
func toleratedRequest(t *testing.T, impl diff.Implementation, tt *corpus.Test, kase string, i int, seen map[diff.KnownDifference]bool) bool {
	if tt == nil || i >= len(tt.Requests) {
		return false
	}
	req := tt.Requests[i]
	answers, err := impl.Authorize(tt.Input(), []*syntax.Request{req.SyntaxRequest()})
	if err != nil {
		// An implementation that rejects the input is tolerated only
		// where the list says it rejects this case.
		if !diff.IsKnownDifference(impl.Name(), kase, i, diff.WhatRejected) {
			return false
		}
		seen[diff.KnownDifference{Impl: impl.Name(), Case: kase, Request: i, What: diff.WhatRejected}] = true
		return true
	}
	if answers[0].Err != nil {
		return false // an implementation that cannot answer one request is never tolerated
	}
	want, got := req.Expected(), answers[0].Response.Normalize()
	var differs []string
	if want.Decision != got.Decision {
		differs = append(differs, diff.WhatDecision)
	}
	if !slices.Equal(want.Reasons, got.Reasons) {
		differs = append(differs, diff.WhatReasons)
	}
	if !slices.Equal(want.Errors, got.Errors) {
		differs = append(differs, diff.WhatErrors)
	}
	if len(differs) == 0 {
		return false // it failed for another reason, such as request validation
	}
	for _, what := range differs {
		if !diff.IsKnownDifference(impl.Name(), kase, i, what) {
			return false
		}
	}
	for _, what := range differs {
		seen[diff.KnownDifference{Impl: impl.Name(), Case: kase, Request: i, What: what}] = true
	}
	return true
}

// regressionNameRE is the shape of a regression test name: lower-case
// words joined by dashes, saying what the test is about.
var regressionNameRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestRegressionFiles checks the layout of the regression corpus: each
// test is a set of files <name>.json, .cedar, .cedarschema,
// .entities.json and optionally .links.json, named by the test file
// relative to this package; every request says what it tests; the test
// file is in the canonical format -update writes (so that an update
// changes only answers); and no file belongs to no test.
func TestRegressionFiles(t *testing.T) {
	entries, err := os.ReadDir(regressionsDir)
	if err != nil {
		t.Fatal(err)
	}
	owned := map[string]bool{}
	for _, e := range entries {
		file := e.Name()
		if !strings.HasSuffix(file, ".json") || strings.HasSuffix(file, ".entities.json") {
			continue
		}
		name := strings.TrimSuffix(file, ".json")
		owned[file] = true
		if !regressionNameRE.MatchString(name) {
			t.Errorf("%s: name should be lower-case words joined by dashes", file)
		}
		data, err := os.ReadFile(filepath.Join(regressionsDir, file))
		if err != nil {
			t.Fatal(err)
		}
		var rf regressionFile
		dec := json.NewDecoder(strings.NewReader(string(data)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&rf); err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		for _, ref := range []struct{ got, ext string }{
			{rf.Policies, ".cedar"}, {rf.Schema, ".cedarschema"}, {rf.Entities, ".entities.json"},
		} {
			want := regressionsDir + "/" + name + ref.ext
			if ref.got != want {
				t.Errorf("%s: names %q, want %q", file, ref.got, want)
			}
			owned[name+ref.ext] = true
		}
		if len(rf.Requests) == 0 {
			t.Errorf("%s: no requests", file)
		}
		for i, r := range rf.Requests {
			if strings.TrimSpace(r.Description) == "" {
				t.Errorf("%s: request %d has no description of the rule it tests", file, i)
			}
		}
		canonical, err := marshalRegression(&rf)
		if err != nil {
			t.Fatal(err)
		}
		if string(canonical) != string(data) {
			t.Errorf("%s: not in the canonical format; run go test ./corpus -run TestRegressions -update", file)
		}
	}
	for _, e := range entries {
		if !owned[e.Name()] {
			t.Errorf("%s/%s belongs to no test", regressionsDir, e.Name())
		}
	}
}
