package model

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// evalHasPath evaluates `e has a1.a2...an`, the adjacent operands
// `e has a1`, `e.a1 has a2`, ... of an && chain evaluated at level (see
// syntax.HasPathRun), as one rule: e is evaluated once; then each step
// tests its attribute on the value reached so far, and, when the
// attribute is there, moves on to it: the result is false at the first
// attribute missing, without reading further. This is the chain of its
// steps (expressions have no side effects, so each step's e.a1... would
// have the same value; e.a1 is read only after `e has a1` holds, when
// reading it cannot fail), with the same errors at the same positions,
// but it visits e once: nested has-path tests cost linear time, not
// exponential.
//
// The one difference is for trees built in code deeper than
// syntax.MaxNesting, which the readers reject: e is evaluated at the
// level of the first step, so a limit that only its repetitions in later
// steps would pass is not reported.
func (env *Env) evalHasPath(steps []*syntax.Has, level int) (Value, error) {
	stepLevel := level + 1 // the level of each Has
	if stepLevel > syntax.MaxNesting {
		return nil, at(errorf(RecursionLimit, "expression nested more than %d levels deep", syntax.MaxNesting), steps[0].Position())
	}
	v, err := env.eval(steps[0].Left, stepLevel)
	if err != nil {
		return nil, at(err, steps[0].Position())
	}
	for k, step := range steps {
		if k > 0 {
			// step is `e.a1...ak has a(k+1)`: its prefix, k accesses
			// below the Has, is the value of the step before with its
			// attribute, which that step found.
			if stepLevel+k > syntax.MaxNesting {
				return nil, at(errorf(RecursionLimit, "expression nested more than %d levels deep", syntax.MaxNesting), steps[1].Left.Position())
			}
			if v, err = env.getAttr(v, steps[k-1].Attr); err != nil {
				return nil, at(err, step.Left.Position())
			}
		}
		found, err := env.hasAttr(v, step.Attr)
		if err != nil {
			return nil, at(err, step.Position())
		}
		if found == Bool(false) {
			return Bool(false), nil
		}
	}
	return Bool(true), nil
}

// hasPathAt returns the steps of the has-path test starting at operand i
// of an op chain, to be evaluated by evalHasPath; nil when there is none.
func hasPathAt(op syntax.BinaryOp, operands []syntax.Expr, i int) []*syntax.Has {
	if op != syntax.OpAnd || i+1 >= len(operands) {
		return nil
	}
	return syntax.HasPathRun(operands, i)
}
