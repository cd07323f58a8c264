package generators

import (
	"math"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Boundary expressions: each family below writes an expression that holds
// one rarity case of the value and operator semantics (rarity_values.go
// names them): records and sets compared across key sets and duplicates,
// the accept/reject bounds of the extension constructors, extension
// arithmetic at the bounds, i64 arithmetic at the bounds and the corners
// of `like`. They are built from literals, so what the case needs is in
// the expression itself, and they are put where they are always
// evaluated: as the first condition of a policy (boundaryCondition) and
// as the whole expression of an expr test (boundaryExprTest).
//
// A typed family type checks in strict validation (valid extension
// literals, records with equal key sets), so typed and rbac policies may
// use it; the others only go into untyped and expr tests.

// boundaryConditionPercent is the share of policies (untyped mode: twice
// as many) that get a boundary expression as their first condition, and
// boundaryExprPercent the share of expr tests that are one. Chosen so
// that each case is in at least 20 of 10,000 default-run tests with a
// margin (measured by `crosscheck gen --stats`).
const (
	boundaryConditionPercent = 20
	boundaryExprPercent      = 55
)

// valueKind is the type of a boundary family's value, which says how to
// turn it into a Boolean (boolOf).
type valueKind uint8

const (
	kBool valueKind = iota
	kLong
	kDatetime
	kDuration
	kDecimal
	kIP
)

// boundaryFamily writes expressions that hold the rarity case name.
type boundaryFamily struct {
	name  string
	typed bool
	kind  valueKind
	gen   func(g *gen) syntax.Expr
	// ext and like: the family needs Settings.Extensions or Like.
	ext, like bool
}

// boundaryCondition returns a condition for the front of a policy in the
// modes that take one, or nil.
func (g *gen) boundaryCondition() *syntax.Condition {
	pct := boundaryConditionPercent
	switch g.s.Mode {
	case ModeLimits:
		return nil
	case ModeUntyped:
		pct *= 2
	}
	if !g.chance(pct) {
		return nil
	}
	f, ok := g.boundaryFamily()
	if !ok {
		return nil
	}
	c := &syntax.Condition{Kind: syntax.When, Body: g.boolOf(f)}
	if g.chance(40) {
		c.Kind = syntax.Unless
	}
	return c
}

// boundaryExprTest returns the expression of an expr test (its value, or
// a Boolean made of it), or nil for an ordinary expr test.
func (g *gen) boundaryExprTest() syntax.Expr {
	if !g.chance(boundaryExprPercent) {
		return nil
	}
	f, ok := g.boundaryFamily()
	if !ok {
		return nil
	}
	if f.kind != kBool && g.chance(50) {
		return f.gen(g)
	}
	return g.boolOf(f)
}

// boundaryFamily picks a family the mode and the feature switches allow
// (false when a few picks found none). Untyped and expr tests are the
// only home of the untyped families, so half of their picks go to those.
func (g *gen) boundaryFamily() (boundaryFamily, bool) {
	from := typedBoundaryFamilies
	if g.s.Mode == ModeUntyped || g.s.Mode == ModeExpr {
		from = boundaryFamilies
		if g.intn(2) == 0 {
			from = untypedBoundaryFamilies
		}
	}
	for range 4 {
		f := pick(g.draw, from)
		if (g.s.Extensions || !f.ext) && (g.s.Like || !f.like) {
			return f, true
		}
	}
	return boundaryFamily{}, false
}

// boolOf writes a Boolean expression that evaluates f's value and
// compares it with an ordinary value of its type.
func (g *gen) boolOf(f boundaryFamily) syntax.Expr {
	v := f.gen(g)
	switch f.kind {
	case kLong:
		return g.compare(v, syntax.Long(pick(g.draw, []int64{0, -1, 1, math.MaxInt64, math.MinInt64})))
	case kDatetime:
		return g.compare(v, ext("datetime", pick(g.draw, []string{"1970-01-01", "2024-01-01T00:00:00Z", "1969-12-31T23:59:59.999Z", "9999-12-31"})))
	case kDuration:
		return g.compare(v, ext("duration", pick(g.draw, []string{"0ms", "1d", "-1ms", "9223372036854775807ms"})))
	case kDecimal:
		m := pick(g.draw, []string{"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual", "=="})
		w := ext("decimal", pick(g.draw, []string{"0.0", "1.5", "-0.0001", "922337203685477.5807"}))
		if m == "==" {
			return syntax.Bin(syntax.OpEq, v, w)
		}
		return call(m, v, w)
	case kIP:
		switch g.intn(4) {
		case 0:
			return call("isInRange", v, ext("ipaddr", pick(g.draw, []string{"0.0.0.0/0", "::/0", "10.0.0.0/8", "127.0.0.1/32"})))
		case 1:
			return syntax.Bin(syntax.OpEq, v, ext("ipaddr", pick(g.draw, []string{"10.0.0.0/24", "::1", "1.2.3.4"})))
		case 2:
			return call("isLoopback", v)
		}
		return call(pick(g.draw, []string{"isIpv4", "isIpv6", "isMulticast"}), v)
	}
	return v
}

// compare writes v == w, v < w or v <= w, either way round.
func (g *gen) compare(v, w syntax.Expr) syntax.Expr {
	op := pick(g.draw, []syntax.BinaryOp{syntax.OpEq, syntax.OpLess, syntax.OpLessEq})
	if g.intn(2) == 0 {
		return syntax.Bin(op, v, w)
	}
	return syntax.Bin(op, w, v)
}

// ext writes the constructor call of extension type t on literal s.
func ext(t, s string) syntax.Expr {
	return &syntax.Call{Name: extConstructor[t], Args: []syntax.Expr{syntax.String(s)}}
}

// call writes a call of an extension function or method (the receiver
// first).
func call(name string, args ...syntax.Expr) syntax.Expr {
	return &syntax.Call{Name: name, Args: args}
}

// lits writes a literal of each value: int64, string, or an Expr as is.
func lit(v any) syntax.Expr {
	switch v := v.(type) {
	case int64:
		return syntax.Long(v)
	case int:
		return syntax.Long(int64(v))
	case string:
		return syntax.String(v)
	case syntax.Expr:
		return v
	}
	panic("generators: lit of an unexpected type")
}

func set(vs ...any) syntax.Expr {
	s := &syntax.SetExpr{}
	for _, v := range vs {
		s.Elems = append(s.Elems, lit(v))
	}
	return s
}

// rec writes a record literal from key, value pairs.
func rec(kv ...any) syntax.Expr {
	r := &syntax.RecordExpr{}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Fields = append(r.Fields, syntax.Field{Key: kv[i].(string), Value: lit(kv[i+1])})
	}
	return r
}

