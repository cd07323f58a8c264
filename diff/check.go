package diff

import (
	"errors"
	"fmt"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestResult is the outcome of one generated test: the test, every
// implementation's answers, the findings, and the counts a Summary adds
// up.
type TestResult struct {
	Target Target // the concrete target
	Seed   int64
	Index  uint64
	// Test is the generated test; nil when generation itself failed.
	Test *generators.Test
	// Impls names the implementations, in the order of Answers and
	// Validations.
	Impls []string
	// Answers holds each implementation's answers to the test's requests
	// (authorization targets); nil for an implementation that did not
	// answer (unsupported, inconclusive, failed).
	Answers [][]Answer
	// Validations holds each implementation's validation result
	// (validation target); nil where there is none.
	Validations []*Validation
	// Reference is the index in Impls of the implementation the others
	// were compared with (the first that answered), or -1.
	Reference int
	// Findings lists the problems found, in the order found, except the
	// known ones.
	Findings []*Finding
	// Known lists the findings that a KnownRule explains as a documented
	// bug of a third-party implementation (each with Finding.Known set to
	// its regression case). They do not make the test fail.
	Known []*Finding

	// Requests counts the requests the reference answered.
	Requests int
	// Compared counts the requests whose reference answer was compared
	// with at least one other implementation's.
	Compared int
	// Validated counts the validation results compared with the model's.
	Validated int
	// Mismatches counts disagreeing requests (or validations) by pair,
	// "reference vs other".
	Mismatches map[string]int
	// Unsupported counts the implementations that skipped the test, by
	// "impl: reason".
	Unsupported map[string]int
	// Inconclusive counts the implementations that could not tell, by
	// name.
	Inconclusive map[string]int
	// Decisions counts the reference's decisions ("allow", "deny").
	Decisions map[string]int
	// ErrorKinds counts the model's policy errors by kind.
	ErrorKinds map[string]int
	// PropertyChecks counts, by property, the requests whose answers the
	// property was checked on (policy-order only on the tests it samples,
	// see PolicyOrderSample).
	PropertyChecks map[string]int
	// ValidationCosts sums, in nanoseconds, the time each implementation
	// spent on each comparison of the detailed validation, by
	// "impl: comparison" (validation target).
	ValidationCosts map[string]int64
	// TimedOut reports that the test did not finish within the timeout;
	// its goroutine was abandoned.
	TimedOut bool
	// Asked says, by implementation, why it was asked about the test
	// (AskedEvery, AskedNovel, AskedSampled, AskedDisagreement); an
	// implementation that was not asked (not scheduled, unsupported, or
	// not used by the target) is absent.
	Asked map[string]string
}

// Failed reports whether the test has a finding that is not known.
func (r *TestResult) Failed() bool { return len(r.Findings) > 0 }

// separateKnown moves the findings that a KnownRule explains from
// Findings to Known.
func (r *TestResult) separateKnown() {
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if kase := KnownCase(r, f); kase != "" {
			f.Known = kase
			r.Known = append(r.Known, f)
			continue
		}
		kept = append(kept, f)
	}
	clear(r.Findings[len(kept):])
	r.Findings = kept
}

func inc(m *map[string]int, key string, n int) {
	if *m == nil {
		*m = map[string]int{}
	}
	(*m)[key] += n
}

// Check generates test number index of the configuration's seed and
// target and checks it. A panic in the harness or an implementation
// becomes a finding; a test that takes longer than c.Timeout is
// abandoned (its goroutine cannot be stopped and runs on) and recorded
// as a timeout finding naming the stage it was stuck in.
//
// Run does not call Check: it checks tests on its workers' own
// goroutines and watches them (see watchdog), which saves a goroutine
// hand-off per test.
func (c *Config) Check(index uint64) *TestResult {
	target := c.Target.At(index)
	st := newTracker()
	st.supervised = supervisedNames(c.Impls)
	done := make(chan *TestResult, 1) // buffered: an abandoned check can still finish
	go func() {
		done <- c.check(target, index, st)
	}()
	// A supervised implementation times its own calls, start-up excluded
	// (see watchdog); the whole test then gets the watchdog's backstop.
	limit := c.timeout()
	if len(st.supervised) > 0 {
		limit = supervisedBackstop(limit)
	}
	timer := time.NewTimer(limit)
	defer timer.Stop()
	select {
	case res := <-done:
		return res
	case <-timer.C:
		abandoned.Add(1)
		go func() { <-done; abandoned.Add(-1) }()
		return c.timeoutResult(target, index, st, limit)
	}
}

