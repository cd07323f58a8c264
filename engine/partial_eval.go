// The partial evaluator: an expression evaluated against a request with
// unknowns gives a value, an error, or a residual expression.
//
// The rules follow the official engine's partial evaluator:
//
//   - An operator, access, call, set or record whose operands are all
//     values is evaluated as usual, errors included. If an operand is a
//     residual, the result is the same operator applied to the operands
//     (values written back as expressions), and no error is raised by it
//     now; an error raised by evaluating an operand is raised at once.
//   - && and ||: a value on the left is checked to be a bool and may
//     short-circuit; true && r gives the residual `true && r`, keeping
//     r's type check for later. A residual left keeps the right operand,
//     partially evaluated if that succeeds and as written (unevaluated,
//     with its variables) if it raises an error: the error is not raised
//     now, since the left may short-circuit it away.
//   - if with a residual condition keeps both branches the same way.
//   - An attribute of, or has on, a residual record literal is answered
//     now when the record is projectable (only literals, unknowns and
//     nested sets and records): the attribute's value, or
//     AttrDoesNotExist. On a record that is not, a present attribute
//     stays a residual access and a missing one is an error.
//   - `e has a.b.c` is one operation in the official engine: on a
//     residual e it stays residual as a whole, even where `e has a`
//     alone would be answered now; on a value it is
//     e has a && e.a has b && e.a.b has c, as the readers desugar it.
//   - unknown("name") is a residual; `is` on a residual stays residual
//     (unknowns carry no type).

package engine

