package model

import "github.com/cedar-crosscheck/crosscheck/syntax"

// PartialEval partially evaluates e in env (the rules: partial.go). Every
// error it returns is an *Error; the nesting limit is Eval's.
func (env *PartialEnv) PartialEval(e syntax.Expr) (Partial, error) {
	return env.peval(e, 0)
}

// peval partially evaluates e and positions an error at e, as eval does.
func (env *PartialEnv) peval(e syntax.Expr, outer int) (Partial, error) {
	p, err := env.pevalForm(e, outer)
	if err != nil {
		return Partial{}, at(err, e.Position())
	}
	return p, nil
}

// bestEffort is e evaluated as far as possible, as an expression, or e as
// written when that raises an error: what stays behind a residual
// operand of &&, || and if-then-else.
func (env *PartialEnv) bestEffort(e syntax.Expr, level int) syntax.Expr {
	p, err := env.peval(e, level)
	if err != nil {
		return e
	}
	return p.Expr()
}

// pevalForm is the partial evaluator: one case per expression form,
// following evalForm.
func (env *PartialEnv) pevalForm(e syntax.Expr, outer int) (Partial, error) {
	level := outer + 1
	if level > syntax.MaxNesting {
		return Partial{}, errorf(RecursionLimit, "expression nested more than %d levels deep", syntax.MaxNesting)
	}
	if _, ok := syntax.UnknownName(e); ok {
		return residual(e), nil
	}
	switch e := e.(type) {
	case *syntax.Literal:
		v, err := literalValue(e)
		return Known(v), err
	case *syntax.Variable:
		return env.partialVariable(e.Var)
	case *syntax.Slot:
		return Partial{}, typeErrorf("unlinked slot %s", e.ID)
	case *syntax.If:
		return env.partialIf(e, level)
	case *syntax.Unary:
		arg, err := env.peval(e.Arg, level)
		if err != nil || arg.IsResidual() {
			return residual(&syntax.Unary{Op: e.Op, Arg: arg.Residual}), err
		}
		v, err := applyUnary(e.Op, arg.Value)
		return Known(v), err
	case *syntax.Binary:
		if e.Form == syntax.FormHasPath {
			if p, ok, err := env.partialHasPath(e, level); ok {
				return p, err
			}
		}
		operands, ops := partialChain(e)
		switch e.Op {
		case syntax.OpAnd, syntax.OpOr:
			return env.partialAndOr(e.Op, operands, level)
		}
		return env.partialStrictChain(operands, ops, level)
	case *syntax.GetAttr:
		return env.partialGetAttr(e, level)
	case *syntax.Has:
		return env.partialHas(e, level)
	case *syntax.Like:
		p, err := env.peval(e.Left, level)
		if err != nil || p.IsResidual() {
			return residual(&syntax.Like{Left: p.Residual, Pattern: e.Pattern}), err
		}
		s, err := asString(p.Value)
		return Known(Bool(Match(e.Pattern, string(s)))), err
	case *syntax.Is:
		p, err := env.peval(e.Left, level)
		if err != nil || p.IsResidual() {
			return residual(&syntax.Is{Left: p.Residual, Type: e.Type}), err
		}
		u, err := asEntity(p.Value)
		return Known(Bool(u.Type == e.Type)), err
	case *syntax.SetExpr, *syntax.Call:
		parts, err := env.pevalList(syntax.Children(e), level)
		if err != nil {
			return Partial{}, err
		}
		if anyResidual(parts) {
			return residual(rebuild(e, parts)), nil
		}
		return env.applyStrict(e, parts)
	case *syntax.RecordExpr:
		return env.partialRecord(e, level)
	}
	return Partial{}, typeErrorf("unknown expression %T", e)
}

// applyStrict builds the value of a set literal or an extension call from
// its known operands.
func (env *PartialEnv) applyStrict(e syntax.Expr, parts []Partial) (Partial, error) {
	vals := make([]Value, len(parts))
	for i, p := range parts {
		vals[i] = p.Value
	}
	if c, ok := e.(*syntax.Call); ok {
		v, err := callExtension(c.Name, vals)
		return Known(v), err
	}
	return Known(NewSet(vals...)), nil
}

// partialVariable is principal, action, resource or context, each known
// or unknown.
func (env *PartialEnv) partialVariable(v syntax.Var) (Partial, error) {
	switch v {
	case syntax.VarPrincipal:
		return env.Principal, nil
	case syntax.VarAction:
		return env.Action, nil
	case syntax.VarResource:
		return env.Resource, nil
	case syntax.VarContext:
		return env.Context, nil
	}
	return Partial{}, typeErrorf("unknown variable %s", v)
}

// partialIf is if-then-else (and else-if chains, by a loop): a known
// condition selects its branch; a residual one leaves a residual
// if-then-else over both branches evaluated as far as possible.
func (env *PartialEnv) partialIf(e *syntax.If, level int) (Partial, error) {
	for {
		c, err := env.peval(e.Cond, level)
		if err != nil {
			return Partial{}, err
		}
		if c.IsResidual() {
			return residual(&syntax.If{Cond: c.Residual,
				Then: env.bestEffort(e.Then, level), Else: env.bestEffort(e.Else, level)}), nil
		}
		b, err := asBool(c.Value)
		if err != nil {
			return Partial{}, err
		}
		if b {
			return env.peval(e.Then, level)
		}
		next, ok := e.Else.(*syntax.If)
		if !ok {
			return env.peval(e.Else, level)
		}
		e = next
	}
}

