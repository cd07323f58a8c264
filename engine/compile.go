package engine

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// evalFn is a compiled expression. It reads the request from env and
// returns a value or an evaluation error.
type evalFn func(*env) (value, *evalError)

// maxDepth bounds the nesting of restricted values (entity attributes,
// tags and contexts) the entity store accepts. Expressions have their own
// limit, syntax.MaxNesting, which the compiler counts as syntax.Nesting
// does, so that neither compilation nor evaluation can exhaust the stack.
const maxDepth = 2000

// node is the result of compiling one expression: a closure, and, when
// the expression is a constant that evaluated without error, its value.
// Folding never hides an error: a constant subexpression that fails is
// compiled to a closure raising that same error when evaluation reaches
// it.
type node struct {
	run     evalFn // nil for a constant: see fn
	isConst bool
	val     value
}

// fn is the closure that evaluates n. A constant's is made when asked
// for: most parents of a constant read its value instead (x == 1,
// folding), so most constants never need one.
func (n node) fn() evalFn {
	if n.run == nil && n.isConst {
		v := n.val
		return func(*env) (value, *evalError) { return v, nil }
	}
	return n.run
}

func constNode(v value) node {
	if v.k == kindBool {
		return boolNodes[v.n] // shared: the commonest constants
	}
	return node{isConst: true, val: v}
}

var boolNodes = [2]node{
	{run: func(*env) (value, *evalError) { return falseValue, nil }, isConst: true, val: falseValue},
	{run: func(*env) (value, *evalError) { return trueValue, nil }, isConst: true, val: trueValue},
}

func errorNode(err *evalError) node {
	return node{run: func(*env) (value, *evalError) { return value{}, err }}
}

// compiler turns expressions into closures. slots holds a template
// link's slot values; depth is the nesting level (syntax.Nesting) of the
// expression being compiled.
type compiler struct {
	slots map[syntax.SlotID]syntax.EntityUID
	depth int
	arena *arena // the constants' strings, shared by a policy set's compilers
}

// CompileError reports an expression the engine cannot compile.
type CompileError struct {
	Pos syntax.Pos
	Msg string
}

func (e *CompileError) Error() string {
	if e.Pos.IsValid() {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Msg
}

// fold evaluates a node built from constant operands now. pure says the
// operation reads neither the request nor the entity store.
func fold(fn evalFn, pure bool, args ...node) node {
	if !pure {
		return node{run: fn}
	}
	for _, a := range args {
		if !a.isConst {
			return node{run: fn}
		}
	}
	v, err := fn(&foldEnv)
	if err != nil {
		return errorNode(err)
	}
	return constNode(v)
}

// foldEnv is the empty environment constants are evaluated in. Shared:
// evaluation only reads an env (authorization fills its own).
var foldEnv env

// compile compiles e, one level below the expression being compiled. A
// subexpression nested deeper than syntax.MaxNesting is not compiled: it
// becomes a closure raising RecursionLimit, so that, as in the model, the
// policy fails at evaluation exactly when evaluation reaches it.
func (c *compiler) compile(e syntax.Expr) (node, error) {
	c.depth++
	n, err := c.compileAt(e)
	c.depth--
	return n, err
}

func (c *compiler) compileAt(e syntax.Expr) (node, error) {
	if c.depth > syntax.MaxNesting && e != nil {
		return errorNode(errorf(RecursionLimit, e.Position(), "expression nested more than %d levels deep", syntax.MaxNesting)), nil
	}
	switch e := e.(type) {
	case *syntax.Literal:
		return c.literal(e)
	case *syntax.Variable:
		return c.variable(e)
	case *syntax.Slot:
		u, ok := c.slots[e.ID]
		if !ok {
			return errorNode(typeErrorf(e.Pos, "unlinked slot %s", e.ID)), nil
		}
		return constNode(entityValue(internUID(u))), nil
	case *syntax.Unary:
		return c.unary(e)
	case *syntax.Binary:
		return c.binary(e)
	case *syntax.If:
		return c.ifThenElse(e)
	case *syntax.GetAttr:
		return c.getAttr(e)
	case *syntax.Has:
		return c.has(e)
	case *syntax.Like:
		return c.like(e)
	case *syntax.Is:
		return c.is(e)
	case *syntax.SetExpr:
		return c.set(e)
	case *syntax.RecordExpr:
		return c.record(e)
	case *syntax.Call:
		return c.call(e)
	case nil:
		return node{}, &CompileError{Msg: "missing expression"}
	}
	return node{}, &CompileError{Pos: e.Position(), Msg: fmt.Sprintf("unknown expression %T", e)}
}

func (c *compiler) literal(e *syntax.Literal) (node, error) {
	v, err := literalValue(e, c.arena)
	if err != nil {
		return node{}, err
	}
	return constNode(v), nil
}

// literalValue is the value of a literal; a string's header comes from a.
func literalValue(e *syntax.Literal, a *arena) (value, error) {
	switch v := e.Value.(type) {
	case bool:
		return boolValue(v), nil
	case int64:
		return longValue(v), nil
	case string:
		return a.str(v), nil
	case syntax.EntityUID:
		return entityValue(internUID(v)), nil
	}
	return value{}, &CompileError{Pos: e.Pos, Msg: fmt.Sprintf("bad literal %T", e.Value)}
}

func (c *compiler) variable(e *syntax.Variable) (node, error) {
	if e.Var > syntax.VarContext {
		return node{}, &CompileError{Pos: e.Pos, Msg: "unknown variable"}
	}
	i := e.Var
	return node{run: func(en *env) (value, *evalError) { return en.vars[i], nil }}, nil
}
