package diff

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// KindValue: two implementations computed different values for one
// expression of an expr test (or one computed a value where the other
// raised an error).
const KindValue FindingKind = "value"

// The expr target compares values, not only decisions. The expressions
// are the condition bodies of the test's static policies (the generated
// expression, with any deliberate fault in place; after shrinking, what
// is left of it), each evaluated on its own for every request.
//
// Implementations that are Evaluators (the model and the engine) give
// their values directly; the first of them in the run is the reference
// and the others are compared with it by CanonicalValue, exactly: same
// type, same value, or both an error. An implementation that can only
// authorize (cedar-wasm, cedar-go) is checked against the reference's
// values in the same call as the test's requests: its input gets one
// extra policy per expression and request (valueCheckPolicy) that is
// never satisfied, and that errors exactly when the implementation's
// value differs from the reference's. Check policies therefore never
// change a decision or the reasons; their ids are read from the answer's
// errors and removed before the answers are compared.
type valueCheck struct {
	exprs   []checkedExpr
	refName string
	claims  [][]ValueAnswer // the reference's values, [request][expression]
	checked *Input          // the input with the check policies, built on first use
}

// checkedExpr is one condition body.
type checkedExpr struct {
	policy string
	cond   int
	e      syntax.Expr
}

func (x checkedExpr) String() string {
	return fmt.Sprintf("condition %d of %s: %s", x.cond, x.policy, printer.Expr(x.e))
}

// valueCheckPrefix starts the id of every check policy; no generated or
// saved policy id has it.
const valueCheckPrefix = "crosscheck.value."

func valueCheckID(request, expr int) string {
	return fmt.Sprintf("%s%d.%d", valueCheckPrefix, request, expr)
}

// checkValues evaluates the test's expressions with every Evaluator among
// the implementations and compares their values with the first's. It
// returns nil when there is nothing to check against (no expression, or
// no evaluator answered).
func (c *Config) checkValues(res *TestResult, in *Input, reqs []*syntax.Request, st *tracker) *valueCheck {
	vc := &valueCheck{}
	for _, p := range in.Policies.Policies {
		if p.IsTemplate() {
			continue
		}
		for i, cd := range p.Conditions {
			vc.exprs = append(vc.exprs, checkedExpr{policy: p.ID, cond: i, e: cd.Body})
		}
	}
	if len(vc.exprs) == 0 {
		return nil
	}
	exprs := make([]syntax.Expr, len(vc.exprs))
	for k, x := range vc.exprs {
		exprs[k] = x.e
	}
	for _, impl := range c.Impls {
		if !isEvaluator(impl) {
			continue
		}
		name := impl.Name()
		st.at(name, "evaluate")
		values, err := impl.(Evaluator).EvaluateValues(in, reqs, exprs)
		if err != nil {
			res.addErr(name, "evaluate", -1, err)
			continue
		}
		panicked := false
		for j := range values {
			for _, a := range values[j] {
				var pe *PanicError
				if errors.As(a.Err, &pe) {
					res.addErr(name, "evaluate", j, a.Err)
					panicked = true
				}
			}
		}
		if panicked {
			continue
		}
		if vc.claims == nil {
			vc.refName, vc.claims = name, values
			continue
		}
		for j := range reqs {
			for k, x := range vc.exprs {
				want, got := vc.claims[j][k], values[j][k]
				if d := valueDiff(want, got); d != "" {
					inc(&res.Mismatches, vc.refName+" vs "+name, 1)
					res.add(KindValue, []string{vc.refName, name}, []string{"value"}, j, d,
						fmt.Sprintf("%s\n%s: %s\n%s: %s", x, vc.refName, describeValue(want), name, describeValue(got)))
				}
			}
		}
	}
	if vc.claims == nil {
		return nil
	}
	return vc
}

// isEvaluator reports whether impl (guarded or not) evaluates
// expressions directly.
func isEvaluator(impl Implementation) bool {
	if g, ok := impl.(guarded); ok {
		impl = g.impl
	}
	_, ok := impl.(Evaluator)
	return ok
}

