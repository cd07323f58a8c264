package diff

import (
	"fmt"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// partialModes are the generator modes the partial target takes in turn.
var partialModes = []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeExpr}

// checkPartial is the partial target's check (see TargetPartial).
func (c *Config) checkPartial(res *TestResult, in *Input, tc *generators.Test, st *tracker) {
	st.at("harness", "derive partial requests")
	cases := generators.PartialCases(tc, generators.NewRand(tc.Seed, tc.Index^partialSalt))
	reqs := make([]*syntax.PartialRequest, len(cases))
	for i := range cases {
		reqs[i] = cases[i].Request
	}
	oracle, err := newPartialOracle(in)
	if err != nil {
		res.addErr("model", "partial oracle", -1, err)
		return
	}
	res.Reference = -1
	var ref []PartialAnswer
	refName := ""
	disagreed := false
	compared := make([]bool, len(reqs)) // a request counts once, however many implementations it is compared with
	defer func() {
		for _, ok := range compared {
			if ok {
				res.Compared++
			}
		}
	}()
	for i, impl := range c.Impls {
		name := impl.Name()
		pa := partialAuthorizer(impl)
		if pa == nil {
			inc(&res.Unsupported, name+": no partial authorization", 1)
			continue
		}
		why, ask := c.schedulePartial(res, impl, ref, disagreed, tc.Policies)
		if !ask {
			continue
		}
		res.ask(name, why)
		st.at(name, "partially authorize")
		answers, err := pa.PartialAuthorize(in, reqs)
		if err != nil {
			res.addErr(name, "partially authorize", -1, err)
			continue
		}
		st.at("harness", "check residuals of "+name)
		for j, a := range answers {
			if a.Err != nil {
				res.addErr(name, "partially authorize", j, a.Err)
				continue
			}
			for _, f := range oracle.check(&cases[j], &a.Response) {
				res.add(KindPartial, []string{name}, []string{"residuals"}, j, "", f)
			}
		}
		if ref == nil {
			ref, refName, res.Reference = answers, name, i
			for _, a := range answers {
				if a.Err == nil {
					res.Requests++
				}
			}
			continue
		}
		for j := range answers {
			if ref[j].Err != nil || answers[j].Err != nil {
				continue
			}
			compared[j] = true
			on, d := comparePartial(&ref[j].Response, &answers[j].Response)
			if len(on) > 0 {
				disagreed = true
				inc(&res.Mismatches, refName+" vs "+name, 1)
				res.add(KindPartial, []string{refName, name}, on, j, d,
					fmt.Sprintf("partial request %s", describePartial(reqs[j])))
			}
		}
	}
}

// partialClasses is what comparePartial compares exactly.
type partialClasses struct {
	Decision                                                string
	Satisfied, Errored, MayBeDetermining, MustBeDetermining []string
	Undecided                                               []string
}

func classes(r *PartialResponse) partialClasses {
	pc := partialClasses{Decision: r.Decision.String(), Satisfied: sorted(r.Satisfied), Errored: sorted(r.Errored),
		MayBeDetermining: sorted(r.MayBeDetermining), MustBeDetermining: sorted(r.MustBeDetermining)}
	for _, p := range r.Residuals {
		pc.Undecided = append(pc.Undecided, p.ID)
	}
	pc.Undecided = sorted(pc.Undecided)
	return pc
}

