package engine

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// hasPathSteps returns the steps of the has-path test e, the And of the
// readers' shape with each prefix shared (syntax.HasPathRun); nil when e
// is not one.
func hasPathSteps(e *syntax.Binary) []*syntax.Has {
	var operands []syntax.Expr
	var cur syntax.Expr = e
	for {
		b, ok := cur.(*syntax.Binary)
		if !ok || b.Op != syntax.OpAnd {
			break
		}
		operands = append(operands, b.Right)
		cur = b.Left
	}
	operands = append(operands, cur)
	slices.Reverse(operands)
	steps := syntax.HasPathRun(operands, 0)
	if len(steps) != len(operands) {
		return nil
	}
	return steps
}

// hasPathKnown is the has-path test steps on a base known to be v: each
// step tested on the value reached, as the compiled hasPath does, so that
// the base is evaluated once (the && chain of the steps would evaluate it
// again for each, exponential for nested tests). The errors are those of
// the steps evaluated one after the other.
func (pe *partialEnv) hasPathKnown(steps []*syntax.Has, v value) (pval, *evalError) {
	for _, s := range steps {
		var attrs *recordValue
		switch v.k {
		case kindRecord:
			attrs = v.record()
		case kindEntity:
			ent := pe.env.entity(v.euid())
			if ent == nil {
				return known(falseValue), nil
			}
			attrs = ent.attrs
		default:
			return pval{}, typeErrorf(s.Pos, "has %s: expected record or entity, got %s", s.Attr, v.k)
		}
		w, ok := attrs.get(internAttr(s.Attr))
		if !ok {
			return known(falseValue), nil
		}
		v = w
	}
	return known(trueValue), nil
}