// valueDiff is "" when two value answers agree (equal canonical text, or
// both errors), and otherwise a go-cmp diff of their descriptions.
func valueDiff(a, b ValueAnswer) string {
	if (a.Err != nil) != (b.Err != nil) || a.Err == nil && CanonicalValue(a.Value) != CanonicalValue(b.Value) {
		return cmp.Diff(describeValue(a), describeValue(b))
	}
	return ""
}

func describeValue(a ValueAnswer) string {
	if a.Err != nil {
		return "error: " + a.Err.Error()
	}
	return CanonicalValue(a.Value)
}

// authorize has impl answer the requests, checking its values on the way
// when it is not an Evaluator. The answers it returns are free of check
// policies.
func (vc *valueCheck) authorize(res *TestResult, impl Implementation, in *Input, reqs []*syntax.Request) ([]Answer, error) {
	if vc == nil {
		return impl.Authorize(in, reqs)
	}
	if isEvaluator(impl) {
		return impl.Authorize(in, reqs) // compared by value already
	}
	if vc.checked == nil {
		vc.checked = vc.checkedInput(in)
	}
	answers, err := impl.Authorize(vc.checked, reqs)
	if err != nil {
		return nil, err
	}
	name := impl.Name()
	for j := range answers {
		if answers[j].Err != nil {
			continue
		}
		r := &answers[j].Response
		for k, x := range vc.exprs {
			claim := vc.claims[j][k]
			failed := slices.Contains(r.Errors, valueCheckID(j, k))
			if failed == (claim.Err != nil) {
				continue
			}
			got := "a value that differs (the check policy errored)"
			if claim.Err != nil {
				got = "a value (no error)"
			}
			inc(&res.Mismatches, vc.refName+" vs "+name, 1)
			res.add(KindValue, []string{vc.refName, name}, []string{"value"}, j,
				cmp.Diff(describeValue(claim), name+": "+got),
				fmt.Sprintf("%s\n%s: %s\n%s: %s\ncheck policy: %s", x, vc.refName, describeValue(claim), name, got,
					printer.Policy(valueCheckPolicy(valueCheckID(j, k), x.e, claim))))
		}
		*r = withoutValueChecks(*r)
	}
	return answers, nil
}

// checkedInput is in with the check policies of every expression and
// request added, and no policy text (the policies are printed from the
// tree).
func (vc *valueCheck) checkedInput(in *Input) *Input {
	ps := &syntax.PolicySet{Policies: slices.Clone(in.Policies.Policies), Links: in.Policies.Links}
	for j := range vc.claims {
		for k, x := range vc.exprs {
			ps.Policies = append(ps.Policies, valueCheckPolicy(valueCheckID(j, k), x.e, vc.claims[j][k]))
		}
	}
	out := *in
	out.Policies, out.PolicyText = ps, ""
	return &out
}

// withoutValueChecks removes the check policies from a response.
func withoutValueChecks(r Response) Response {
	drop := func(ids []string) []string {
		return slices.DeleteFunc(slices.Clone(ids), func(id string) bool { return strings.HasPrefix(id, valueCheckPrefix) })
	}
	r.Reasons, r.Errors = drop(r.Reasons), drop(r.Errors)
	r.Messages = slices.DeleteFunc(slices.Clone(r.Messages), func(m string) bool { return strings.HasPrefix(m, valueCheckPrefix) })
	return r.Normalize()
}