// timeoutResult is the result of a test abandoned after c.Timeout.
func (c *Config) timeoutResult(target Target, index uint64, st *tracker, limit time.Duration) *TestResult {
	res := c.newResult(target, index, st.test.Load())
	s := st.stage.Load()
	res.TimedOut = true
	res.add(KindTimeout, []string{s.impl}, []string{s.what}, -1, "",
		fmt.Sprintf("%s did not finish %s within %v; the call was abandoned", s.impl, s.what, limit))
	return res
}

// abandoned counts the checks that timed out and are still running.
var abandoned atomic.Int64

// tracker follows a check's progress, so that a timeout can say where it
// was stuck.
type tracker struct {
	stage atomic.Pointer[stage]
	test  atomic.Pointer[generators.Test]
	// supervised names the implementations that time their own calls
	// (see watchdog); excluded is the time, in nanoseconds, the check
	// spent in their stages so far, which the watchdog does not count.
	supervised map[string]bool
	excluded   atomic.Int64
	// allOrders asks for the policy-order property on this test even when
	// its index is not in the sample (CheckTest: fuzzing, shrinking).
	allOrders bool
}

type stage struct {
	impl, what string
	since      time.Time
}

func newTracker() *tracker {
	t := &tracker{}
	t.at("generator", "generate")
	return t
}

func (t *tracker) at(impl, what string) {
	now := time.Now()
	if prev := t.stage.Load(); prev != nil && t.supervised[prev.impl] {
		t.excluded.Add(int64(now.Sub(prev.since)))
	}
	t.stage.Store(&stage{impl, what, now})
}

func (c *Config) newResult(target Target, index uint64, t *generators.Test) *TestResult {
	res := &TestResult{Target: target, Seed: c.Seed, Index: index, Test: t, Reference: -1}
	for _, impl := range c.Impls {
		res.Impls = append(res.Impls, impl.Name())
	}
	return res
}

// add records a finding about the result's test.
func (r *TestResult) add(kind FindingKind, impls, on []string, request int, diff, detail string) {
	r.Findings = append(r.Findings, &Finding{
		Kind: kind, Target: r.Target, Seed: r.Seed, Index: r.Index, Request: request,
		Impls: impls, On: on, Diff: diff, Detail: detail,
		Command: ReproCommand(r.Seed, r.Index, r.Target, r.Impls),
		Test:    r.Test, ImplNames: r.Impls,
	})
}

// addErr records an implementation's failure to answer: a panic, or an
// error (an *InconclusiveError or *UnsupportedError is counted, not a
// finding).
func (r *TestResult) addErr(impl, what string, request int, err error) {
	var pe *PanicError
	var ie *InconclusiveError
	var ue *UnsupportedError
	switch {
	case errors.As(err, &ie):
		inc(&r.Inconclusive, impl, 1)
	case errors.As(err, &ue):
		inc(&r.Unsupported, impl+": "+ue.Feature, 1)
	case errors.As(err, &pe):
		r.add(KindPanic, []string{impl}, []string{what}, request, "", err.Error())
	default:
		r.add(KindError, []string{impl}, []string{what}, request, "", fmt.Sprintf("%s could not %s: %v", impl, what, err))
	}
}

// check is Check without the time limit.
func (c *Config) check(target Target, index uint64, st *tracker) (res *TestResult) {
	res = c.newResult(target, index, nil)
	defer func() {
		if v := recover(); v != nil {
			s := st.stage.Load()
			res.add(KindPanic, []string{s.impl}, []string{s.what}, -1, "",
				fmt.Sprintf("panic during %s of %s: %v\n%s", s.what, s.impl, v, debug.Stack()))
		}
	}()
	settings := targetSettings(c.settings(), target, index)
	tc := generators.Generate(settings, c.Seed, index)
	res.Test = tc
	st.test.Store(tc)
	c.checkTest(res, tc, st)
	return res
}

// CheckTest checks a test made elsewhere (by generators.FromBytes in the
// fuzz targets, or by a shrinker) the way target checks a generated test;
// target must be concrete. The result's Seed and Index are the test's.
// It has no time limit, and a panic is not recovered.
func (c *Config) CheckTest(target Target, tc *generators.Test) *TestResult {
	res := c.newResult(target, tc.Index, tc)
	res.Seed = tc.Seed
	st := newTracker()
	st.allOrders = true
	c.checkTest(res, tc, st)
	return res
}

