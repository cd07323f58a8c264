package cedarjson

import (
	"fmt"
	"reflect"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// MarshalPolicySet writes a policy set as policy JSON:
// {"staticPolicies": {...}, "templates": {...}, "templateLinks": [...]},
// each policy under its id, in the set's order.
func MarshalPolicySet(ps *syntax.PolicySet) ([]byte, error) {
	static, templates := jObject{}, jObject{}
	for _, p := range ps.Policies {
		obj, err := policyJSON(p)
		if err != nil {
			return nil, err
		}
		if p.IsTemplate() {
			templates = append(templates, jMember{p.ID, obj})
		} else {
			static = append(static, jMember{p.ID, obj})
		}
	}
	links := jArray{}
	for _, l := range ps.Links {
		vals := jObject{}
		for _, s := range []syntax.SlotID{syntax.SlotPrincipal, syntax.SlotResource} {
			if u, ok := l.Values[s]; ok {
				vals = append(vals, jMember{string(s), uidJSON(u)})
			}
		}
		links = append(links, jObject{{"templateId", jString(l.TemplateID)}, {"newId", jString(l.NewID)}, {"values", vals}})
	}
	return encode(jObject{{"staticPolicies", static}, {"templates", templates}, {"templateLinks", links}}), nil
}

// MarshalPolicy writes one policy or template as policy JSON. The id is
// not part of the output.
func MarshalPolicy(p *syntax.Policy) ([]byte, error) {
	obj, err := policyJSON(p)
	if err != nil {
		return nil, err
	}
	return encode(obj), nil
}

// MarshalExpr writes one expression as policy JSON.
func MarshalExpr(e syntax.Expr) ([]byte, error) {
	v, err := exprJSON(e)
	if err != nil {
		return nil, err
	}
	return encode(v), nil
}

func policyJSON(p *syntax.Policy) (jv, error) {
	conds := jArray{}
	for _, c := range p.Conditions {
		body, err := exprJSON(c.Body)
		if err != nil {
			return nil, fmt.Errorf("policy %s: %w", p.ID, err)
		}
		conds = append(conds, jObject{{"kind", jString(c.Kind.String())}, {"body", body}})
	}
	obj := jObject{
		{"effect", jString(p.Effect.String())},
		{"principal", scopeJSON(p.Principal)},
		{"action", scopeJSON(p.Action)},
		{"resource", scopeJSON(p.Resource)},
		{"conditions", conds},
	}
	if len(p.Annotations) > 0 {
		anns := jObject{}
		for _, a := range p.Annotations {
			var v jv = jString(a.Value)
			if !a.HasValue {
				v = jNull{}
			}
			anns = append(anns, jMember{a.Key, v})
		}
		obj = append(obj, jMember{"annotations", anns})
	}
	return obj, nil
}

func scopeJSON(s syntax.Scope) jv {
	target := func() jObject {
		if s.Slot != "" {
			return jObject{{"slot", jString(s.Slot)}}
		}
		return jObject{{"entity", uidJSON(s.Entity)}}
	}
	switch s.Op {
	case syntax.ScopeEq:
		return append(jObject{{"op", jString("==")}}, target()...)
	case syntax.ScopeIn:
		return append(jObject{{"op", jString("in")}}, target()...)
	case syntax.ScopeIs:
		return jObject{{"op", jString("is")}, {"entity_type", jString(s.Type)}}
	case syntax.ScopeIsIn:
		return jObject{{"op", jString("is")}, {"entity_type", jString(s.Type)}, {"in", target()}}
	case syntax.ScopeInSet:
		if len(s.Entities) == 1 {
			// Cedar does not distinguish `action in [A]` from `action in A`
			// and writes both in the single-entity form.
			return jObject{{"op", jString("in")}, {"entity", uidJSON(s.Entities[0])}}
		}
		es := make(jArray, 0, len(s.Entities))
		for _, u := range s.Entities {
			es = append(es, uidJSON(u))
		}
		return jObject{{"op", jString("in")}, {"entities", es}}
	}
	return jObject{{"op", jString("All")}}
}

var sugarKeys = map[syntax.Form]string{syntax.FormNotEq: "!=", syntax.FormGreater: ">", syntax.FormGreaterEq: ">="}
var sugarOps = map[syntax.Form]syntax.BinaryOp{syntax.FormNotEq: syntax.OpEq, syntax.FormGreater: syntax.OpLessEq, syntax.FormGreaterEq: syntax.OpLess}

// exprJSON writes an expression, restoring the natural forms its Form
// marks record when the tree still has the desugared shape.
func exprJSON(e syntax.Expr) (jv, error) {
	one := func(key string, v jv) jv { return jObject{{key, v}} }
	sub := func(fields ...any) (jv, error) {
		obj := jObject{}
		for i := 0; i < len(fields); i += 2 {
			v, err := exprJSON(fields[i+1].(syntax.Expr))
			if err != nil {
				return nil, err
			}
			obj = append(obj, jMember{fields[i].(string), v})
		}
		return obj, nil
	}
	switch x := e.(type) {
	case *syntax.Literal:
		v, err := valueJSON(x)
		if err != nil {
			return nil, err
		}
		return one("Value", v), nil
	case *syntax.Variable:
		return one("Var", jString(x.Var.String())), nil
	case *syntax.Slot:
		return one("Slot", jString(x.ID)), nil
	case *syntax.Unary:
		if b, ok := x.Arg.(*syntax.Binary); ok && x.Op == syntax.OpNot && x.Form != syntax.FormPlain && sugarOps[x.Form] == b.Op {
			v, err := sub("left", b.Left, "right", b.Right)
			return one(sugarKeys[x.Form], v), err
		}
		key := map[syntax.UnaryOp]string{syntax.OpNot: "!", syntax.OpNeg: "neg", syntax.OpIsEmpty: "isEmpty"}[x.Op]
		v, err := sub("arg", x.Arg)
		return one(key, v), err
	case *syntax.Binary:
		if x.Op == syntax.OpAnd && x.Form == syntax.FormIsIn {
			if is, ok := x.Left.(*syntax.Is); ok {
				if in, ok := x.Right.(*syntax.Binary); ok && in.Op == syntax.OpIn && sameExpr(is.Left, in.Left) {
					v, err := sub("left", is.Left)
					if err != nil {
						return nil, err
					}
					r, err := exprJSON(in.Right)
					if err != nil {
						return nil, err
					}
					obj := append(v.(jObject), jMember{"entity_type", jString(is.Type)}, jMember{"in", r})
					return one("is", obj), nil
				}
			}
		}
		if x.Op == syntax.OpAnd && x.Form == syntax.FormHasPath {
			if base, attrs, ok := hasPath(x); ok {
				v, err := sub("left", base)
				if err != nil {
					return nil, err
				}
				arr := make(jArray, len(attrs))
				for i, a := range attrs {
					arr[i] = jString(a)
				}
				return one("has", append(v.(jObject), jMember{"attr", arr})), nil
			}
		}
		if chainFamily(x.Op.String()) != 0 {
			return chainJSON(x)
		}
		v, err := sub("left", x.Left, "right", x.Right)
		return one(x.Op.String(), v), err
	case *syntax.If:
		return elseIfJSON(x)
	case *syntax.GetAttr:
		v, err := sub("left", x.Left)
		if err != nil {
			return nil, err
		}
		return one(".", append(v.(jObject), jMember{"attr", jString(x.Attr)})), nil
	case *syntax.Has:
		v, err := sub("left", x.Left)
		if err != nil {
			return nil, err
		}
		return one("has", append(v.(jObject), jMember{"attr", jString(x.Attr)})), nil
	case *syntax.Like:
		v, err := sub("left", x.Left)
		if err != nil {
			return nil, err
		}
		// One element per character, as Cedar writes patterns.
		pat := make(jArray, 0, len(x.Pattern))
		for _, el := range x.Pattern {
			if el.Wildcard {
				pat = append(pat, jString("Wildcard"))
			} else {
				pat = append(pat, jObject{{"Literal", jString(string(el.Char))}})
			}
		}
		return one("like", append(v.(jObject), jMember{"pattern", pat})), nil
	case *syntax.Is:
		v, err := sub("left", x.Left)
		if err != nil {
			return nil, err
		}
		return one("is", append(v.(jObject), jMember{"entity_type", jString(x.Type)})), nil
	case *syntax.SetExpr:
		arr := make(jArray, 0, len(x.Elems))
		for _, el := range x.Elems {
			v, err := exprJSON(el)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		return one("Set", arr), nil
	case *syntax.RecordExpr:
		obj := make(jObject, 0, len(x.Fields))
		for _, f := range x.Fields {
			v, err := exprJSON(f.Value)
			if err != nil {
				return nil, err
			}
			obj = append(obj, jMember{f.Key, v})
		}
		return one("Record", obj), nil
	case *syntax.Call:
		arr := make(jArray, 0, len(x.Args))
		for _, a := range x.Args {
			v, err := exprJSON(a)
			if err != nil {
				return nil, err
			}
			arr = append(arr, v)
		}
		return one(x.Name, arr), nil
	}
	return nil, &syntax.Error{Kind: KindWrongShape, Msg: fmt.Sprintf("cannot write expression of type %T", e)}
}

// chainJSON writes a chain of operators of one family, such as
// a || b || c, in a loop down its left spine rather than by recursion:
// chains may be as long as the input. Nodes with a Form mark end the
// spine, so that exprJSON restores their natural form.
func chainJSON(top *syntax.Binary) (jv, error) {
	family := chainFamily(top.Op.String())
	spine := []*syntax.Binary{top}
	for {
		l, ok := spine[len(spine)-1].Left.(*syntax.Binary)
		if !ok || l.Form != syntax.FormPlain || chainFamily(l.Op.String()) != family {
			break
		}
		spine = append(spine, l)
	}
	v, err := exprJSON(spine[len(spine)-1].Left)
	if err != nil {
		return nil, err
	}
	for i := len(spine) - 1; i >= 0; i-- {
		r, err := exprJSON(spine[i].Right)
		if err != nil {
			return nil, err
		}
		v = jObject{{spine[i].Op.String(), jObject{{"left", v}, {"right", r}}}}
	}
	return v, nil
}

// elseIfJSON writes an else-if chain in a loop.
func elseIfJSON(top *syntax.If) (jv, error) {
	arms := []*syntax.If{top}
	for {
		next, ok := arms[len(arms)-1].Else.(*syntax.If)
		if !ok {
			break
		}
		arms = append(arms, next)
	}
	v, err := exprJSON(arms[len(arms)-1].Else)
	if err != nil {
		return nil, err
	}
	for i := len(arms) - 1; i >= 0; i-- {
		c, err := exprJSON(arms[i].Cond)
		if err != nil {
			return nil, err
		}
		t, err := exprJSON(arms[i].Then)
		if err != nil {
			return nil, err
		}
		v = jObject{{"if-then-else", jObject{{"if", c}, {"then", t}, {"else", v}}}}
	}
	return v, nil
}

// hasPath recognizes the desugaring of `base has a1.a2...an`:
// ((base has a1) && (base.a1 has a2)) && ..., with FormHasPath on each &&.
func hasPath(b *syntax.Binary) (base syntax.Expr, attrs []string, ok bool) {
	var rights []*syntax.Has
	var cur syntax.Expr = b
	for {
		and, isAnd := cur.(*syntax.Binary)
		if !isAnd || and.Op != syntax.OpAnd || and.Form != syntax.FormHasPath {
			break
		}
		h, isHas := and.Right.(*syntax.Has)
		if !isHas {
			return nil, nil, false
		}
		rights = append(rights, h)
		cur = and.Left
	}
	first, isHas := cur.(*syntax.Has)
	if !isHas {
		return nil, nil, false
	}
	base, attrs = first.Left, []string{first.Attr}
	for i := len(rights) - 1; i >= 0; i-- {
		// rights[i].Left must be base.attrs[0]...attrs[k-1].
		var reached syntax.Expr = rights[i].Left
		for k := len(attrs) - 1; k >= 0; k-- {
			g, isGet := reached.(*syntax.GetAttr)
			if !isGet || g.Attr != attrs[k] {
				return nil, nil, false
			}
			reached = g.Left
		}
		if !sameExpr(reached, base) {
			return nil, nil, false
		}
		attrs = append(attrs, rights[i].Attr)
	}
	return base, attrs, true
}

var posType = reflect.TypeOf(syntax.Pos{})

// sameExpr reports whether two expressions are the same tree, ignoring
// positions.
func sameExpr(a, b syntax.Expr) bool {
	if a == b {
		return true
	}
	return sameReflect(reflect.ValueOf(a), reflect.ValueOf(b))
}

func sameReflect(a, b reflect.Value) bool {
	if a.IsValid() != b.IsValid() {
		return false
	}
	if !a.IsValid() {
		return true
	}
	if a.Type() != b.Type() {
		return false
	}
	switch a.Kind() {
	case reflect.Pointer, reflect.Interface:
		if a.IsNil() || b.IsNil() {
			return a.IsNil() == b.IsNil()
		}
		return sameReflect(a.Elem(), b.Elem())
	case reflect.Struct:
		if a.Type() == posType {
			return true
		}
		for i := 0; i < a.NumField(); i++ {
			if !sameReflect(a.Field(i), b.Field(i)) {
				return false
			}
		}
		return true
	case reflect.Slice:
		if a.Len() != b.Len() {
			return false
		}
		for i := 0; i < a.Len(); i++ {
			if !sameReflect(a.Index(i), b.Index(i)) {
				return false
			}
		}
		return true
	case reflect.Map:
		if a.Len() != b.Len() {
			return false
		}
		for _, k := range a.MapKeys() {
			if !sameReflect(a.MapIndex(k), b.MapIndex(k)) {
				return false
			}
		}
		return true
	}
	return a.Equal(b)
}
