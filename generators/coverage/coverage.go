package coverage

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Coverage accumulates evaluation results over a batch of tests.
type Coverage struct {
	Tests    int
	Requests int
	// Allow counts the requests the model allowed.
	Allow int
	// ErrorRequests counts the requests for which some policy errored;
	// ErrorKinds counts, per error kind, the requests that saw it.
	ErrorRequests int
	ErrorKinds    map[string]int
	// Policies counts static policies and templates; Valid those the
	// validator accepts; ValidationKinds the validation errors by kind.
	Policies        int
	Valid           int
	ValidationKinds map[string]int
	// Evaluated counts, per construct (generators.ConstructName), the
	// evaluations that succeeded; EvalErrors those that failed. Scope
	// forms count once per policy and request.
	Evaluated  map[string]int
	EvalErrors map[string]int
	// Setup counts tests the model could not load (entity store or
	// request errors); they should not happen.
	Setup []string
}

// New returns an empty collector.
func New() *Coverage {
	return &Coverage{
		ErrorKinds:      map[string]int{},
		ValidationKinds: map[string]int{},
		Evaluated:       map[string]int{},
		EvalErrors:      map[string]int{},
	}
}

// Add validates and authorizes one test with the model and counts what
// was evaluated. With constructs false only decisions, errors and
// validation are counted, which is several times faster.
func (c *Coverage) Add(t *generators.Test, constructs bool) {
	c.Tests++
	res := validator.Validate(t.Schema, t.Policies)
	bad := map[string]bool{}
	for _, d := range res.Errors {
		bad[d.PolicyID] = true
		c.ValidationKinds[string(d.Kind)]++
	}
	for _, p := range t.Policies.Policies {
		c.Policies++
		if !bad[p.ID] {
			c.Valid++
		}
	}
	es, err := model.NewEntities(t.Entities)
	if err != nil {
		c.Setup = append(c.Setup, fmt.Sprintf("test %d/%d: entities: %v", t.Seed, t.Index, err))
		return
	}
	linked, err := model.LinkedPolicies(t.Policies)
	if err != nil {
		c.Setup = append(c.Setup, fmt.Sprintf("test %d/%d: links: %v", t.Seed, t.Index, err))
		return
	}
	for i := range t.Requests {
		req := &t.Requests[i]
		resp, err := model.Authorize(t.Policies, es, req)
		if err != nil {
			c.Setup = append(c.Setup, fmt.Sprintf("test %d/%d: request %d: %v", t.Seed, t.Index, i, err))
			continue
		}
		c.Requests++
		if resp.Decision == model.Allow {
			c.Allow++
		}
		if len(resp.Errors) > 0 {
			c.ErrorRequests++
			kinds := map[string]bool{}
			for _, e := range resp.Errors {
				kinds[e.Kind.String()] = true
			}
			for k := range kinds {
				c.ErrorKinds[k]++
			}
		}
		if constructs {
			env, err := model.NewEnv(req, es)
			if err != nil {
				continue
			}
			for _, p := range linked {
				c.policy(env, p)
			}
		}
	}
}

// policy evaluates p's scope and then, while the policy may still be
// satisfied, its conditions in order, counting constructs.
func (c *Coverage) policy(env *model.Env, p *syntax.Policy) {
	scopeOnly := *p
	scopeOnly.Conditions = nil
	for _, s := range []struct {
		v  string
		sc syntax.Scope
	}{{"principal", p.Principal}, {"action", p.Action}, {"resource", p.Resource}} {
		c.Evaluated["scope "+s.v+" "+s.sc.Op.String()]++
	}
	ok, err := env.Satisfied(&scopeOnly)
	if err != nil || !ok {
		return
	}
	for _, cond := range p.Conditions {
		v, err := c.visit(env, cond.Body)
		b, isBool := v.(model.Bool)
		if err != nil || !isBool || bool(b) == (cond.Kind == syntax.Unless) {
			return
		}
	}
}

