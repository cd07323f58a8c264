package engine

import "github.com/cedar-crosscheck/crosscheck/syntax"

// toPattern reads a pattern where every `*` is a wildcard.
func toPattern(s string) syntax.Pattern {
	var p syntax.Pattern
	for _, r := range s {
		p = append(p, syntax.PatternElem{Wildcard: r == '*', Char: r})
	}
	return p
}

func uidOf(t, id string) syntax.EntityUID { return syntax.NewEntityUID(syntax.EntityType(t), id) }

// lit is a literal of a bool, int, string or entity uid.
func lit(v any) syntax.Expr {
	switch v := v.(type) {
	case bool:
		return syntax.Bool(v)
	case int:
		return syntax.Long(int64(v))
	case int64:
		return syntax.Long(v)
	case string:
		return syntax.String(v)
	case syntax.EntityUID:
		return syntax.Entity(v)
	}
	panic("lit: unsupported literal")
}

func entLit(t, id string) syntax.Expr                      { return syntax.Entity(uidOf(t, id)) }
func bin(op syntax.BinaryOp, a, b syntax.Expr) syntax.Expr { return syntax.Bin(op, a, b) }
func callOf(name string, args ...syntax.Expr) syntax.Expr {
	return &syntax.Call{Name: name, Args: args}
}
func attr(e syntax.Expr, a string) syntax.Expr   { return &syntax.GetAttr{Left: e, Attr: a} }
func has(e syntax.Expr, a string) syntax.Expr    { return &syntax.Has{Left: e, Attr: a} }
func isT(e syntax.Expr, t string) syntax.Expr    { return &syntax.Is{Left: e, Type: syntax.EntityType(t)} }
func ite(c, a, b syntax.Expr) syntax.Expr        { return &syntax.If{Cond: c, Then: a, Else: b} }
func setLit(es ...syntax.Expr) syntax.Expr       { return &syntax.SetExpr{Elems: es} }
func likeOf(e syntax.Expr, p string) syntax.Expr { return &syntax.Like{Left: e, Pattern: toPattern(p)} }

// recLit is a record literal from alternating keys and values.
func recLit(kv ...any) *syntax.RecordExpr {
	r := &syntax.RecordExpr{}
	for i := 0; i < len(kv); i += 2 {
		r.Fields = append(r.Fields, syntax.Field{Key: kv[i].(string), Value: kv[i+1].(syntax.Expr)})
	}
	return r
}

// entityData builds one entity from its uid, parents and alternating
// attribute names and values.
func entityData(u syntax.EntityUID, parents []syntax.EntityUID, kv ...any) *syntax.EntityData {
	d := &syntax.EntityData{UID: u, Parents: parents}
	if len(kv) > 0 {
		d.Attrs = recLit(kv...).Fields
	}
	return d
}

var (
	vPrincipal = syntax.VarExpr(syntax.VarPrincipal)
	vAction    = syntax.VarExpr(syntax.VarAction)
	vResource  = syntax.VarExpr(syntax.VarResource)
	vContext   = syntax.VarExpr(syntax.VarContext)
)

// evalExpr compiles and evaluates one expression against a request and a
// store, as a policy condition would.
func evalExpr(e syntax.Expr, req Request, es *EntityStore) (value, *evalError, error) {
	n, err := (&compiler{}).compile(e)
	if err != nil {
		return value{}, nil, err
	}
	en := &env{store: es}
	for d := 0; d < 3; d++ {
		en.vars[d] = entityValue(req.uids[d])
		en.uids[d] = req.uids[d]
		en.types[d] = req.types[d]
		if es != nil {
			en.ents[d] = es.entities[req.uids[d]]
		}
	}
	en.vars[syntax.VarContext] = req.context
	v, evErr := n.fn()(en)
	return v, evErr, nil
}
