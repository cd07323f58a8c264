package model

import (
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ValueExpr writes v as a restricted expression that evaluates to an
// equal value: the syntax tree of v.String(). It is how a value leaves the
// model to be printed (printer.Expr), written as entity JSON
// (cedarjson.MarshalValue), or compared with another implementation's,
// without sharing value code.
//
// Record fields come in sorted key order, set elements in the set's order;
// extension values are constructor calls with the texts String uses:
// decimal("1.5000"), ip("10.0.0.1/24"), duration("90000ms"), and a
// datetime as datetime("1970-01-01").offset(duration("…ms")).
func ValueExpr(v Value) syntax.Expr {
	switch v := v.(type) {
	case Bool:
		return syntax.Bool(bool(v))
	case Long:
		return syntax.Long(int64(v))
	case String:
		return syntax.String(string(v))
	case EntityUID:
		return syntax.Entity(syntax.EntityUID(v))
	case Set:
		out := &syntax.SetExpr{Elems: make([]syntax.Expr, len(v))}
		for i, x := range v {
			out.Elems[i] = ValueExpr(x)
		}
		return out
	case Record:
		out := &syntax.RecordExpr{}
		for _, k := range v.Keys() {
			out.Fields = append(out.Fields, syntax.Field{Key: k, Value: ValueExpr(v[k])})
		}
		return out
	case Decimal:
		return constructor("decimal", v.Text())
	case IPAddr:
		return constructor("ip", v.Text())
	case Duration:
		return durationExpr(v)
	case Datetime:
		return &syntax.Call{Name: "offset", Args: []syntax.Expr{constructor("datetime", "1970-01-01"), durationExpr(Duration(v))}}
	}
	return nil
}

func durationExpr(d Duration) syntax.Expr {
	return constructor("duration", strconv.FormatInt(int64(d), 10)+"ms")
}

func constructor(name, arg string) *syntax.Call {
	return &syntax.Call{Name: name, Args: []syntax.Expr{syntax.String(arg)}}
}
