package diff

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Why an implementation was asked about a test (Summary.Asked).
const (
	// AskedEvery: the implementation sees every test of the target. The
	// model, the engine and cedar-go always do; a Supervised
	// implementation does when the run does not schedule it, when it is
	// the reference, and on the targets where it is the only judge
	// (validation, parse), whose tests without it would check nothing.
	AskedEvery = "every test"
	// AskedNovel: the test brought a novelty feature new to the run (see
	// noveltyFeatures).
	AskedNovel = "novel"
	// AskedSampled: the test brought nothing new, and fell in the fixed
	// share of the others (Config.OracleShare), chosen from (seed, index).
	AskedSampled = "sampled"
	// AskedDisagreement: the implementations asked before it disagreed on
	// the test, so the oracle is asked to judge (and a known difference of
	// cedar-go is recognised only where cedar-wasm agrees with the model).
	AskedDisagreement = "disagreement"
)

// DefaultOracleShare is the share of the tests that bring nothing new on
// which a scheduled run still asks its Supervised implementations: 1 in
// 20. The official engine costs about 30 times what the model and the
// engine cost on a test; at 1 in 20, plus the novel tests, it takes
// about as much time as the rest of the run, and every feature of the
// tests keeps being rechecked in new contexts.
const DefaultOracleShare = 0.05

// oracleSchedule decides which authorization tests of a run reach the
// Supervised implementations (the expensive oracles). A test is asked
// when one of its novelty features is new to the run, and otherwise when
// it falls in the share, a choice made from (seed, index) alone.
//
// Novelty depends on the order in which tests finish, so with several
// jobs the set of tests sent to an oracle may differ between two runs of
// one seed; the tests themselves, and the sampled ones, do not. Each
// TestResult records which implementations it reached and why, and
// "crosscheck repro" (Config.Check, which has no schedule) asks every
// implementation.
type oracleSchedule struct {
	seed  int64
	share float64
	mu    sync.Mutex
	seen  map[string]struct{}
}

func newOracleSchedule(seed int64, share float64) *oracleSchedule {
	return &oracleSchedule{seed: seed, share: share, seen: map[string]struct{}{}}
}

// decide says whether test index, with the given novelty features, goes
// to the oracles, and why. A test that goes marks its features seen.
func (s *oracleSchedule) decide(index uint64, features []string) (reason string, ask bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	novel := false
	for _, f := range features {
		if _, ok := s.seen[f]; !ok {
			novel = true
			break
		}
	}
	switch {
	case novel:
		reason = AskedNovel
	case sampled(s.seed, index, s.share):
		reason = AskedSampled
	default:
		return "", false
	}
	for _, f := range features {
		s.seen[f] = struct{}{}
	}
	return reason, true
}

// sampled reports whether test index of seed falls in the share, from a
// hash of the two: the same tests are sampled by every run of the seed.
func sampled(seed int64, index uint64, share float64) bool {
	if share >= 1 {
		return true
	}
	if share <= 0 {
		return false
	}
	return float64(mix64(uint64(seed)^mix64(index))>>11)/(1<<53) < share
}

// mix64 is SplitMix64's finalizer.
func mix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// noveltyFeatures are what makes an authorization test new to a run: for
// each request and each policy (a link counts as its template), the
// triples (effect, outcome, construct) for every construct of the policy,
// where the outcome is the policy's part in the reference's answer (a
// reason of the decision, an error of the model's kind, or neither);
// and the decision shape of the test, the set of (decision, errors or
// not) over its requests, with the target.
//
// It is a coverage measure of what the implementations were made to do,
// in the spirit of a fuzzer's edge coverage: the set saturates, so the
// novel tests thin out as a run goes on (measured on abac: see
// README "Defaults"), while a whole-test key (every construct, error kind
// and shape of the test as one string) is new on nearly every test.
// kinds, when not nil, are the model's error kinds per request, in the
// order of the answer's errors.
func noveltyFeatures(target Target, ps *syntax.PolicySet, ref []Answer, kinds [][]model.ErrorKind) []string {
	constructs, effects := policyFeatures(ps)
	feats := map[string]struct{}{}
	shapes := map[string]bool{}
	for j, a := range ref {
		if a.Err != nil {
			shapes["no answer"] = true
			continue
		}
		r := a.Response
		shape := r.Decision.String()
		if len(r.Errors) > 0 {
			shape += "+errors"
		}
		shapes[shape] = true
		outcome := map[string]string{}
		for _, id := range r.Reasons {
			outcome[id] = "reason"
		}
		for k, id := range r.Errors {
			o := "error"
			if j < len(kinds) && k < len(kinds[j]) {
				o = "error " + kinds[j][k].String()
			}
			outcome[id] = o
		}
		for id, cs := range constructs {
			o := cmp.Or(outcome[id], "-")
			for _, c := range cs {
				feats[effects[id]+"|"+o+"|"+c] = struct{}{}
			}
		}
	}
	feats[string(target)+" shape "+strings.Join(slices.Sorted(maps.Keys(shapes)), ",")] = struct{}{}
	return slices.Sorted(maps.Keys(feats))
}

