package diff

import (
	"cmp"
	"errors"
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// Evaluator is implemented by adapters that evaluate an expression
// directly (the model and the engine). The expr target compares their
// values exactly; an implementation without it has its values checked
// through extra policies instead (see valueCheck).
type Evaluator interface {
	// EvaluateValues evaluates every expression for every request against
	// in's entities: out[j][k] is exprs[k] for reqs[j]. A returned error
	// means the input itself was rejected (invalid entities); a request
	// the implementation cannot build is an error in each of its
	// ValueAnswers. A Guard-wrapped adapter always has the method and
	// returns ErrNoEvaluator when the adapter has none.
	EvaluateValues(in *Input, reqs []*syntax.Request, exprs []syntax.Expr) ([][]ValueAnswer, error)
}

// ErrNoEvaluator is returned by EvaluateValues when the implementation
// cannot evaluate expressions directly.
var ErrNoEvaluator = errors.New("implementation has no evaluator")

// ValueAnswer is the value of one expression for one request: the value
// written as a restricted expression (model.ValueExpr, engine.Value.Expr),
// or Err when evaluation failed. Implementations share no value code:
// they meet at this syntax tree, compared through CanonicalValue.
type ValueAnswer struct {
	Value syntax.Expr
	Err   error
}

// CanonicalValue is the Cedar text of a value written as a restricted
// expression, with set elements sorted by their own canonical text and
// record fields by key: two implementations computed the same value
// exactly when their texts are equal (extension values are written in the
// canonical forms of model.ValueExpr and engine.Value.Expr, so equal
// values also print alike).
func CanonicalValue(e syntax.Expr) string { return printer.Expr(CanonicalExpr(e)) }

// CanonicalExpr is the tree CanonicalValue prints: e with set elements
// sorted (and duplicates dropped) and record fields sorted by key, at
// every level.
func CanonicalExpr(e syntax.Expr) syntax.Expr { return canonicalExpr(e) }

func canonicalExpr(e syntax.Expr) syntax.Expr {
	switch e := e.(type) {
	case *syntax.SetExpr:
		type elem struct {
			text string
			e    syntax.Expr
		}
		elems := make([]elem, 0, len(e.Elems))
		for _, x := range e.Elems {
			c := canonicalExpr(x)
			elems = append(elems, elem{printer.Expr(c), c})
		}
		slices.SortFunc(elems, func(a, b elem) int { return cmp.Compare(a.text, b.text) })
		out := &syntax.SetExpr{}
		for i, x := range elems {
			if i > 0 && x.text == elems[i-1].text {
				continue // a set has no duplicates: a value with one is not canonical
			}
			out.Elems = append(out.Elems, x.e)
		}
		return out
	case *syntax.RecordExpr:
		out := &syntax.RecordExpr{Fields: make([]syntax.Field, len(e.Fields))}
		for i, f := range e.Fields {
			out.Fields[i] = syntax.Field{Key: f.Key, Value: canonicalExpr(f.Value)}
		}
		slices.SortFunc(out.Fields, func(a, b syntax.Field) int { return cmp.Compare(a.Key, b.Key) })
		return out
	}
	return e
}

// EvaluateValues forwards to the wrapped implementation when it is an
// Evaluator, and returns ErrNoEvaluator otherwise.
func (g guarded) EvaluateValues(in *Input, reqs []*syntax.Request, exprs []syntax.Expr) (out [][]ValueAnswer, err error) {
	ev, ok := g.impl.(Evaluator)
	if !ok {
		return nil, ErrNoEvaluator
	}
	defer g.recover(&err)
	out, err = ev.EvaluateValues(in, reqs, exprs)
	if err == nil && len(out) != len(reqs) {
		err = errors.New(g.impl.Name() + ": wrong number of value answers")
	}
	return out, err
}