// visit evaluates e, counts its construct, and visits the operands that
// evaluating e evaluates. It returns e's value.
func (c *Coverage) visit(env *model.Env, e syntax.Expr) (model.Value, error) {
	// A chain is visited link by link, so that its spine is not
	// evaluated once per link: quadratic in the chains of thousands of
	// operands that generator mode limits builds.
	switch x := e.(type) {
	case *syntax.Binary:
		if !noChains && x.Form == syntax.FormPlain && chainLink(x, x.Op) {
			return c.visitChain(env, x)
		}
	case *syntax.If:
		if _, ok := x.Else.(*syntax.If); ok && !noChains {
			return c.visitElseIf(env, x)
		}
	}
	v, err := c.evalCount(env, e)
	// The operands of a desugared form belong to it: `a != b` is counted
	// as "!=", and its operands a and b are visited directly.
	if u, ok := e.(*syntax.Unary); ok && u.Form != syntax.FormPlain {
		if b, ok := u.Arg.(*syntax.Binary); ok {
			c.visitAll(env, b.Left, b.Right)
			return v, err
		}
	}
	switch e := e.(type) {
	case *syntax.Binary:
		switch e.Op {
		case syntax.OpAnd, syntax.OpOr:
			if is, in, ok := syntax.AsIsIn(e); ok {
				// x is T in y: x, shared by the Is and the In, is
				// visited once, under the Is; the In is counted and only
				// its y visited.
				l, lerr := c.visit(env, is)
				if lb, ok := l.(model.Bool); lerr == nil && ok && bool(lb) {
					c.evalCount(env, in)
					c.visit(env, in.Right)
				}
				return v, err
			}
			if next, g, ok := syntax.AsHasPathStep(e); ok {
				// A step `p.a has b` of e has a.b.c: its prefix p,
				// shared with the step before, was visited there; the
				// step and its access p.a are counted, p not again.
				l, lerr := c.visit(env, e.Left)
				if lb, ok := l.(model.Bool); lerr == nil && ok && bool(lb) {
					c.evalCount(env, next)
					c.evalCount(env, g)
				}
				return v, err
			}
			l, lerr := c.visit(env, e.Left)
			lb, ok := l.(model.Bool)
			if lerr == nil && ok && bool(lb) == (e.Op == syntax.OpAnd) {
				c.visit(env, e.Right)
			}
			return v, err
		}
		c.visitAll(env, e.Left, e.Right)
	case *syntax.If:
		cv, cerr := c.visit(env, e.Cond)
		if cb, ok := cv.(model.Bool); cerr == nil && ok {
			if cb {
				c.visit(env, e.Then)
			} else {
				c.visit(env, e.Else)
			}
		}
	case *syntax.Unary:
		c.visit(env, e.Arg)
	case *syntax.GetAttr:
		c.visit(env, e.Left)
	case *syntax.Has:
		c.visit(env, e.Left)
	case *syntax.Like:
		c.visit(env, e.Left)
	case *syntax.Is:
		c.visit(env, e.Left)
	case *syntax.SetExpr:
		c.visitAll(env, e.Elems...)
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			if _, err := c.visit(env, f.Value); err != nil {
				break
			}
		}
	case *syntax.Call:
		c.visitAll(env, e.Args...)
	}
	return v, err
}

// noChains turns the chain shortcuts of visit off, for a test that they
// count exactly as visiting every node does.
var noChains bool

// chainLink reports whether e is a plain link of a chain of op (&&, ||,
// + and -, or *) whose left operand is a link too.
func chainLink(e *syntax.Binary, op syntax.BinaryOp) bool {
	family := func(o syntax.BinaryOp) syntax.BinaryOp {
		if o == syntax.OpSub {
			return syntax.OpAdd
		}
		return o
	}
	switch op {
	case syntax.OpAnd, syntax.OpOr, syntax.OpAdd, syntax.OpSub, syntax.OpMul:
	default:
		return false
	}
	l, ok := e.Left.(*syntax.Binary)
	return ok && l.Form == syntax.FormPlain && family(l.Op) == family(op)
}

// errNotBool and errNotLong stand for the type errors of a chain link.
var (
	errNotBool = errors.New("not a bool")
	errNotLong = errors.New("not a long")
)

