package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// hasPathRun returns the steps of the has-path test `e has a1.a2...`
// starting at operand i of an op chain (first when i is -1) and going on
// through the next ones (syntax.HasPathRun); nil when there is none.
func hasPathRun(op syntax.BinaryOp, first syntax.Expr, links []link, i int) []*syntax.Has {
	if op != syntax.OpAnd || i+1 >= len(links) {
		return nil
	}
	x := first
	if i >= 0 {
		x = links[i].right
	}
	if _, _, ok := syntax.HasPathStep(x, links[i+1].right); !ok {
		return nil
	}
	operands := []syntax.Expr{x}
	for _, l := range links[i+1:] {
		if _, _, ok := syntax.HasPathStep(operands[len(operands)-1], l.right); !ok {
			break
		}
		operands = append(operands, l.right)
	}
	return syntax.HasPathRun(operands, 0)
}

// hasPath compiles `e has a1.a2...an`, the adjacent operands `e has a1`,
// `e.a1 has a2`, ... of an && chain (see syntax.HasPathRun), as one
// operand that compiles and evaluates e once, then walks the path: each
// step is false when its attribute is missing (and ends the test), a
// type error when the value reached is not a record or entity, and
// otherwise moves on to the attribute. The errors and their positions
// are those of the steps evaluated one after the other; a step whose
// accesses would pass syntax.MaxNesting raises RecursionLimit when
// reached, as its compiled form would. The test is not folded when e is
// a constant (a record may lead to an entity, which reads the store).
func (c *compiler) hasPath(steps []*syntax.Has) (node, error) {
	c.depth++ // the level of each Has
	defer func() { c.depth-- }()
	if c.depth > syntax.MaxNesting {
		return errorNode(errorf(RecursionLimit, steps[0].Pos, "expression nested more than %d levels deep", syntax.MaxNesting)), nil
	}
	base, err := c.compile(steps[0].Left)
	if err != nil {
		return node{}, err
	}
	// Step k reads its prefix through k accesses below its Has.
	tooDeep := len(steps)
	for k := 1; k < len(steps); k++ {
		if c.depth+k > syntax.MaxNesting {
			tooDeep = k
			break
		}
	}
	type step struct {
		key  attrName
		name string
		pos  syntax.Pos
	}
	path := make([]step, len(steps))
	for k, h := range steps {
		path[k] = step{internAttr(h.Attr), h.Attr, h.Pos}
	}
	var limitErr *evalError
	if tooDeep < len(steps) {
		limitErr = errorf(RecursionLimit, steps[1].Left.Position(), "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	bf := base.fn()
	return node{run: func(en *env) (value, *evalError) {
		v, err := bf(en)
		if err != nil {
			return value{}, err
		}
		for k := range path {
			if k == tooDeep {
				return value{}, limitErr
			}
			s := &path[k]
			var attrs *recordValue
			switch v.k {
			case kindRecord:
				attrs = v.record()
			case kindEntity:
				ent := en.entity(v.euid())
				if ent == nil {
					return falseValue, nil
				}
				attrs = ent.attrs
			default:
				return value{}, typeErrorf(s.pos, "has %s: expected record or entity, got %s", s.name, v.k)
			}
			w, ok := attrs.get(s.key)
			if !ok {
				return falseValue, nil
			}
			v = w
		}
		return trueValue, nil
	}}, nil
}
