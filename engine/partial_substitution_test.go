package engine

import (
	"fmt"
	"math/rand"
	"os"
	"slices"
	"strconv"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// partialCasesEnv sets how many generated requests
// TestPartialSubstitution checks (default 3,000; the bar is
// 100,000: CROSSCHECK_PARTIAL_CASES=100000).
const partialCasesEnv = "CROSSCHECK_PARTIAL_CASES"

// TestPartialSubstitution checks the property that makes partial
// evaluation correct, on generated tests: make some parts of a concrete
// request unknown, authorize partially, then substitute the concrete
// values back into each residual and evaluate it concretely. Together
// with the policies found satisfied or errored, that must give exactly
// the decision, reasons and erroring policies of Authorize on the
// concrete request; and a decision partial authorization already knew
// must be that decision.
func TestPartialSubstitution(t *testing.T) {
	n := 3000
	if s := os.Getenv(partialCasesEnv); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil {
			t.Fatalf("$%s: %v", partialCasesEnv, err)
		}
		n = v
	}
	if testing.Short() {
		n = 300
	}
	settings := generators.DefaultSettings()
	checked, residuals := 0, 0
	for index := uint64(0); checked < n; index++ {
		test := generators.Generate(settings, 15, index)
		ps, err := NewPolicySet(test.Policies)
		if err != nil {
			continue // generated faults the engine refuses
		}
		es, err := NewEntityStore(test.Entities, test.Schema)
		if err != nil {
			continue
		}
		r := rand.New(rand.NewSource(int64(index)))
		for _, req := range test.Requests {
			creq, err := NewRequest(req)
			if err != nil {
				continue
			}
			preq, subst := makeUnknown(r, req)
			got, err := ps.PartialAuthorize(es, preq)
			if err != nil {
				t.Fatalf("test %d: PartialAuthorize: %v", index, err)
			}
			residuals += len(got.Residuals)
			if msg := checkSubstitution(ps, test.Policies, es, creq, got, subst); msg != "" {
				t.Fatalf("test (seed 15, index %d), partial request %s:\n%s", index, describePartialRequest(preq), msg)
			}
			checked++
		}
	}
	t.Logf("%d requests, %d residual policies", checked, residuals)
}

// makeUnknown makes some parts of req unknown: each of principal, action
// and resource with probability 1/3, each context attribute with 1/3
// (named ctx_KEY), and rarely the whole context. It returns the partial
// request and the substitution giving each unknown its concrete value.
func makeUnknown(r *rand.Rand, req syntax.Request) (*syntax.PartialRequest, map[string]syntax.Expr) {
	subst := map[string]syntax.Expr{}
	out := &syntax.PartialRequest{}
	for d, u := range []syntax.EntityUID{req.Principal, req.Action, req.Resource} {
		u := u
		name := syntax.Var(d).String()
		subst[name] = syntax.Entity(u)
		if r.Intn(3) != 0 {
			*[]**syntax.EntityUID{&out.Principal, &out.Action, &out.Resource}[d] = &u
		}
	}
	ctx := req.Context
	if ctx == nil {
		ctx = &syntax.RecordExpr{}
	}
	subst["context"] = ctx
	if r.Intn(20) == 0 {
		return out, subst
	}
	rec, ok := ctx.(*syntax.RecordExpr)
	if !ok {
		out.Context = ctx
		return out, subst
	}
	pc := &syntax.RecordExpr{Pos: rec.Pos}
	for _, f := range rec.Fields {
		if r.Intn(3) == 0 {
			name := "ctx_" + f.Key
			subst[name] = f.Value
			pc.Fields = append(pc.Fields, syntax.Field{Key: f.Key, Value: syntax.Unknown(name)})
			continue
		}
		pc.Fields = append(pc.Fields, f)
	}
	out.Context = pc
	return out, subst
}

func checkSubstitution(ps *PolicySet, src *syntax.PolicySet, es *EntityStore, req Request, got PartialResponse, subst map[string]syntax.Expr) string {
	want := ps.Authorize(es, req)
	outcome := map[string]string{} // "true", "false" or "error", by policy id
	for _, id := range got.Satisfied {
		outcome[id] = "true"
	}
	for _, id := range got.Errored {
		outcome[id] = "error"
	}
	for _, p := range got.Residuals {
		e := substitute(p.Conditions[0].Body, subst, linkSlots(src, p.ID))
		v, err := Evaluate(e, req, es)
		switch {
		case err != nil:
			outcome[p.ID] = "error"
		case v.Kind() == "bool" && v.Equal(Value{v: trueValue}):
			outcome[p.ID] = "true"
		case v.Kind() == "bool":
			outcome[p.ID] = "false"
		default:
			outcome[p.ID] = "error"
		}
	}
	var permits, forbids, errs []string
	for _, p := range ps.policies {
		switch outcome[p.id] {
		case "error":
			errs = append(errs, p.id)
		case "true":
			if p.effect == syntax.Forbid {
				forbids = append(forbids, p.id)
			} else {
				permits = append(permits, p.id)
			}
		}
	}
	decision, reasons := Allow, permits
	if len(forbids) > 0 || len(permits) == 0 {
		decision, reasons = Deny, forbids
	}
	var wantErrs []string
	for _, e := range want.Diagnostics.Errors {
		wantErrs = append(wantErrs, e.PolicyID)
	}
	slices.Sort(reasons)
	slices.Sort(errs)
	wantReasons := slices.Clone(want.Diagnostics.Reasons)
	slices.Sort(wantReasons)
	slices.Sort(wantErrs)
	var msg string
	if decision != want.Decision || !slices.Equal(reasons, wantReasons) || !slices.Equal(errs, wantErrs) {
		msg = fmt.Sprintf("substituted residuals give %v %v errors %v; Authorize gives %v %v errors %v\n",
			decision, reasons, errs, want.Decision, wantReasons, wantErrs)
	}
	if got.Decision == PartialAllow && want.Decision != Allow || got.Decision == PartialDeny && want.Decision != Deny {
		msg += fmt.Sprintf("partial decision %v, concrete %v\n", got.Decision, want.Decision)
	}
	if msg != "" {
		for _, p := range got.Residuals {
			msg += "residual " + p.ID + ": " + printer.Expr(p.Conditions[0].Body) + "\n"
		}
	}
	return msg
}

// linkSlots returns the slot values of the link with id, or nil.
func linkSlots(ps *syntax.PolicySet, id string) map[syntax.SlotID]syntax.EntityUID {
	for _, l := range ps.Links {
		if l.NewID == id {
			return l.Values
		}
	}
	return nil
}

// substitute replaces each unknown(name) in e by subst[name] and each
// slot by its linked entity, copying the nodes on the way.
func substitute(e syntax.Expr, subst map[string]syntax.Expr, slots map[syntax.SlotID]syntax.EntityUID) syntax.Expr {
	return syntax.Rewrite(e, func(x syntax.Expr) (syntax.Expr, bool) {
		if name, ok := syntax.UnknownName(x); ok {
			if v, ok := subst[name]; ok {
				return v, true
			}
			return x, true
		}
		if s, ok := x.(*syntax.Slot); ok {
			if u, ok := slots[s.ID]; ok {
				return syntax.Entity(u), true
			}
		}
		return nil, false
	})
}

func describePartialRequest(r *syntax.PartialRequest) string {
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