// eqOrNot writes a == b or a != b, either way round.
func (g *gen) eqOrNot(a, b syntax.Expr) syntax.Expr {
	if g.intn(2) == 0 {
		a, b = b, a
	}
	eq := syntax.Bin(syntax.OpEq, a, b)
	if g.intn(2) == 0 {
		return &syntax.Unary{Op: syntax.OpNot, Arg: eq, Form: syntax.FormNotEq}
	}
	return eq
}

// oneOf returns a family generator that picks one of the given
// generators.
func oneOf(gens ...func(g *gen) syntax.Expr) func(g *gen) syntax.Expr {
	return func(g *gen) syntax.Expr { return pick(g.draw, gens)(g) }
}

// extOf returns a family generator of extension type t on one of the
// literals ss.
func extOf(t string, ss ...string) func(g *gen) syntax.Expr {
	return func(g *gen) syntax.Expr { return ext(t, pick(g.draw, ss)) }
}

// The family tables, filled by init in boundary_families.go.
var (
	boundaryFamilies        []boundaryFamily
	typedBoundaryFamilies   []boundaryFamily
	untypedBoundaryFamilies []boundaryFamily
)

func addBoundaryFamilies(fs ...boundaryFamily) {
	for _, f := range fs {
		f.ext = f.ext || f.kind >= kDatetime || strings.HasPrefix(f.name, "datetime-") ||
			strings.HasPrefix(f.name, "decimal-") || strings.HasPrefix(f.name, "ip-") || strings.HasPrefix(f.name, "duration-")
		f.like = f.like || strings.HasPrefix(f.name, "like-")
		boundaryFamilies = append(boundaryFamilies, f)
		if f.typed {
			typedBoundaryFamilies = append(typedBoundaryFamilies, f)
		} else {
			untypedBoundaryFamilies = append(untypedBoundaryFamilies, f)
		}
	}
}