// checkTest checks tc as res.Target says.
func (c *Config) checkTest(res *TestResult, tc *generators.Test, st *tracker) {
	in := &Input{
		Name:     "seed " + strconv.FormatInt(tc.Seed, 10) + " index " + strconv.FormatUint(tc.Index, 10),
		Policies: tc.Policies,
		Entities: tc.Entities,
		Schema:   tc.Schema,
	}
	target := res.Target
	switch {
	case target.authorizes():
		c.checkAuthorization(res, in, tc, st)
	case target == TargetValidation:
		c.checkValidation(res, in, st)
		c.checkValidationDetail(res, in, tc, st)
	case target == TargetRoundtrip:
		st.at("harness", "round trips")
		for _, f := range checkRoundtrips(tc.Policies, tc.Entities, tc.Schema) {
			res.add(KindRoundtrip, []string{roundtripImpl[f.what]}, []string{string(f.what)}, -1, f.diff, f.detail)
		}
	case target == TargetParse:
		c.checkParse(res, tc, st)
	case target == TargetPartial:
		c.checkPartial(res, in, tc, st)
	}
	res.separateKnown()
}

// checkAuthorization has every implementation answer the test's requests,
// compares each with the reference, and checks the properties on the
// reference's answers.
func (c *Config) checkAuthorization(res *TestResult, in *Input, tc *generators.Test, st *tracker) {
	reqs := make([]*syntax.Request, len(tc.Requests))
	for i := range tc.Requests {
		reqs[i] = &tc.Requests[i]
	}
	res.Answers = make([][]Answer, len(c.Impls))
	target := res.Target
	var reversed *syntax.PolicySet
	if st.allOrders || res.Index%PolicyOrderSample == 0 {
		reversed = reversedPolicies(in.Policies)
	}
	var modelAnswers, modelReversed, refReversed []Answer
	var modelKinds [][]model.ErrorKind
	var values *valueCheck
	if target == TargetExpr {
		values = c.checkValues(res, in, reqs, st)
	}
	for i, impl := range c.Impls {
		name := impl.Name()
		if why := res.Target.skips(name); why != "" {
			inc(&res.Unsupported, name+": "+why, 1)
			continue
		}
		st.at(name, "support check")
		reason, err := Support(impl, in)
		if err != nil {
			res.addErr(name, "support check", -1, err)
			continue
		}
		if reason != "" {
			inc(&res.Unsupported, name+": "+reason, 1)
			continue
		}
		why, ask := c.scheduleOracle(res, impl, i, tc.Policies, modelKinds)
		if !ask {
			continue
		}
		res.ask(name, why)
		st.at(name, "authorize")
		var answers []Answer
		if isModel(impl) {
			// The model answers with error kinds, and answers the
			// reversed policy list too when it is the reference.
			var rev *syntax.PolicySet
			if res.Reference < 0 {
				rev = reversed
			}
			answers, modelKinds, modelReversed, err = modelAuthorize(in, reqs, rev)
			modelAnswers = answers
		} else {
			answers, err = values.authorize(res, impl, in, reqs)
		}
		if err != nil {
			res.addErr(name, "authorize", -1, err)
			continue
		}
		for j, a := range answers {
			if a.Err != nil {
				res.addErr(name, "authorize", j, a.Err)
			}
		}
		res.Answers[i] = answers
		if res.Reference < 0 {
			res.Reference = i
			refReversed = modelReversed
		}
	}
	if res.Reference < 0 {
		return
	}
	refName, ref := res.Impls[res.Reference], res.Answers[res.Reference]

	// Differential comparison.
	compared := make([]bool, len(reqs))
	for i := res.Reference + 1; i < len(c.Impls); i++ {
		other := res.Answers[i]
		if other == nil {
			continue
		}
		name := res.Impls[i]
		for j := range reqs {
			if ref[j].Err == nil && other[j].Err == nil {
				compared[j] = true
			}
			on, diff, detail := compareAnswers(refName, name, ref[j], other[j])
			if on != nil {
				inc(&res.Mismatches, refName+" vs "+name, 1)
				res.add(KindMismatch, []string{refName, name}, on, j, diff, detail)
			}
		}
	}
	for j, a := range ref {
		if a.Err != nil {
			continue
		}
		res.Requests++
		if compared[j] {
			res.Compared++
		}
		inc(&res.Decisions, a.Response.Decision.String(), 1)
	}

	// Properties of the reference's answers.
	effects, answered := policyEffects(in.Policies), 0
	for j, a := range ref {
		if a.Err != nil {
			continue
		}
		answered++
		v := decisionViolations(effects, a.Response)
		for _, p := range []Property{PropExplicitPermit, PropForbidOverrides} {
			if msg, ok := v[p]; ok {
				res.add(KindProperty, []string{refName}, []string{string(p)}, j, "", msg+"\n"+describeAnswer(a))
			}
		}
	}
	if answered > 0 {
		inc(&res.PropertyChecks, string(PropExplicitPermit), answered)
		inc(&res.PropertyChecks, string(PropForbidOverrides), answered)
	}
	if reversed != nil {
		c.checkPolicyOrder(res, in, reqs, reversed, refReversed, st)
	}
	c.checkSoundness(res, in, reqs, modelAnswers, modelKinds, st)
}

