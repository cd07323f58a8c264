package engine

import (
	"bytes"
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// Value is a value computed by Evaluate. The zero Value is no value
// (Kind "none"). Values are immutable.
type Value struct{ v value }

// Kind names the value's type: "bool", "long", "string", "entity",
// "set", "record", "decimal", "ipaddr", "datetime" or "duration".
func (v Value) Kind() string { return v.v.k.String() }

// Equal is Cedar's == on two values.
func (v Value) Equal(w Value) bool { return v.v.equal(w.v) }

// String renders the value as Cedar text: printer.Expr of v.Expr().
func (v Value) String() string { return printer.Expr(v.Expr()) }

// MarshalJSON renders the value in the value format of entity JSON:
// entities as {"__entity": …}, extension values as {"__extn": …}.
// The JSON is compact, on one line.
func (v Value) MarshalJSON() ([]byte, error) {
	b, err := cedarjson.MarshalValue(v.Expr())
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// Expr returns the value as a restricted expression in canonical form,
// one Cedar expression per value, so two equal values give the same tree:
//
//   - set elements sorted by their Cedar text, record fields by key;
//   - decimal("…") with four fractional digits;
//   - ip("…/prefix") with the prefix always written, IPv6 in lower-case
//     hex with the first longest run of two or more zero groups as "::"
//     (RFC 5952);
//   - duration("Nms"), and a datetime as its distance from the epoch,
//     datetime("1970-01-01").offset(duration("Nms")), which also covers
//     instants whose year has no four-digit form.
//
// The zero Value gives nil.
func (v Value) Expr() syntax.Expr { return valueExpr(v.v) }

func valueExpr(v value) syntax.Expr {
	switch v.k {
	case kindBool:
		return syntax.Bool(v.isTrue())
	case kindLong:
		return syntax.Long(v.n)
	case kindString:
		return syntax.String(v.str())
	case kindEntity:
		return syntax.Entity(v.euid().Value())
	case kindSet:
		elems := v.set().elems
		type item struct {
			text string
			e    syntax.Expr
		}
		items := make([]item, len(elems))
		for i, x := range elems {
			e := valueExpr(x)
			items[i] = item{printer.Expr(e), e}
		}
		slices.SortFunc(items, func(a, b item) int { return cmp.Compare(a.text, b.text) })
		out := &syntax.SetExpr{Elems: make([]syntax.Expr, len(items))}
		for i, it := range items {
			out.Elems[i] = it.e
		}
		return out
	case kindRecord:
		r := v.record()
		out := &syntax.RecordExpr{Fields: make([]syntax.Field, len(r.keys))}
		for i, k := range r.keys {
			out.Fields[i] = syntax.Field{Key: k.Value(), Value: valueExpr(r.vals[i])}
		}
		slices.SortFunc(out.Fields, func(a, b syntax.Field) int { return cmp.Compare(a.Key, b.Key) })
		return out
	case kindDecimal:
		return extCall("decimal", formatDecimal(v.n))
	case kindIPAddr:
		return extCall("ip", v.ip().canonicalText())
	case kindDuration:
		return extCall("duration", strconv.FormatInt(v.n, 10)+"ms")
	case kindDatetime:
		return &syntax.Call{Name: "offset", Args: []syntax.Expr{
			extCall("datetime", "1970-01-01"),
			extCall("duration", strconv.FormatInt(v.n, 10)+"ms"),
		}}
	}
	return nil
}

func extCall(name, arg string) *syntax.Call {
	return &syntax.Call{Name: name, Args: []syntax.Expr{syntax.String(arg)}}
}

// canonicalText is the address and prefix as Value.Expr writes them:
// String, with IPv6 zero groups compressed as RFC 5952 says.
func (ip *ipAddr) canonicalText() string {
	if ip.v4 {
		return ip.String()
	}
	var groups [8]uint16
	for i := range groups {
		groups[i] = uint16(ip.addr[2*i])<<8 | uint16(ip.addr[2*i+1])
	}
	// The first longest run of at least two zero groups.
	best, bestLen := -1, 1
	for i := 0; i < 8; {
		if groups[i] != 0 {
			i++
			continue
		}
		j := i
		for j < 8 && groups[j] == 0 {
			j++
		}
		if j-i > bestLen {
			best, bestLen = i, j-i
		}
		i = j
	}
	hex := func(gs []uint16) string {
		parts := make([]string, len(gs))
		for i, g := range gs {
			parts[i] = strconv.FormatUint(uint64(g), 16)
		}
		return strings.Join(parts, ":")
	}
	text := hex(groups[:])
	if best >= 0 {
		text = hex(groups[:best]) + "::" + hex(groups[best+bestLen:])
	}
	return text + "/" + strconv.Itoa(int(ip.prefix))
}