// valueCheckPolicy is the policy that checks expression e against the
// reference's answer, for an implementation that can only authorize:
//
//	permit(principal, action, resource) when { if T && (e) == V && N then false else 1 + "…" };
//
// when the reference computed the value V, written as Cedar text; and
//
//	permit(principal, action, resource) when { (e) == (e) && false };
//
// when the reference raised an error. Neither is ever satisfied, so
// neither changes the decision or the reasons. The first errors exactly
// when e errors or its value is not V: Cedar's == is exact (values of
// different types are unequal, sets and records compare structurally,
// extension values by their value, a decimal by its four-digit value, an
// ip address with its prefix and host bits), and T, a type test, errors
// unless e has V's type, reaching it through an operation of that type
// only, so that a wrong value of the wrong type is caught by a second
// path, not only by ==; N, the near misses, are inequalities
// (nearMisses) that catch a bug of the constructor V is written with. The
// second errors exactly when e errors.
func valueCheckPolicy(id string, e syntax.Expr, claim ValueAnswer) *syntax.Policy {
	var body syntax.Expr
	if claim.Err != nil {
		body = syntax.Bin(syntax.OpAnd, syntax.Bin(syntax.OpEq, e, e), syntax.Bool(false))
	} else {
		v := canonicalExpr(claim.Value)
		test := syntax.Bin(syntax.OpEq, e, v)
		if t := typeTest(e, v); t != nil {
			test = syntax.Bin(syntax.OpAnd, t, test)
		}
		for _, miss := range nearMisses(v) {
			test = syntax.Bin(syntax.OpAnd, test, &syntax.Unary{Op: syntax.OpNot, Arg: syntax.Bin(syntax.OpEq, e, miss), Form: syntax.FormNotEq})
		}
		body = &syntax.If{Cond: test, Then: syntax.Bool(false),
			Else: syntax.Bin(syntax.OpAdd, syntax.Long(1), syntax.String("crosscheck: the value differs"))}
	}
	return &syntax.Policy{
		ID:         id,
		Effect:     syntax.Permit,
		Principal:  syntax.Scope{Op: syntax.ScopeAll},
		Action:     syntax.Scope{Op: syntax.ScopeAll},
		Resource:   syntax.Scope{Op: syntax.ScopeAll},
		Conditions: []syntax.Condition{{Kind: syntax.When, Body: body}},
	}
}

// nearMisses lists values that a plausible bug would confuse with v and
// that e must not equal. Comparing e with V alone cannot catch a bug in
// the constructor V itself is written with, which makes e and V wrong
// alike (equality to self): an ip constructor that drops the host bits,
// or the prefix, turns ip("10.0.0.1/24") on both sides into the same
// wrong value. So for an address with host bits beyond its prefix the
// check also requires e != ip("10.0.0.0/24"), and for a prefix shorter
// than the address e != ip("10.0.0.1/32"); both differ from V in Cedar.
// (A near miss that Cedar's ip syntax cannot write, an IPv6 form with
// embedded IPv4, is left out.)
//
// Inside a set or a record, each near miss of an element gives a near
// miss of the whole (that element replaced), up to maxNearMisses.
func nearMisses(v syntax.Expr) []syntax.Expr {
	var out []syntax.Expr
	switch v := v.(type) {
	case *syntax.SetExpr:
		for i, x := range v.Elems {
			for _, m := range nearMisses(x) {
				elems := slices.Clone(v.Elems)
				elems[i] = m
				out = append(out, &syntax.SetExpr{Elems: elems})
			}
		}
	case *syntax.RecordExpr:
		for i, f := range v.Fields {
			for _, m := range nearMisses(f.Value) {
				fields := slices.Clone(v.Fields)
				fields[i].Value = m
				out = append(out, &syntax.RecordExpr{Fields: fields})
			}
		}
	case *syntax.Call:
		out = ipNearMisses(v)
	}
	return out[:min(len(out), maxNearMisses)]
}

// maxNearMisses bounds the near misses of one value, and so the size of
// its check policy.
const maxNearMisses = 8