// checkPolicyOrder compares the reference's answers with its answers for
// the policy list reversed: answers, when the reference gave them already
// (the model does), or else asked for now.
func (c *Config) checkPolicyOrder(res *TestResult, in *Input, reqs []*syntax.Request, reversed *syntax.PolicySet, answers []Answer, st *tracker) {
	impl, name := c.Impls[res.Reference], res.Impls[res.Reference]
	if answers == nil {
		rev := *in
		rev.Policies = reversed
		st.at(name, "authorize with the policies reversed")
		var err error
		answers, err = impl.Authorize(&rev, reqs)
		if err != nil {
			res.addErr(name, "authorize with the policies reversed", -1, err)
			return
		}
	}
	ref := res.Answers[res.Reference]
	inc(&res.PropertyChecks, string(PropPolicyOrder), len(reqs))
	for j := range reqs {
		if on, diff, detail := compareAnswers("in order", "reversed", ref[j], answers[j]); on != nil {
			res.add(KindProperty, []string{name}, []string{string(PropPolicyOrder)}, j, diff,
				"the answer depends on the order of the policies (differs on "+fmt.Sprint(on)+")\n"+detail)
		}
	}
}

// checkSoundness checks validator soundness on the model's answers,
// running the model when it is not among the implementations.
func (c *Config) checkSoundness(res *TestResult, in *Input, reqs []*syntax.Request, answers []Answer, kinds [][]model.ErrorKind, st *tracker) {
	if in.Schema == nil {
		return
	}
	if answers == nil {
		st.at("model", "authorize (validator soundness)")
		var err error
		answers, kinds, _, err = modelAuthorize(in, reqs, nil)
		if err != nil {
			res.addErr("model", "authorize", -1, err)
			return
		}
	}
	st.at("model", "validator soundness")
	snd, checked := &soundness{in: in}, 0
	for j, req := range reqs {
		for _, k := range kinds[j] {
			inc(&res.ErrorKinds, k.String(), 1)
		}
		if answers[j].Err != nil {
			continue
		}
		checked++
		if msg := snd.violation(req, kinds[j], answers[j].Response); msg != "" {
			res.add(KindProperty, []string{"model"}, []string{string(PropValidatorSoundness)}, j, "", msg)
		}
	}
	if checked > 0 {
		inc(&res.PropertyChecks, string(PropValidatorSoundness), checked)
	}
}

// checkValidation compares whether the policy set validates according to
// the model's validator and to every other implementation that has one,
// except those validatorNotCompared names (cedar-go's experimental
// validator), which count as unsupported.
func (c *Config) checkValidation(res *TestResult, in *Input, st *tracker) {
	res.Validations = make([]*Validation, len(c.Impls))
	refIdx := -1
	var ref Implementation = Model()
	for i, impl := range c.Impls {
		if isModel(impl) {
			refIdx, ref = i, impl
			break
		}
	}
	st.at("model", "validate")
	want, err := ref.Validate(in)
	if err != nil {
		res.addErr("model", "validate", -1, err)
		return
	}
	if refIdx >= 0 {
		res.Validations[refIdx] = &want
		res.Reference = refIdx
		res.ask("model", AskedEvery)
	}
	for i, impl := range c.Impls {
		if i == refIdx {
			continue
		}
		name := impl.Name()
		if why := validatorNotComparedWhy(name); why != "" {
			inc(&res.Unsupported, name+": "+why, 1)
			continue
		}
		st.at(name, "support check")
		reason, err := Support(impl, in)
		if err != nil {
			res.addErr(name, "support check", -1, err)
			continue
		}
		if reason != "" {
			inc(&res.Unsupported, name+": "+reason, 1)
			continue
		}
		st.at(name, "validate")
		got, err := impl.Validate(in)
		if errors.Is(err, ErrNoValidator) {
			inc(&res.Unsupported, name+": no validator", 1)
			continue
		}
		res.ask(name, AskedEvery) // the only judge: see AskedEvery
		if err != nil {
			res.addErr(name, "validate", -1, err)
			continue
		}
		res.Validations[i] = &got
		res.Validated++
		if got.OK != want.OK {
			inc(&res.Mismatches, "model vs "+name, 1)
			res.add(KindValidation, []string{"model", name}, []string{"validates"}, -1,
				cmp.Diff(want.OK, got.OK),
				fmt.Sprintf("model: validates=%v %v\n%s: validates=%v %v", want.OK, want.Errors, name, got.OK, got.Errors))
		}
	}
}
