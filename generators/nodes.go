package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Literal nodes are the most numerous nodes of a test. The generator
// hands them out from chunks (one allocation per litChunk literals), and
// draws strings from the pools as values boxed once (an interface holding
// a string otherwise costs an allocation of its own).

const litChunk = 32

// lit returns a new literal node of value v.
func (g *gen) lit(v syntax.LiteralValue) *syntax.Literal {
	if len(g.lits) == cap(g.lits) {
		g.lits = make([]syntax.Literal, 0, litChunk)
	}
	g.lits = append(g.lits, syntax.Literal{Value: v})
	return &g.lits[len(g.lits)-1]
}

func (g *gen) boolLit(b bool) *syntax.Literal               { return g.lit(b) }
func (g *gen) longLiteral(i int64) *syntax.Literal          { return g.lit(i) }
func (g *gen) stringLit(s string) *syntax.Literal           { return g.lit(s) }
func (g *gen) entityLit(u syntax.EntityUID) *syntax.Literal { return g.lit(u) }

// args1 returns the argument list [x], carved from a chunk shared with
// other lists (with no room to grow into a neighbour's).
func (g *gen) args1(x syntax.Expr) []syntax.Expr {
	if len(g.args) == cap(g.args) {
		g.args = make([]syntax.Expr, 0, litChunk)
	}
	g.args = append(g.args, x)
	n := len(g.args)
	return g.args[n-1 : n : n]
}

// pickString returns a literal of a random string of pool: the draw of
// pick(g.draw, pool.strs).
func (g *gen) pickString(pool *valuePool) *syntax.Literal {
	return g.lit(pool.vals[g.intn(len(pool.vals))])
}

// valuePool is a string pool with its strings boxed as literal values.
type valuePool struct {
	vals []syntax.LiteralValue
}

func newValuePool(strs []string) *valuePool {
	p := &valuePool{vals: make([]syntax.LiteralValue, len(strs))}
	for i, s := range strs {
		p.vals[i] = s
	}
	return p
}

// The pools drawn from as literals.
var (
	stringValues     = newValuePool(stringPool)
	tagKeyValues     = newValuePool(tagKeyPool)
	extValidValues   = map[string]*valuePool{}
	extInvalidValues = map[string]*valuePool{}
)

func init() {
	for ext, pool := range extValid {
		extValidValues[ext] = newValuePool(pool)
	}
	for ext, pool := range extInvalid {
		extInvalidValues[ext] = newValuePool(pool)
	}
}