import (
	"math"

	"github.com/cedar-crosscheck/crosscheck/syntax/printer"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// maxPartialDepth bounds the partial evaluator's recursion, counted as
// syntax.Nesting counts (a chain of one operator family, or an else-if
// chain, is one level), from the policy condition: the few levels the
// scope adds above the clauses are included, so a tree the readers
// accept never reaches it.
const maxPartialDepth = syntax.MaxNesting + 8

// partialEnv is the state of one partial authorization: the request's
// variables (values or residual unknowns), the store (through env, for
// the operators partial evaluation shares with the compiled engine), and
// the slot values of the policy being evaluated.
type partialEnv struct {
	env   env
	vars  [4]pval
	slots map[syntax.SlotID]syntax.EntityUID
	lits  map[*syntax.Literal]value // the values of the policies' literals
	depth int
}

// eval partially evaluates e one level below its parent.
func (pe *partialEnv) eval(e syntax.Expr) (pval, *evalError) {
	pe.depth++
	v, err := pe.evalAt(e)
	pe.depth--
	return v, err
}

// evalChained evaluates e at its parent's level: the left operand of a
// chain of one operator family, or the else branch that is an if.
func (pe *partialEnv) evalChained(e syntax.Expr) (pval, *evalError) {
	return pe.evalAt(e)
}

func (pe *partialEnv) evalAt(e syntax.Expr) (pval, *evalError) {
	if pe.depth > maxPartialDepth && e != nil {
		return pval{}, errorf(RecursionLimit, e.Position(), "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	switch e := e.(type) {
	case *syntax.Literal:
		if v, ok := pe.lits[e]; ok {
			return known(v), nil
		}
		v, err := literalValue(e, nil)
		if err != nil {
			return pval{}, typeErrorf(e.Pos, "%v", err)
		}
		return known(v), nil
	case *syntax.Variable:
		if e.Var > syntax.VarContext {
			return pval{}, typeErrorf(e.Pos, "unknown variable")
		}
		return pe.vars[e.Var], nil
	case *syntax.Slot:
		u, ok := pe.slots[e.ID]
		if !ok {
			return pval{}, typeErrorf(e.Pos, "unlinked slot %s", e.ID)
		}
		return known(entityValue(internUID(u))), nil
	case *syntax.Unary:
		return pe.unary(e)
	case *syntax.Binary:
		switch e.Op {
		case syntax.OpAnd, syntax.OpOr:
			return pe.andOr(e)
		}
		return pe.binary(e)
	case *syntax.If:
		return pe.ifThenElse(e)
	case *syntax.GetAttr:
		return pe.getAttr(e)
	case *syntax.Has:
		return pe.has(e)
	case *syntax.Like:
		l, err := pe.eval(e.Left)
		if err != nil {
			return pval{}, err
		}
		if l.isResidual() {
			return residual(&syntax.Like{Pos: e.Pos, Left: l.res, Pattern: e.Pattern}), nil
		}
		if l.v.k != kindString {
			return pval{}, typeErrorf(e.Pos, "like: expected string, got %s", l.v.k)
		}
		lp := compilePattern(e.Pattern)
		return known(boolValue(lp.match(l.v.str()))), nil
	case *syntax.Is:
		l, err := pe.eval(e.Left)
		if err != nil {
			return pval{}, err
		}
		if l.isResidual() {
			return residual(&syntax.Is{Pos: e.Pos, Left: l.res, Type: e.Type}), nil
		}
		if l.v.k != kindEntity {
			return pval{}, typeErrorf(e.Pos, "is: expected entity, got %s", l.v.k)
		}
		return known(boolValue(l.v.euid().Value().Type == e.Type)), nil
	case *syntax.SetExpr:
		return pe.set(e)
	case *syntax.RecordExpr:
		return pe.record(e)
	case *syntax.Call:
		return pe.call(e)
	case nil:
		return pval{}, typeErrorf(syntax.Pos{}, "missing expression")
	}
	return pval{}, typeErrorf(e.Position(), "unknown expression %T", e)
}

func (pe *partialEnv) unary(e *syntax.Unary) (pval, *evalError) {
	a, err := pe.eval(e.Arg)
	if err != nil {
		return pval{}, err
	}
	if a.isResidual() {
		return residual(&syntax.Unary{Pos: e.Pos, Op: e.Op, Arg: a.res}), nil
	}
	v := a.v
	switch e.Op {
	case syntax.OpNot:
		if v.k != kindBool {
			return pval{}, typeErrorf(e.Pos, "!: expected bool, got %s", v.k)
		}
		return known(boolValue(!v.isTrue())), nil
	case syntax.OpNeg:
		if v.k != kindLong {
			return pval{}, typeErrorf(e.Pos, "-: expected long, got %s", v.k)
		}
		if v.n == math.MinInt64 {
			return pval{}, errorf(Overflow, e.Pos, "integer overflow negating %d", v.n)
		}
		return known(longValue(-v.n)), nil
	case syntax.OpIsEmpty:
		if v.k != kindSet {
			return pval{}, typeErrorf(e.Pos, "isEmpty: expected set, got %s", v.k)
		}
		return known(boolValue(len(v.set().elems) == 0)), nil
	}
	return pval{}, typeErrorf(e.Pos, "unknown unary operator")
}

// andOr is && (decisive false) and || (decisive true). `x is T in y` is
// evaluated by isIn, which evaluates x once.
func (pe *partialEnv) andOr(e *syntax.Binary) (pval, *evalError) {
	if e.Form == syntax.FormHasPath {
		if base, attrs, ok := hasPathOf(e); ok {
			b, err := pe.eval(base)
			if err != nil {
				return pval{}, err
			}
			if b.isResidual() {
				return residual(hasPathExpr(e.Pos, b.res, attrs)), nil
			}
			if steps := hasPathSteps(e); steps != nil {
				return pe.hasPathKnown(steps, b.v)
			}
		}
	}
	if is, in, ok := syntax.AsIsIn(e); ok {
		return pe.isIn(e, is, in)
	}
	decisive := e.Op == syntax.OpOr
	var l pval
	var err *evalError
	if lb, ok := e.Left.(*syntax.Binary); ok && chainFamily(lb.Op) == chainFamily(e.Op) {
		l, err = pe.evalChained(e.Left)
	} else {
		l, err = pe.eval(e.Left)
	}
	if err != nil {
		return pval{}, err
	}
	if l.isResidual() {
		return residual(&syntax.Binary{Pos: e.Pos, Op: e.Op, Left: l.res, Right: pe.bestEffort(e.Right)}), nil
	}
	if l.v.k != kindBool {
		return pval{}, typeErrorf(e.Pos, "%s: expected bool, got %s", e.Op, l.v.k)
	}
	if l.v.isTrue() == decisive {
		return l, nil
	}
	r, err := pe.eval(e.Right)
	if err != nil {
		return pval{}, err
	}
	if r.isResidual() {
		return residual(&syntax.Binary{Pos: e.Pos, Op: e.Op, Left: syntax.Bool(!decisive), Right: r.res}), nil
	}
	if r.v.k != kindBool {
		return pval{}, typeErrorf(e.Pos, "%s: expected bool, got %s", e.Op, r.v.k)
	}
	return r, nil
}

// bestEffort is e partially evaluated, or e itself when that raises an
// error: the operand of a residual && or || or a branch of a residual
// if, whose error must wait until the residual is decided.
func (pe *partialEnv) bestEffort(e syntax.Expr) syntax.Expr {
	v, err := pe.eval(e)
	if err != nil {
		return e
	}
	return v.expr()
}

func (pe *partialEnv) ifThenElse(e *syntax.If) (pval, *evalError) {
	c, err := pe.eval(e.Cond)
	if err != nil {
		return pval{}, err
	}
	if c.isResidual() {
		return residual(&syntax.If{Pos: e.Pos, Cond: c.res, Then: pe.bestEffort(e.Then), Else: pe.bestEffort(e.Else)}), nil
	}
	if c.v.k != kindBool {
		return pval{}, typeErrorf(e.Pos, "if: expected bool, got %s", c.v.k)
	}
	if c.v.isTrue() {
		return pe.eval(e.Then)
	}
	if _, ok := e.Else.(*syntax.If); ok {
		return pe.evalChained(e.Else)
	}
	return pe.eval(e.Else)
}

func (pe *partialEnv) binary(e *syntax.Binary) (pval, *evalError) {
	var l pval
	var err *evalError
	if lb, ok := e.Left.(*syntax.Binary); ok && chainFamily(e.Op) != 0 && chainFamily(lb.Op) == chainFamily(e.Op) {
		l, err = pe.evalChained(e.Left)
	} else {
		l, err = pe.eval(e.Left)
	}
	if err != nil {
		return pval{}, err
	}
	r, err := pe.eval(e.Right)
	if err != nil {
		return pval{}, err
	}
	if l.isResidual() || r.isResidual() {
		return residual(&syntax.Binary{Pos: e.Pos, Op: e.Op, Left: l.expr(), Right: r.expr()}), nil
	}
	if e.Op == syntax.OpIn {
		v, err := inValues(&pe.env, e.Pos, l.v, r.v)
		return known(v), err
	}
	op, ok := binaryOps[e.Op]
	if !ok {
		return pval{}, typeErrorf(e.Pos, "unknown binary operator %s", e.Op)
	}
	v, err := op(&pe.env, e.Pos, l.v, r.v)
	return known(v), err
}

// inValues is `a in b` on values, as the compiled `in` evaluates it.
func inValues(en *env, pos syntax.Pos, a, b value) (value, *evalError) {
	if a.k != kindEntity {
		return value{}, typeErrorf(pos, "in: expected entity, got %s", a.k)
	}
	switch b.k {
	case kindEntity:
		return boolValue(en.inEntity(a.euid(), b.euid())), nil
	case kindSet:
		elems := b.set().elems
		for i := range elems {
			if elems[i].k != kindEntity {
				return value{}, typeErrorf(pos, "in: expected a set of entities, found %s", elems[i].k)
			}
		}
		for i := range elems {
			if en.inEntity(a.euid(), elems[i].euid()) {
				return trueValue, nil
			}
		}
		return falseValue, nil
	}
	return value{}, typeErrorf(pos, "in: expected entity or set, got %s", b.k)
}

func (pe *partialEnv) getAttr(e *syntax.GetAttr) (pval, *evalError) {
	l, err := pe.eval(e.Left)
	if err != nil {
		return pval{}, err
	}
	if l.isResidual() {
		rec, ok := l.res.(*syntax.RecordExpr)
		if !ok {
			return residual(&syntax.GetAttr{Pos: e.Pos, Left: l.res, Attr: e.Attr}), nil
		}
		f := fieldOf(rec, e.Attr)
		switch {
		case f == nil:
			return pval{}, errorf(AttrDoesNotExist, e.Pos, "record has no attribute %q", e.Attr)
		case projectable(rec):
			return pe.eval(f)
		}
		return residual(&syntax.GetAttr{Pos: e.Pos, Left: rec, Attr: e.Attr}), nil
	}
	key := internAttr(e.Attr)
	switch l.v.k {
	case kindRecord:
		if w, ok := l.v.record().get(key); ok {
			return known(w), nil
		}
		return pval{}, errorf(AttrDoesNotExist, e.Pos, "record has no attribute %q", e.Attr)
	case kindEntity:
		ent := pe.env.entity(l.v.euid())
		if ent == nil {
			return pval{}, errorf(EntityDoesNotExist, e.Pos, "entity %s does not exist", l.v.euid().Value())
		}
		if w, ok := ent.attrs.get(key); ok {
			return known(w), nil
		}
		return pval{}, errorf(AttrDoesNotExist, e.Pos, "entity %s has no attribute %q", l.v.euid().Value(), e.Attr)
	}
	return pval{}, typeErrorf(e.Pos, ".%s: expected record or entity, got %s", e.Attr, l.v.k)
}

func fieldOf(rec *syntax.RecordExpr, attr string) syntax.Expr {
	for _, f := range rec.Fields {
		if f.Key == attr {
			return f.Value
		}
	}
	return nil
}

func (pe *partialEnv) has(e *syntax.Has) (pval, *evalError) {
	l, err := pe.eval(e.Left)
	if err != nil {
		return pval{}, err
	}
	if l.isResidual() {
		if rec, ok := l.res.(*syntax.RecordExpr); ok && projectable(rec) {
			return known(boolValue(fieldOf(rec, e.Attr) != nil)), nil
		}
		return residual(&syntax.Has{Pos: e.Pos, Left: l.res, Attr: e.Attr}), nil
	}
	key := internAttr(e.Attr)
	switch l.v.k {
	case kindRecord:
		_, ok := l.v.record().get(key)
		return known(boolValue(ok)), nil
	case kindEntity:
		ent := pe.env.entity(l.v.euid())
		if ent == nil {
			return known(falseValue), nil
		}
		_, ok := ent.attrs.get(key)
		return known(boolValue(ok)), nil
	}
	return pval{}, typeErrorf(e.Pos, "has %s: expected record or entity, got %s", e.Attr, l.v.k)
}

// elems evaluates operands left to right; the first error is raised.
func (pe *partialEnv) elems(es []syntax.Expr) ([]pval, bool, *evalError) {
	out := make([]pval, len(es))
	anyResidual := false
	for i, x := range es {
		v, err := pe.eval(x)
		if err != nil {
			return nil, false, err
		}
		out[i] = v
		anyResidual = anyResidual || v.isResidual()
	}
	return out, anyResidual, nil
}

func (pe *partialEnv) set(e *syntax.SetExpr) (pval, *evalError) {
	vs, anyResidual, err := pe.elems(e.Elems)
	if err != nil {
		return pval{}, err
	}
	if anyResidual {
		out := &syntax.SetExpr{Pos: e.Pos, Elems: make([]syntax.Expr, len(vs))}
		for i, v := range vs {
			out.Elems[i] = v.expr()
		}
		return residual(out), nil
	}
	elems := make([]value, len(vs))
	for i, v := range vs {
		elems[i] = v.v
	}
	return known(setOf(newSet(elems))), nil
}

func (pe *partialEnv) record(e *syntax.RecordExpr) (pval, *evalError) {
	exprs := make([]syntax.Expr, len(e.Fields))
	for i, f := range e.Fields {
		exprs[i] = f.Value
	}
	vs, anyResidual, err := pe.elems(exprs)
	if err != nil {
		return pval{}, err
	}
	if anyResidual {
		out := &syntax.RecordExpr{Pos: e.Pos, Fields: make([]syntax.Field, len(vs))}
		for i, v := range vs {
			out.Fields[i] = syntax.Field{Key: e.Fields[i].Key, Value: v.expr()}
		}
		return residual(out), nil
	}
	keys := make([]attrName, len(vs))
	vals := make([]value, len(vs))
	for i, v := range vs {
		keys[i], vals[i] = internAttr(e.Fields[i].Key), v.v
	}
	if hasDuplicate(keys) {
		return pval{}, typeErrorf(e.Pos, "record literal has a duplicate key")
	}
	return known(recordOf(newRecord(keys, vals))), nil
}

// call is unknown("name"), a residual, or an extension call, evaluated
// once its arguments are all values.
func (pe *partialEnv) call(e *syntax.Call) (pval, *evalError) {
	if _, ok := syntax.UnknownName(e); ok {
		return residual(e), nil
	}
	vs, anyResidual, err := pe.elems(e.Args)
	if err != nil {
		return pval{}, err
	}
	if anyResidual {
		out := &syntax.Call{Pos: e.Pos, Name: e.Name, Args: make([]syntax.Expr, len(vs))}
		for i, v := range vs {
			out.Args[i] = v.expr()
		}
		return residual(out), nil
	}
	f, ok := extFuncs[e.Name]
	switch {
	case !ok:
		return pval{}, typeErrorf(e.Pos, "unknown extension function %q", e.Name)
	case f.arity != len(vs):
		return pval{}, typeErrorf(e.Pos, "%s: expected %d arguments, got %d", e.Name, f.arity, len(vs))
	}
	var args [2]value
	for i, v := range vs {
		args[i] = v.v
	}
	v, err := f.call(e.Pos, args)
	return known(v), err
}

// hasPathOf reads the desugared `base has a1.a2...an` (n >= 2, the
// readers' FormHasPath shape): ((base has a1) && (base.a1 has a2)) && ...
func hasPathOf(e *syntax.Binary) (base syntax.Expr, attrs []string, ok bool) {
	var cur syntax.Expr = e
	var rights []*syntax.Has
	for {
		b, isAnd := cur.(*syntax.Binary)
		if !isAnd || b.Op != syntax.OpAnd || b.Form != syntax.FormHasPath {
			break
		}
		h, isHas := b.Right.(*syntax.Has)
		if !isHas {
			return nil, nil, false
		}
		rights = append(rights, h)
		cur = b.Left
	}
	first, isHas := cur.(*syntax.Has)
	if !isHas {
		return nil, nil, false
	}
	base, attrs = first.Left, []string{first.Attr}
	for i := len(rights) - 1; i >= 0; i-- {
		attrs = append(attrs, rights[i].Attr)
	}
	// Each right operand must test the path so far on the same base.
	for i, h := range rights {
		prefix := attrs[:len(attrs)-1-i]
		x := h.Left
		for j := len(prefix) - 1; j >= 0; j-- {
			g, isGet := x.(*syntax.GetAttr)
			if !isGet || g.Attr != prefix[j] {
				return nil, nil, false
			}
			x = g.Left
		}
		if x != base && !printer.Equal(x, base) {
			return nil, nil, false
		}
	}
	return base, attrs, true
}

// hasPathExpr is `base has attrs[0].attrs[1]...` in the readers' shape.
func hasPathExpr(pos syntax.Pos, base syntax.Expr, attrs []string) syntax.Expr {
	var out syntax.Expr = &syntax.Has{Pos: pos, Left: base, Attr: attrs[0]}
	path := base
	for i := 1; i < len(attrs); i++ {
		path = &syntax.GetAttr{Pos: pos, Left: path, Attr: attrs[i-1]}
		out = &syntax.Binary{Pos: pos, Op: syntax.OpAnd, Form: syntax.FormHasPath, Left: out,
			Right: &syntax.Has{Pos: pos, Left: path, Attr: attrs[i]}}
	}
	return out
}