// partialAndOr is a chain of && (or ||), left to right. Known operands
// are decided as in evalAndOr. At the first residual operand r the rest
// is no longer decided: the result is `r && b1 && ... && bk` over the
// operands after it evaluated as far as possible (`true && r && ...` when
// known operands came before r, as the left-nested chain evaluates). The
// two operands of `x is T in y` are evaluated together, by partialIsIn.
func (env *PartialEnv) partialAndOr(op syntax.BinaryOp, operands []syntax.Expr, level int) (Partial, error) {
	decisive := op == syntax.OpOr
	// decide takes the result p of operand i: a residual ends the chain
	// (done lists operands after i already evaluated as far as
	// possible, rest those still to be); a decisive Bool ends it too.
	decide := func(p Partial, i int, done []syntax.Expr, rest []syntax.Expr) (Partial, bool, error) {
		if p.IsResidual() {
			return residual(env.residualChain(op, i > 0, p.Residual, done, rest, level)), true, nil
		}
		b, err := asBool(p.Value)
		if err != nil {
			return Partial{}, true, err
		}
		if b == decisive {
			return Known(Bool(decisive)), true, nil
		}
		return Partial{}, false, nil
	}
	for i := 0; i < len(operands); i++ {
		if is, in, ok := isInAt(op, operands, i); ok {
			isPart, inPart, err := env.partialIsIn(is, in, level)
			if err != nil {
				return Partial{}, err
			}
			if r, end, err := decide(isPart, i, []syntax.Expr{inPart.Expr()}, operands[i+2:]); end {
				return r, err
			}
			i++ // the In, evaluated with the Is
			if r, end, err := decide(inPart, i, nil, operands[i+1:]); end {
				return r, err
			}
			continue
		}
		p, err := env.peval(operands[i], level)
		if err != nil {
			return Partial{}, err
		}
		if r, end, err := decide(p, i, nil, operands[i+1:]); end {
			return r, err
		}
	}
	return Known(Bool(!decisive)), nil
}

// residualChain is the residual of a chain of op from its first residual
// operand r on; afterKnown says known operands came before r. done are
// operands after r already evaluated as far as possible, rest the
// operands after those.
func (env *PartialEnv) residualChain(op syntax.BinaryOp, afterKnown bool, r syntax.Expr, done, rest []syntax.Expr, level int) syntax.Expr {
	acc := r
	if afterKnown {
		acc = syntax.Bin(op, syntax.Bool(op == syntax.OpAnd), r)
	}
	for _, x := range done {
		acc = syntax.Bin(op, acc, x)
	}
	for _, x := range rest {
		acc = syntax.Bin(op, acc, env.bestEffort(x, level))
	}
	return acc
}

// partialStrictChain is a chain of strict operators: every operand is
// evaluated, left to right (an error is raised at once); the operator is
// applied when both sides are known, and is a residual otherwise.
func (env *PartialEnv) partialStrictChain(operands []syntax.Expr, ops []syntax.BinaryOp, level int) (Partial, error) {
	acc, err := env.peval(operands[0], level)
	if err != nil {
		return Partial{}, err
	}
	for i, op := range ops {
		p, err := env.peval(operands[i+1], level)
		if err != nil {
			return Partial{}, err
		}
		if acc.IsResidual() || p.IsResidual() {
			acc = residual(syntax.Bin(op, acc.Expr(), p.Expr()))
			continue
		}
		v, err := env.ops.applyBinary(op, acc.Value, p.Value)
		if err != nil {
			return Partial{}, err
		}
		acc = Known(v)
	}
	return acc, nil
}

// pevalList partially evaluates expressions in order, stopping at the
// first error.
func (env *PartialEnv) pevalList(es []syntax.Expr, level int) ([]Partial, error) {
	out := make([]Partial, len(es))
	for i, x := range es {
		p, err := env.peval(x, level)
		if err != nil {
			return nil, err
		}
		out[i] = p
	}
	return out, nil
}

// partialRecord is a record literal, its fields evaluated in sorted key
// order as evalRecord does; a residual field makes a residual record
// literal of all fields.
func (env *PartialEnv) partialRecord(e *syntax.RecordExpr, level int) (Partial, error) {
	byKey := map[string]syntax.Expr{}
	for _, f := range e.Fields {
		byKey[f.Key] = f.Value
	}
	keys := sortedKeys(byKey)
	sorted := &syntax.RecordExpr{}
	exprs := make([]syntax.Expr, len(keys))
	for i, k := range keys {
		sorted.Fields = append(sorted.Fields, syntax.Field{Key: k, Value: byKey[k]})
		exprs[i] = byKey[k]
	}
	parts, err := env.pevalList(exprs, level)
	if err != nil {
		return Partial{}, err
	}
	if anyResidual(parts) {
		return residual(rebuild(sorted, parts)), nil
	}
	rec := Record{}
	for i, k := range keys {
		rec[k] = parts[i].Value
	}
	return Known(rec), nil
}
