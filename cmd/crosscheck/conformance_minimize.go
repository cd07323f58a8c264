package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/cedar-crosscheck/crosscheck/corpus/findings"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/shrink"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// minimizer shrinks conformance failures and saves them under dir in the
// corpus layout, with the reference's answers as the expectations.
type minimizer struct {
	ref, impl diff.Implementation
	saver     *findings.Saver // saves with ref's answers
	// modelSaver saves with the model's answers, for a corpus failure on
	// which ref agrees with the implementation; nil when ref is the model.
	modelSaver *findings.Saver
	perTest    time.Duration // the most time for one failure
	deadline   time.Time     // no minimization starts after it
}

// spent reports whether the total budget is gone.
func (m *minimizer) spent() bool { return time.Now().After(m.deadline) }

// judges are the implementations a corpus failure is minimized against,
// in order: the reference, then the model (corpus tests are replayed
// green by the model, and the reference's adapter may read a test
// differently from the recorded answers).
func (m *minimizer) judges() []diff.Implementation {
	if m.modelSaver == nil {
		return []diff.Implementation{m.ref}
	}
	return []diff.Implementation{m.ref, m.modelSaver.Reference}
}

// saveJudged is save with the expectations of judge.
func (m *minimizer) saveJudged(judge diff.Implementation, start *generators.Test, keep shrink.Predicate, signature, origin string) (string, string) {
	if judge != m.ref && m.modelSaver != nil {
		saved := m.saver
		defer func() { m.saver = saved }()
		m.saver = m.modelSaver
	}
	return m.save(start, keep, signature, origin)
}

// save minimizes start while keep holds and saves the result; it returns
// the path of the saved test (an earlier one with the same signature,
// when there is one) or a note saying why there is none.
func (m *minimizer) save(start *generators.Test, keep shrink.Predicate, signature, origin string) (string, string) {
	if !keep(start) {
		return "", "the failure does not show again when the test is rerun through the reference and the implementation"
	}
	small, st := shrink.Minimize(start, keep, shrink.Budget{Time: min(m.perTest, time.Until(m.deadline)+time.Second)})
	rec := findings.Record{Signature: signature, Request: 0, Command: origin}
	path, dup, err := m.saver.SaveTest(rec, small)
	if err != nil {
		return "", err.Error()
	}
	note := fmt.Sprintf("%d policies, %d entities, %d AST nodes; %d candidates tried in %v",
		len(small.Policies.Policies)+len(small.Policies.Links), len(small.Entities), shrink.PolicyNodes(small.Policies),
		st.Steps, st.Elapsed.Round(time.Millisecond))
	if st.OutOfBudget {
		note += " (budget exhausted: may not be minimal)"
	}
	if dup {
		note = "same as a failure saved before"
	}
	return path, note
}

// validation minimizes a test on whose validity the reference and the
// implementation disagree.
func (m *minimizer) validation(t *generators.Test, origin string) (string, string) {
	refOK, err := shrink.Validates(m.ref, t)
	if err != nil {
		return "", fmt.Sprintf("the reference cannot validate the test: %v", err)
	}
	wf := shrink.KeepsWellFormed(t)
	keep := func(c *generators.Test) bool {
		if !wf(c) {
			return false
		}
		r, err1 := shrink.Validates(m.ref, c)
		x, err2 := shrink.Validates(m.impl, c)
		return err1 == nil && err2 == nil && r == refOK && x != r
	}
	return m.save(t, keep, fmt.Sprintf("conformance [%s,%s] on validates", m.ref.Name(), m.impl.Name()), origin)
}

// finding minimizes a finding of a generated test as a run does.
func (m *minimizer) finding(cfg *diff.Config, f *diff.Finding) (string, string) {
	small, st, err := shrink.RunFinding(cfg, f, shrink.Budget{Time: min(m.perTest, time.Until(m.deadline)+time.Second)})
	if err != nil {
		return "", err.Error()
	}
	path, dup, err := m.saver.Save(f, small)
	if err != nil {
		return "", err.Error()
	}
	if dup {
		return path, "same signature as a failure saved before"
	}
	note := fmt.Sprintf("%d policies, %d entities, %d AST nodes; %d candidates tried in %v",
		len(small.Policies.Policies)+len(small.Policies.Links), len(small.Entities), shrink.PolicyNodes(small.Policies),
		st.Steps, st.Elapsed.Round(time.Millisecond))
	if st.OutOfBudget {
		note += " (budget exhausted: may not be minimal)"
	}
	return path, note
}

// saveAsIs saves t unminimized, under a signature of its own (origin),
// and returns the command that replays it.
func (m *minimizer) saveAsIs(t *generators.Test, origin string) (string, error) {
	rec := findings.Record{Signature: "conformance as generated: " + origin, Request: 0, Command: origin}
	path, _, err := m.saver.SaveTest(rec, t)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("crosscheck replay --impl %s %s", diff.ShellQuote(m.impl.Name()), diff.ShellQuote(filepath.ToSlash(path))), nil
}
