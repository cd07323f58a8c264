package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/shrink"
	"github.com/cedar-crosscheck/crosscheck/reports"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// corpusCaseRE reads the request index out of a corpus.Failure's Case.
var corpusCaseRE = regexp.MustCompile(`^request (\d+) `)

// checkCorpusTest checks one integration test: its requests (through
// corpus.Replay, the expectations being those recorded in the test) and
// its shouldValidate flag. knownRoot, when not empty, is the folder that
// holds regressions/: a failure there that diff.IsKnownDifference lists
// for the implementation is a known difference.
func (s *conformanceSession) checkCorpusTest(source, knownRoot string, t *corpus.Test) []*conformanceCheck {
	var reqs []*syntax.Request
	expectErrors := false
	for _, r := range t.Requests {
		reqs = append(reqs, r.SyntaxRequest())
		expectErrors = expectErrors || len(r.Errors) > 0
	}
	areas := reports.AreasOf(t.Policies, t.Entities, reqs, expectErrors)
	kase := ""
	if knownRoot != "" {
		if rel, err := filepath.Rel(knownRoot, t.Name); err == nil {
			kase = strings.TrimSuffix(filepath.ToSlash(rel), ".json")
		}
	}
	replay := corpusReplayCommand(s.implName, t.Name)
	var out []*conformanceCheck

	rep := corpus.Replay(noValidator{s.impl}, []*corpus.Test{t}, corpus.Options{Parallel: 1, Timeout: s.testTimeout})
	c := &conformanceCheck{source: source, test: t.Name, check: "requests", areas: areas, replay: replay}
	var failed, known []string
	signature := ""
	for _, f := range rep.Failures {
		line := f.Case + ": " + f.Detail
		if kc := s.knownRequest(kase, f.Case); kc != "" {
			c.knownCase = kc
			known = append(known, line)
			continue
		}
		if signature == "" {
			// The kind of failure, without the request's description.
			first, _, _ := strings.Cut(f.Detail, "\n")
			signature = "corpus requests: " + first
		}
		failed = append(failed, line)
	}
	var feature string
	for reason, n := range rep.SkipReasons {
		if f, ok := strings.CutPrefix(reason, s.implName+" does not support "); ok && n > 0 {
			feature = f
		}
	}
	switch {
	case len(failed) > 0:
		c.outcome, c.detail = reports.OutcomeFailed, strings.Join(failed, "\n")
		c.signature = signature
		c.minimize = func(m *minimizer) (string, string) { return m.corpusRequests(t) }
	case len(known) > 0:
		c.outcome, c.detail = reports.OutcomeKnown, strings.Join(known, "\n")
	case rep.Passed > 0:
		c.outcome = reports.OutcomePassed
	case feature != "":
		c.outcome, c.feature = reports.OutcomeUnsupported, feature
	case len(t.Requests) == 0:
		c = nil
	default:
		c.outcome = reports.OutcomeInconclusive
	}
	if c != nil {
		out = append(out, c)
	}

	out = append(out, s.corpusParseChecks(source, &corpusTestTexts{name: t.Name, policyText: t.PolicyText, schemaText: t.SchemaText, policies: t.Policies})...)
	if t.Schema != nil {
		v := &conformanceCheck{source: source, test: t.Name, check: "shouldValidate", areas: []string{reports.AreaValidation}, replay: replay}
		v.outcome, v.feature, v.detail, v.knownCase = validationCheck(s.impl, t.Input(), t.ShouldValidate, func() string {
			if kase != "" && diff.IsKnownDifference(s.implName, kase, 0, diff.WhatShouldValidate) {
				return kase
			}
			return ""
		})
		if v.outcome == reports.OutcomeFailed {
			v.signature = "corpus shouldValidate"
			v.minimize = func(m *minimizer) (string, string) {
				return m.validation(testOfCorpus(t), "corpus shouldValidate "+t.Name)
			}
		}
		out = append(out, v)
	}
	return out
}

// knownRequest returns kase when the documented differences list a part
// of the request a corpus.Failure's Case names for the implementation.
func (s *conformanceSession) knownRequest(kase, failureCase string) string {
	m := corpusCaseRE.FindStringSubmatch(failureCase)
	if kase == "" || m == nil {
		return ""
	}
	i, _ := strconv.Atoi(m[1])
	for _, what := range []string{diff.WhatDecision, diff.WhatReasons, diff.WhatErrors, diff.WhatRejected} {
		if diff.IsKnownDifference(s.implName, kase, i, what) {
			return kase
		}
	}
	return ""
}

// corpusReplayCommand replays one corpus test: a file, or an archive
// member selected with --run.
func corpusReplayCommand(impl, name string) string {
	if archive, member, ok := strings.Cut(name, ".tar.gz:"); ok {
		hash := strings.TrimSuffix(filepath.Base(member), ".json")
		return fmt.Sprintf("crosscheck replay --impl %s --run %s %s", diff.ShellQuote(impl), diff.ShellQuote(regexp.QuoteMeta(hash)), diff.ShellQuote(archive+".tar.gz"))
	}
	return fmt.Sprintf("crosscheck replay --impl %s %s", diff.ShellQuote(impl), diff.ShellQuote(name))
}

// corpusRequests minimizes a corpus test on which the reference and the
// implementation disagree, like `crosscheck shrink`.
func (m *minimizer) corpusRequests(t *corpus.Test) (string, string) {
	gt := testOfCorpus(t)
	var agree []string
	for _, judge := range m.judges() {
		impls := []diff.Implementation{judge, m.impl}
		req, outcome := shrink.FirstMismatch(impls, gt)
		if req < 0 {
			agree = append(agree, judge.Name())
			continue
		}
		start := shrink.OnlyRequest(gt, req)
		keep := shrink.SameOutcome(impls, start, outcome)
		return m.saveJudged(judge, start, keep, fmt.Sprintf("conformance [%s,%s] on %s", judge.Name(), m.impl.Name(), outcome), t.Name)
	}
	// The shrinker rebuilds the test from its parsed form (canonical
	// entity JSON, which lists the schema's action entities), so an
	// implementation that misreads the original files may agree there.
	return "", fmt.Sprintf("on the test as the shrinker rebuilds it, %s agree with %s (it writes canonical entity JSON, which lists the schema's action entities with their groups; an implementation that misreads the original files may answer it right): replay the original, %s",
		strings.Join(agree, " and "), m.impl.Name(), corpusReplayCommand(m.impl.Name(), t.Name))
}
