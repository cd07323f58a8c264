package generators

import (
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Stats counts what a batch of generated tests contains: every AST node
// kind, operator, method, extension function and scope form, both as
// occurrences and as the number of policies that contain it. It counts
// the surface syntax: `a != b` counts as "!=", not as "!" and "==".
// A Stats is not safe for concurrent use: give each worker its own and
// Merge them.
type Stats struct {
	Tests     int
	Policies  int // static policies and templates
	Templates int
	Links     int
	Requests  int
	Entities  int
	// Occurrences counts every occurrence of each construct.
	Occurrences map[string]int
	// InPolicies counts the policies that contain each construct at
	// least once (a template's links are not counted again).
	InPolicies map[string]int
	// Faults counts the tests with each kind of deliberate fault.
	Faults map[FaultKind]int
	// MaxExprDepth is the height of the deepest condition seen.
	MaxExprDepth int

	// tallies is Add's scratch space, kept from one test to the next.
	tallies []constructTally
}

// constructTally counts one construct within a test, for Add: its
// occurrences, the policies that contain it, and the last such policy.
type constructTally struct {
	construct             string
	occurrences, policies int
	last                  int
}

// NewStats returns an empty collector.
func NewStats() *Stats {
	return &Stats{Occurrences: map[string]int{}, InPolicies: map[string]int{}, Faults: map[FaultKind]int{}}
}

// Add counts the constructs of one test.
func (s *Stats) Add(t *Test) {
	s.Tests++
	s.Requests += len(t.Requests)
	s.Entities += len(t.Entities)
	for i, f := range t.Faults {
		if !slices.ContainsFunc(t.Faults[:i], func(g Fault) bool { return g.Kind == f.Kind }) {
			s.Faults[f.Kind]++
		}
	}
	if t.Policies == nil {
		return
	}
	s.Links += len(t.Policies.Links)
	// The constructs of the test are counted in a slice (a few dozen
	// names, most of them seen many times) and added to the maps once
	// each.
	tallies, policy := s.tallies[:0], 0
	count := func(c string) {
		for i := range tallies {
			if x := &tallies[i]; x.construct == c {
				x.occurrences++
				if x.last != policy {
					x.policies, x.last = x.policies+1, policy
				}
				return
			}
		}
		tallies = append(tallies, constructTally{construct: c, occurrences: 1, policies: 1, last: policy})
	}
	for i, p := range t.Policies.Policies {
		s.Policies++
		if p.IsTemplate() {
			s.Templates++
		}
		policy = i
		PolicyConstructs(p, count)
		for _, c := range p.Conditions {
			s.MaxExprDepth = max(s.MaxExprDepth, exprDepth(c.Body))
		}
	}
	for _, x := range tallies {
		s.Occurrences[x.construct] += x.occurrences
		s.InPolicies[x.construct] += x.policies
	}
	clear(tallies)
	s.tallies = tallies[:0]
}

// Merge adds the counts of o to s.
func (s *Stats) Merge(o *Stats) {
	s.Tests += o.Tests
	s.Policies += o.Policies
	s.Templates += o.Templates
	s.Links += o.Links
	s.Requests += o.Requests
	s.Entities += o.Entities
	for k, v := range o.Occurrences {
		s.Occurrences[k] += v
	}
	for k, v := range o.InPolicies {
		s.InPolicies[k] += v
	}
	for k, v := range o.Faults {
		s.Faults[k] += v
	}
	s.MaxExprDepth = max(s.MaxExprDepth, o.MaxExprDepth)
}

// PolicyShare returns the fraction of policies that contain construct c.
func (s *Stats) PolicyShare(c string) float64 {
	if s.Policies == 0 {
		return 0
	}
	return float64(s.InPolicies[c]) / float64(s.Policies)
}

// Write prints the counts as a table, constructs in sorted order.
func (s *Stats) Write(w io.Writer) {
	fmt.Fprintf(w, "tests %d, policies %d (templates %d, links %d), requests %d, entities %d, max condition depth %d\n",
		s.Tests, s.Policies, s.Templates, s.Links, s.Requests, s.Entities, s.MaxExprDepth)
	for _, k := range slices.Sorted(maps.Keys(s.Faults)) {
		fmt.Fprintf(w, "fault %-12s %6d tests (%.1f%%)\n", k, s.Faults[k], pct(s.Faults[k], s.Tests))
	}
	fmt.Fprintf(w, "%-28s %10s %10s %8s\n", "construct", "count", "policies", "share")
	for _, k := range slices.Sorted(maps.Keys(s.Occurrences)) {
		fmt.Fprintf(w, "%-28s %10d %10d %7.1f%%\n", k, s.Occurrences[k], s.InPolicies[k], 100*s.PolicyShare(k))
	}
}

func pct(n, d int) float64 {
	if d == 0 {
		return 0
	}
	return 100 * float64(n) / float64(d)
}

// PolicyConstructs calls f with the name of every construct of policy p:
// its scope forms ("principal in", "action in-set", "resource ==
// ?resource", ...), "when"/"unless", "annotation", and every construct
// of its conditions (see ExprConstructs).
func PolicyConstructs(p *syntax.Policy, f func(string)) {
	f(scopeConstruct(0, p.Principal))
	f(scopeConstruct(1, p.Action))
	f(scopeConstruct(2, p.Resource))
	if len(p.Annotations) > 0 {
		f("annotation")
	}
	if p.IsTemplate() {
		f("template")
	}
	for _, c := range p.Conditions {
		f(c.Kind.String())
		ExprConstructs(c.Body, f)
	}
}

// scopeVariables are the scope's variables, in the order of
// scopeConstruct's first argument.
var scopeVariables = [3]string{"principal", "action", "resource"}

// scopeConstruct names the form of scope s of variable scopeVariables[v],
// such as "scope principal is-in ?principal". The names are made once:
// Stats.Add names three per policy.
func scopeConstruct(v int, s syntax.Scope) string {
	slotted := 0
	if s.Slot != "" {
		slotted = 1
	}
	if names := scopeConstructs[v][slotted]; int(s.Op) < len(names) && (s.Slot == "" || s.Slot == scopeSlot(v)) {
		return names[s.Op]
	}
	return scopeConstructName(scopeVariables[v], s.Op, s.Slot)
}

// scopeSlot is the slot a template's scope of variable v may hold (the
// action has none; its slotted names are never asked for).
func scopeSlot(v int) syntax.SlotID {
	if v == 2 {
		return syntax.SlotResource
	}
	return syntax.SlotPrincipal
}

func scopeConstructName(v string, op syntax.ScopeOp, slot syntax.SlotID) string {
	name := "scope " + v + " " + op.String()
	if slot != "" {
		name += " " + string(slot)
	}
	return name
}

// scopeConstructs[v][slotted][op] is scopeConstruct's name of a form.
var scopeConstructs = func() (names [3][2][]string) {
	for v, name := range scopeVariables {
		for op := syntax.ScopeAll; op <= syntax.ScopeInSet; op++ {
			names[v][0] = append(names[v][0], scopeConstructName(name, op, ""))
			names[v][1] = append(names[v][1], scopeConstructName(name, op, scopeSlot(v)))
		}
	}
	return names
}()

// ExprConstructs calls f with the construct name of e and of each of its
// sub-expressions (see ConstructName). For the desugared forms it names
// the surface construct once: a FormNotEq Not is "!=" and its Eq is not
// counted again; a FormIsIn And is "is-in" and a FormHasPath And is
// "has-path" instead of "&&".
func ExprConstructs(e syntax.Expr, f func(string)) {
	// A desugared form's argument is the next node Inspect visits.
	var skip syntax.Expr
	syntax.Inspect(e, func(x syntax.Expr) bool {
		if x == skip {
			skip = nil
			return true
		}
		if u, ok := x.(*syntax.Unary); ok && u.Form != syntax.FormPlain {
			skip = u.Arg
		}
		f(ConstructName(x))
		return true
	})
}

// ConstructName names the construct of the node e itself: "==", "!=",
// "<", ">", "&&", "neg", "if", ".", "has", "has-path", "like", "is",
// "is-in", "set", "record", "contains", "getTag", a literal kind
// ("long", "string", "bool", "entity"), a variable ("principal", ...),
// "slot", or for a call, the function or method name ("decimal",
// "isInRange", ...).
func ConstructName(e syntax.Expr) string {
	switch e := e.(type) {
	case *syntax.Literal:
		switch e.Value.(type) {
		case bool:
			return "bool"
		case int64:
			return "long"
		case string:
			return "string"
		case syntax.EntityUID:
			return "entity"
		}
		return "literal"
	case *syntax.Variable:
		return e.Var.String()
	case *syntax.Slot:
		return "slot"
	case *syntax.Unary:
		switch e.Form {
		case syntax.FormNotEq:
			return "!="
		case syntax.FormGreater:
			return ">"
		case syntax.FormGreaterEq:
			return ">="
		}
		if e.Op == syntax.OpNeg {
			return "neg"
		}
		return e.Op.String()
	case *syntax.Binary:
		switch e.Form {
		case syntax.FormIsIn:
			return "is-in"
		case syntax.FormHasPath:
			return "has-path"
		}
		return e.Op.String()
	case *syntax.If:
		return "if"
	case *syntax.GetAttr:
		return "."
	case *syntax.Has:
		return "has"
	case *syntax.Like:
		return "like"
	case *syntax.Is:
		return "is"
	case *syntax.SetExpr:
		return "set"
	case *syntax.RecordExpr:
		return "record"
	case *syntax.Call:
		return e.Name
	}
	return "?"
}

// RequiredConstructs lists the constructs that the default typed
// settings must generate in at least 0.5% of policies, and that must be
// evaluated without error at least 100 times in 10,000 tests: every
// operator, method, extension function and scope form.
var RequiredConstructs = []string{
	// operators
	"==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", "+", "-", "*", "!", "neg", "if",
	".", "has", "like", "is", "is-in", "has-path", "set", "record",
	// methods
	"contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag",
	// extension functions and methods
	"decimal", "ip", "datetime", "duration",
	"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
	"isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
	"offset", "durationSince", "toDate", "toTime",
	"toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays",
	// scope forms
	"scope principal all", "scope principal ==", "scope principal in", "scope principal is", "scope principal is-in",
	"scope action all", "scope action ==", "scope action in", "scope action in-set",
	"scope resource all", "scope resource ==", "scope resource in", "scope resource is", "scope resource is-in",
	"scope principal == ?principal", "scope principal in ?principal", "scope principal is-in ?principal",
	"scope resource == ?resource", "scope resource in ?resource", "scope resource is-in ?resource",
}