// ipNearMisses are the near misses of an ip value: its network address and
// its host address (see nearMisses).
func ipNearMisses(call *syntax.Call) []syntax.Expr {
	if call.Name != "ip" || len(call.Args) != 1 {
		return nil
	}
	lit, ok := call.Args[0].(*syntax.Literal)
	if !ok {
		return nil
	}
	text, ok := lit.Value.(string)
	if !ok {
		return nil
	}
	prefix, err := netip.ParsePrefix(text)
	if err != nil {
		return nil
	}
	var out []syntax.Expr
	for _, miss := range []netip.Prefix{prefix.Masked(), netip.PrefixFrom(prefix.Addr(), prefix.Addr().BitLen())} {
		s := miss.String()
		if miss == prefix || strings.Count(s, ":") >= 2 && strings.Contains(s, ".") {
			continue
		}
		out = append(out, &syntax.Call{Name: "ip", Args: []syntax.Expr{syntax.String(s)}})
	}
	return out
}

// typeTest is a Boolean expression that is true when e has the type of
// value v and errors otherwise, reached through an operator of that type
// only:
//
//	bool      if e then true else true
//	long      e + 0 == e
//	string    e like "*"
//	entity    e is T                      (T the type of v)
//	set       e.containsAll([])
//	record    e has crosscheck || true    (has also accepts an entity, which == then refuses)
//	decimal   e.lessThanOrEqual(v) && v.lessThanOrEqual(e)
//	ipaddr    e.isIpv4() || true
//	datetime  e.durationSince(v) == duration("0ms")
//	duration  e.toMilliseconds() == v.toMilliseconds()
func typeTest(e, v syntax.Expr) syntax.Expr {
	call := func(name string, args ...syntax.Expr) syntax.Expr { return &syntax.Call{Name: name, Args: args} }
	switch v := v.(type) {
	case *syntax.Literal:
		switch u := v.Value.(type) {
		case bool:
			return &syntax.If{Cond: e, Then: syntax.Bool(true), Else: syntax.Bool(true)}
		case int64:
			return syntax.Bin(syntax.OpEq, syntax.Bin(syntax.OpAdd, e, syntax.Long(0)), e)
		case string:
			return &syntax.Like{Left: e, Pattern: syntax.Pattern{{Wildcard: true}}}
		case syntax.EntityUID:
			return &syntax.Is{Left: e, Type: u.Type}
		}
	case *syntax.SetExpr:
		return syntax.Bin(syntax.OpContainsAll, e, &syntax.SetExpr{})
	case *syntax.RecordExpr:
		return syntax.Bin(syntax.OpOr, &syntax.Has{Left: e, Attr: "crosscheck"}, syntax.Bool(true))
	case *syntax.Call:
		switch v.Name {
		case "decimal":
			return syntax.Bin(syntax.OpAnd, call("lessThanOrEqual", e, v), call("lessThanOrEqual", v, e))
		case "ip":
			return syntax.Bin(syntax.OpOr, call("isIpv4", e), syntax.Bool(true))
		case "offset":
			return syntax.Bin(syntax.OpEq, call("durationSince", e, v), call("duration", syntax.String("0ms")))
		case "duration":
			return syntax.Bin(syntax.OpEq, call("toMilliseconds", e), call("toMilliseconds", v))
		}
	}
	return nil
}

// ValueCheckPolicies returns the check policies of the expr target for in
// and reqs, claiming the values the Evaluator ev computes: the policies a
// saved value finding carries, so that the saved test, whose expectations
// come from a reference implementation, shows a wrong value as a wrong
// list of erroring policies. Their ids start with "crosscheck.value.";
// they are never satisfied.
func ValueCheckPolicies(ev Implementation, in *Input, reqs []*syntax.Request) ([]*syntax.Policy, error) {
	if !isEvaluator(ev) {
		return nil, fmt.Errorf("%s: %w", ev.Name(), ErrNoEvaluator)
	}
	res := &TestResult{Target: TargetExpr}
	vc := (&Config{Impls: []Implementation{ev}}).checkValues(res, in, reqs, newTracker())
	if len(res.Findings) > 0 {
		return nil, errors.New(res.Findings[0].Detail)
	}
	if vc == nil {
		return nil, nil
	}
	n := len(in.Policies.Policies)
	return vc.checkedInput(in).Policies.Policies[n:], nil
}