// visitChain visits a chain of &&, || or arithmetic links bottom-up,
// computing each link's value from its operands' with Cedar's rules, and
// counts each link as evaluating it would.
func (c *Coverage) visitChain(env *model.Env, e *syntax.Binary) (model.Value, error) {
	var links []*syntax.Binary // innermost first
	for x := e; ; {
		links = append(links, x)
		l, ok := x.Left.(*syntax.Binary)
		if !ok || !chainLink(x, x.Op) {
			break
		}
		x = l
	}
	slices.Reverse(links)
	v, err := c.visit(env, links[0].Left)
	for _, l := range links {
		switch l.Op {
		case syntax.OpAnd, syntax.OpOr:
			b, ok := v.(model.Bool)
			switch {
			case err != nil:
			case !ok:
				err = errNotBool
			case bool(b) == (l.Op == syntax.OpAnd):
				if v, err = c.visit(env, l.Right); err == nil {
					if _, ok := v.(model.Bool); !ok {
						err = errNotBool
					}
				}
			}
		default:
			if err == nil {
				var r model.Value
				if r, err = c.visit(env, l.Right); err == nil {
					a, aok := v.(model.Long)
					b, bok := r.(model.Long)
					if !aok || !bok {
						err = errNotLong
					} else {
						v, err = env.Eval(syntax.Bin(l.Op, syntax.Long(int64(a)), syntax.Long(int64(b))))
					}
				}
			}
		}
		c.count(l, err)
	}
	return v, err
}

// visitElseIf visits an else-if chain arm by arm; every if on the path
// taken has the value of the branch that ends it.
func (c *Coverage) visitElseIf(env *model.Env, e *syntax.If) (model.Value, error) {
	var path []*syntax.If
	var v model.Value
	var err error
	for {
		path = append(path, e)
		cv, cerr := c.visit(env, e.Cond)
		cb, ok := cv.(model.Bool)
		if cerr != nil || !ok {
			v, err = nil, cmp.Or(cerr, errNotBool)
			break
		}
		if cb {
			v, err = c.visit(env, e.Then)
			break
		}
		next, ok := e.Else.(*syntax.If)
		if !ok {
			v, err = c.visit(env, e.Else)
			break
		}
		e = next
	}
	for _, x := range path {
		c.count(x, err)
	}
	return v, err
}

// count counts e's construct as evaluated, or as failed when err is set.
func (c *Coverage) count(e syntax.Expr, err error) {
	if name := generators.ConstructName(e); err != nil {
		c.EvalErrors[name]++
	} else {
		c.Evaluated[name]++
	}
}

// evalCount evaluates e and counts its construct (count). It returns
// e's value.
func (c *Coverage) evalCount(env *model.Env, e syntax.Expr) (model.Value, error) {
	v, err := env.Eval(e)
	c.count(e, err)
	return v, err
}

// visitAll visits operands left to right up to the first that fails.
func (c *Coverage) visitAll(env *model.Env, es ...syntax.Expr) {
	for _, x := range es {
		if _, err := c.visit(env, x); err != nil {
			return
		}
	}
}

// AllowShare is the fraction of requests allowed.
func (c *Coverage) AllowShare() float64 { return ratio(c.Allow, c.Requests) }

// ErrorShare is the fraction of requests for which some policy errored.
func (c *Coverage) ErrorShare() float64 { return ratio(c.ErrorRequests, c.Requests) }

// ValidShare is the fraction of policies that validate.
func (c *Coverage) ValidShare() float64 { return ratio(c.Valid, c.Policies) }

func ratio(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return float64(n) / float64(d)
}

// Write prints the results.
func (c *Coverage) Write(w io.Writer) {
	fmt.Fprintf(w, "tests %d, requests %d: allow %.1f%%, requests with a policy error %.1f%%\n",
		c.Tests, c.Requests, 100*c.AllowShare(), 100*c.ErrorShare())
	for _, k := range slices.Sorted(maps.Keys(c.ErrorKinds)) {
		fmt.Fprintf(w, "  requests seeing %-20s %6d (%.1f%%)\n", k, c.ErrorKinds[k], 100*ratio(c.ErrorKinds[k], c.Requests))
	}
	fmt.Fprintf(w, "policies %d: %.1f%% validate\n", c.Policies, 100*c.ValidShare())
	for _, k := range slices.Sorted(maps.Keys(c.ValidationKinds)) {
		fmt.Fprintf(w, "  validation error %-30s %6d\n", k, c.ValidationKinds[k])
	}
	if len(c.Evaluated) > 0 {
		fmt.Fprintf(w, "%-32s %10s %10s\n", "construct", "evaluated", "errors")
		keys := slices.Sorted(maps.Keys(c.Evaluated))
		for _, k := range slices.Sorted(maps.Keys(c.EvalErrors)) {
			if _, ok := c.Evaluated[k]; !ok {
				keys = append(keys, k)
			}
		}
		for _, k := range keys {
			fmt.Fprintf(w, "%-32s %10d %10d\n", k, c.Evaluated[k], c.EvalErrors[k])
		}
	}
	for _, s := range c.Setup {
		fmt.Fprintf(w, "setup error: %s\n", s)
	}
}
