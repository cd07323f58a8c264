package main

import (
	"fmt"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/reports"
)

// conformanceCycle is the target of generated test i: conformanceCycle[i
// % len]. The authorization targets are checked by the runner's own
// comparison (diff.Config.Check); validation compares whether the policy
// set validates, the reference's verdict against the implementation's.
var conformanceCycle = []diff.Target{
	diff.TargetABAC, diff.TargetRBAC, diff.TargetABAC, diff.TargetExpr, diff.TargetRBAC,
	diff.TargetABAC, diff.TargetValidation, diff.TargetABACUntyped, diff.TargetRBAC, diff.TargetExpr,
	diff.TargetABAC, diff.TargetValidation,
}

// generatedSource names the generated tests in the report.
const generatedSource = "generated tests"

// checkGenerated checks generated test index: its requests (or, for
// the validation target, whether it validates) and the parse checks of
// its texts.
func (s *conformanceSession) checkGenerated(index uint64) []*conformanceCheck {
	target := conformanceCycle[index%uint64(len(conformanceCycle))]
	if target == diff.TargetValidation {
		c, tc := s.checkGeneratedValidation(index)
		return append([]*conformanceCheck{c}, s.generatedParseChecks(c.test, tc)...)
	}
	c := s.checkGeneratedRequests(target, index)
	if c.tc == nil {
		return []*conformanceCheck{c.conformanceCheck}
	}
	return append([]*conformanceCheck{c.conformanceCheck}, s.generatedParseChecks(c.test, c.tc)...)
}

// generatedRequestsCheck is the requests check of a generated test, with
// the test (nil when it could not be generated).
type generatedRequestsCheck struct {
	*conformanceCheck
	tc *generators.Test
}

// checkGeneratedRequests checks the answers of generated test index of
// an authorization target.
func (s *conformanceSession) checkGeneratedRequests(target diff.Target, index uint64) generatedRequestsCheck {
	cfg := s.configs[target]
	res := cfg.Check(index)
	name := fmt.Sprintf("seed %d index %d target %s", s.seed, index, target)
	repro := diff.ReproCommand(s.seed, index, target, []string{s.ref.Name(), s.implName})
	c := &conformanceCheck{source: generatedSource, test: name, check: string(target), repro: repro, replay: repro}
	var refAnswers []diff.Answer
	if res.Reference >= 0 && res.Answers != nil {
		refAnswers = res.Answers[res.Reference]
	}
	if res.Test != nil {
		c.areas = reports.AreasOf(res.Test.Policies, res.Test.Entities, requestPointers(res.Test), answersHaveErrors(refAnswers))
	} else {
		c.areas = []string{reports.AreaOther}
	}
	var mine, known []*diff.Finding
	for _, f := range res.Findings {
		if involves(f, s.implName) {
			mine = append(mine, f)
		}
	}
	for _, f := range res.Known {
		if involves(f, s.implName) {
			known = append(known, f)
		}
	}
	answered := len(res.Answers) > 1 && res.Answers[1] != nil
	switch {
	case len(mine) > 0:
		f := mine[0]
		c.outcome = reports.OutcomeFailed
		var b strings.Builder
		for _, g := range mine {
			b.WriteString(g.String())
		}
		c.detail = b.String()
		c.signature = f.Signature().String()
		c.minimize = func(m *minimizer) (string, string) { return m.finding(cfg, f) }
	case len(known) > 0:
		c.outcome, c.knownCase, c.detail = reports.OutcomeKnown, known[0].Known, known[0].String()
	case !answered && unsupportedFeature(res, s.implName) != "":
		c.outcome, c.feature = reports.OutcomeUnsupported, unsupportedFeature(res, s.implName)
	case !answered || res.Compared == 0:
		c.outcome = reports.OutcomeInconclusive
	default:
		c.outcome = reports.OutcomePassed
	}
	return generatedRequestsCheck{c, res.Test}
}

// checkGeneratedValidation generates a validation test (typed or
// untyped, by index) and compares the reference's verdict with the
// implementation's. A failure is saved as it is (with the reference's
// verdict as shouldValidate) so that its replay shows it: repro
// --target validation regenerates another test.
func (s *conformanceSession) checkGeneratedValidation(index uint64) (*conformanceCheck, *generators.Test) {
	st := generators.DefaultSettings()
	if index%2 == 1 {
		st.Mode = generators.ModeUntyped
	}
	tc := generators.Generate(st, s.seed, index)
	name := fmt.Sprintf("seed %d index %d target %s", s.seed, index, diff.TargetValidation)
	c := &conformanceCheck{source: generatedSource, test: name, check: "validates", areas: []string{reports.AreaValidation}}
	in := &diff.Input{Name: name, Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema}
	want, err := s.ref.Validate(in)
	if err != nil {
		c.outcome, c.detail = reports.OutcomeInconclusive, fmt.Sprintf("the reference %s cannot validate: %v", s.ref.Name(), err)
		return c, tc
	}
	c.outcome, c.feature, c.detail, c.knownCase = validationCheck(s.impl, in, want.OK, func() string { return "" })
	if c.outcome == reports.OutcomeFailed {
		c.signature = "generated validates"
		c.minimize = func(m *minimizer) (string, string) { return m.validation(tc, name) }
		c.save = func(m *minimizer) (string, error) { return m.saveAsIs(tc, name) }
	}
	return c, tc
}