func sorted(ids []string) []string {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// comparePartial names the parts of two answers that differ, with a diff.
func comparePartial(a, b *PartialResponse) ([]string, string) {
	x, y := classes(a), classes(b)
	var on []string
	if x.Decision != y.Decision {
		on = append(on, "decision")
	}
	for _, f := range []struct {
		name string
		a, b []string
	}{{"satisfied", x.Satisfied, y.Satisfied}, {"errored", x.Errored, y.Errored},
		{"mayBeDetermining", x.MayBeDetermining, y.MayBeDetermining},
		{"mustBeDetermining", x.MustBeDetermining, y.MustBeDetermining}, {"residual ids", x.Undecided, y.Undecided}} {
		if !slices.Equal(f.a, f.b) {
			on = append(on, f.name)
		}
	}
	if len(on) == 0 {
		return nil, ""
	}
	return on, cmp.Diff(x, y)
}

// describePartial writes a partial request for a finding's detail.
func describePartial(r *syntax.PartialRequest) string {
	part := func(u *syntax.EntityUID) string {
		if u == nil {
			return "unknown"
		}
		return u.String()
	}
	ctx := "unknown"
	if r.Context != nil {
		ctx = printer.Expr(r.Context)
	}
	return fmt.Sprintf("principal %s, action %s, resource %s, context %s", part(r.Principal), part(r.Action), part(r.Resource), ctx)
}

// partialOracle evaluates concretely, in the model, what the substitution
// property needs: the test's policies and store.
type partialOracle struct {
	policies []*syntax.Policy
	es       *model.Entities
}

func newPartialOracle(in *Input) (*partialOracle, error) {
	policies, err := model.LinkedPolicies(in.Policies)
	if err != nil {
		return nil, err
	}
	es, err := model.NewEntities(in.Entities)
	if err != nil {
		return nil, err
	}
	return &partialOracle{policies: policies, es: es}, nil
}

// substitutionCases counts the (answer, sample) pairs the substitution
// property was checked on, in this process: what tests measure.
var substitutionCases atomic.Uint64

// outcome is a policy's concrete result: "true", "false" or "error".
func outcome(ok bool, err error) string {
	switch {
	case err != nil:
		return "error"
	case ok:
		return "true"
	}
	return "false"
}

// check checks the substitution property of one answer on every sample
// of its case, and returns a description of each failure.
func (o *partialOracle) check(pc *generators.PartialCase, resp *PartialResponse) []string {
	residuals := map[string]*syntax.Policy{}
	for _, p := range resp.Residuals {
		residuals[p.ID] = p
	}
	var failures []string
	for k, s := range pc.Samples {
		req, err := substituteRequest(pc.Request, s)
		if err != nil {
			failures = append(failures, fmt.Sprintf("sample %d: %v", k, err))
			continue
		}
		env, err := model.NewEnv(req, o.es)
		if err != nil {
			continue // a sampled context value the request cannot hold; nothing to compare
		}
		substitutionCases.Add(1)
		var bad []string
		for _, p := range o.policies {
			want := outcome(env.Satisfied(p))
			got := "false"
			switch {
			case slices.Contains(resp.Satisfied, p.ID):
				got = "true"
			case slices.Contains(resp.Errored, p.ID):
				got = "error"
			case residuals[p.ID] != nil:
				got = outcome(env.Satisfied(model.SubstitutePolicy(residuals[p.ID], s)))
			}
			if got != want {
				r := ""
				if residuals[p.ID] != nil {
					r = " (residual " + printer.Expr(residuals[p.ID].Conditions[0].Body) + ")"
				}
				bad = append(bad, fmt.Sprintf("policy %s: %s by the answer%s, %s concretely", p.ID, got, r, want))
			}
		}
		if len(bad) > 0 {
			failures = append(failures, fmt.Sprintf("sample %d %s: %s", k, describeSample(s), strings.Join(bad, "; ")))
		}
	}
	return failures
}

// substituteRequest is the concrete request a sample makes of a partial
// request.
func substituteRequest(pr *syntax.PartialRequest, s map[string]syntax.Expr) (*syntax.Request, error) {
	req := &syntax.Request{}
	for _, part := range []struct {
		name string
		uid  *syntax.EntityUID
		dst  *syntax.EntityUID
	}{{"principal", pr.Principal, &req.Principal}, {"action", pr.Action, &req.Action}, {"resource", pr.Resource, &req.Resource}} {
		if part.uid != nil {
			*part.dst = *part.uid
			continue
		}
		l, ok := s[part.name].(*syntax.Literal)
		u, isUID := syntax.EntityUID{}, false
		if ok {
			u, isUID = l.Value.(syntax.EntityUID)
		}
		if !isUID {
			return nil, fmt.Errorf("the sample gives %s no entity", part.name)
		}
		*part.dst = u
	}
	if pr.Context == nil {
		req.Context = s["context"]
	} else {
		req.Context = model.Substitute(pr.Context, s)
	}
	return req, nil
}

func describeSample(s map[string]syntax.Expr) string {
	names := make([]string, 0, len(s))
	for n := range s {
		names = append(names, n)
	}
	slices.Sort(names)
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + " = " + printer.Expr(s[n])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// schedulePartial says whether impl is asked about a partial test, and
// why, as scheduleOracle does for authorization tests: only a scheduled
// run leaves out a Supervised implementation that is not the reference;
// it is asked when the implementations before it disagreed, and
// otherwise as the schedule decides on the test's partial novelty
// features (partialFeatures).
func (c *Config) schedulePartial(res *TestResult, impl Implementation, ref []PartialAnswer, disagreed bool, ps *syntax.PolicySet) (string, bool) {
	if c.schedule == nil || ref == nil || !isSupervised(impl) {
		return AskedEvery, true
	}
	if disagreed {
		return AskedDisagreement, true
	}
	return c.schedule.decide(res.Index, partialFeatures(ps, ref))
}

// partialFeatures are what makes a partial test new to a run: for each
// answer and each policy, (effect, class, construct) for every construct
// of the policy, where the class is the policy's place in the reference's
// answer (satisfied, errored, residual or false); and the test's
// decision shape (the set of decisions).
func partialFeatures(ps *syntax.PolicySet, ref []PartialAnswer) []string {
	constructs, effects := policyFeatures(ps)
	seen := map[string]struct{}{}
	decisions := map[string]bool{}
	for _, a := range ref {
		if a.Err != nil {
			decisions["error"] = true
			continue
		}
		r := &a.Response
		decisions[r.Decision.String()] = true
		class := map[string]string{}
		for _, p := range r.Residuals {
			class[p.ID] = "residual"
		}
		for _, id := range r.Satisfied {
			class[id] = "satisfied"
		}
		for _, id := range r.Errored {
			class[id] = "errored"
		}
		for id, cs := range constructs {
			k := class[id]
			if k == "" {
				k = "false"
			}
			for _, con := range cs {
				seen["partial/"+effects[id]+"/"+k+"/"+con] = struct{}{}
			}
		}
	}
	out := make([]string, 0, len(seen)+1)
	for f := range seen {
		out = append(out, f)
	}
	ds := make([]string, 0, len(decisions))
	for d := range decisions {
		ds = append(ds, d)
	}
	slices.Sort(ds)
	out = append(out, "partial shape "+strings.Join(ds, ","))
	slices.Sort(out)
	return out
}