// ask records that the implementation name was asked about the test, and
// why.
func (r *TestResult) ask(name, why string) {
	if r.Asked == nil {
		r.Asked = map[string]string{}
	}
	r.Asked[name] = why
}

// scheduleOracle says whether impl, the i-th implementation, is asked
// about an authorization test, and why. Only a run with ScheduleOracles
// (Run sets c.schedule) leaves any implementation out, and then only a
// Supervised one that is not the reference: it is asked when the
// implementations before it disagree (on an answer, or on an expression's
// value), and otherwise as the schedule
// decides on the test's novelty features (see oracleSchedule).
func (c *Config) scheduleOracle(res *TestResult, impl Implementation, i int, ps *syntax.PolicySet, kinds [][]model.ErrorKind) (string, bool) {
	if c.schedule == nil || res.Reference < 0 || !isSupervised(impl) {
		return AskedEvery, true
	}
	// A value finding of the expr target (recorded before any answer)
	// is a disagreement too: the oracle's answer is what decides whether
	// it is a known difference (KnownCase), so it must be asked.
	if slices.ContainsFunc(res.Findings, func(f *Finding) bool { return f.Kind == KindValue }) {
		return AskedDisagreement, true
	}
	ref := res.Answers[res.Reference]
	for k := res.Reference + 1; k < i; k++ {
		other := res.Answers[k]
		if other == nil {
			continue
		}
		for j := range ref {
			if on, _, _ := compareAnswers("", "", ref[j], other[j]); on != nil {
				return AskedDisagreement, true
			}
		}
	}
	return c.schedule.decide(res.Index, noveltyFeatures(res.Target, ps, ref, kinds))
}

// unsupervised counts the implementations that are not Supervised.
func unsupervised(impls []Implementation) int {
	n := 0
	for _, impl := range impls {
		if !isSupervised(impl) {
			n++
		}
	}
	return n
}

func isSupervised(impl Implementation) bool {
	if g, ok := impl.(guarded); ok {
		impl = g.impl
	}
	_, ok := impl.(Supervised)
	return ok
}

// AskedLines describes, one line per implementation in the order of
// impls, the tests each was asked about out of all the tests of the run,
// and why: "cedar-wasm: 1,234 of 40,000 tests (3.1%): 812 novel, 422
// sampled".
func AskedLines(impls []string, asked map[string]map[string]int, tests int) []string {
	var out []string
	for _, name := range impls {
		whys := asked[name]
		n := 0
		for _, k := range whys {
			n += k
		}
		var parts []string
		for _, why := range []string{AskedEvery, AskedNovel, AskedSampled, AskedDisagreement} {
			if whys[why] > 0 {
				parts = append(parts, fmt.Sprintf("%d %s", whys[why], why))
			}
		}
		line := fmt.Sprintf("%s: %d of %d tests (%.1f%%)", name, n, tests, percent(n, tests))
		if len(parts) > 0 {
			line += ": " + strings.Join(parts, ", ")
		}
		out = append(out, line)
	}
	return out
}

// ScheduleNote says how a scheduled run chose the tests of its oracles.
func ScheduleNote(share float64) string {
	return fmt.Sprintf("oracle schedule: the Supervised implementations (cedar-wasm) are asked on every validation and parse test, "+
		"on the authorization tests that are novel (a new (effect, outcome, construct) or decision shape) or where the others disagree, "+
		"and on %g%% of the rest, sampled from (seed, index) (--oracle-share)", 100*share)
}

func percent(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// policyFeatures returns, by policy and link id, the sorted constructs of
// each policy of ps and its effect (a link has its template's).
func policyFeatures(ps *syntax.PolicySet) (constructs map[string][]string, effects map[string]string) {
	constructs, effects = map[string][]string{}, map[string]string{}
	if ps == nil {
		return constructs, effects
	}
	for _, p := range ps.Policies {
		set := map[string]bool{}
		generators.PolicyConstructs(p, func(c string) { set[c] = true })
		constructs[p.ID] = slices.Sorted(maps.Keys(set))
		effects[p.ID] = p.Effect.String()
	}
	for _, l := range ps.Links {
		constructs[l.NewID] = constructs[l.TemplateID]
		effects[l.NewID] = effects[l.TemplateID]
	}
	return constructs, effects
}
