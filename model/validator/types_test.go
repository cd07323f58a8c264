package validator

import "testing"

func TestLUB(t *testing.T) {
	rec := func(attrs map[string]Attr) Type { return RecordType{attrs} }
	req := func(t Type) Attr { return Attr{Type: t, Required: true} }
	opt := func(t Type) Attr { return Attr{Type: t} }
	user, group := EntityType{"User"}, EntityType{"Group"}
	tests := []struct {
		name string
		a, b Type
		want Type // nil: no upper bound
	}{
		{"True and False", boolTrue, boolFalse, boolAny},
		{"True and True", boolTrue, boolTrue, boolTrue},
		{"Bool and Long", boolAny, LongType{}, nil},
		{"same entity", user, user, user},
		{"different entities", user, group, nil},
		{"sets of booleans", SetType{boolTrue}, SetType{boolFalse}, SetType{boolAny}},
		{"sets of different entities", SetType{user}, SetType{group}, nil},
		{"records joined per attribute", rec(map[string]Attr{"a": req(boolTrue)}), rec(map[string]Attr{"a": req(boolFalse)}), rec(map[string]Attr{"a": req(boolAny)})},
		{"records: no width subtyping", rec(map[string]Attr{"a": req(LongType{})}), rec(map[string]Attr{"a": req(LongType{}), "b": req(LongType{})}), nil},
		{"records: qualifiers must match", rec(map[string]Attr{"a": req(LongType{})}), rec(map[string]Attr{"a": opt(LongType{})}), nil},
		{"records: different keys", rec(map[string]Attr{"a": req(LongType{})}), rec(map[string]Attr{"b": req(LongType{})}), nil},
		{"extension types", decimalType, decimalType, decimalType},
		{"different extension types", decimalType, ipaddrType, nil},
		{"record and entity", rec(nil), user, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, order := range [][2]Type{{tc.a, tc.b}, {tc.b, tc.a}} {
				got, ok := lub(order[0], order[1])
				switch {
				case tc.want == nil && ok:
					t.Errorf("lub(%s, %s) = %s, want none", order[0], order[1], got)
				case tc.want != nil && (!ok || !equalTypes(got, tc.want)):
					t.Errorf("lub(%s, %s) = %v, %v; want %s", order[0], order[1], got, ok, tc.want)
				}
			}
		})
	}
}

func TestExprEqualIgnoresPositionsAndRecordOrder(t *testing.T) {
	a := mustParseExpr(t, `{a: principal.x, b: [1, "s"]}`)
	b := mustParseExpr(t, "{ b: [1, \"s\"],\n  a: principal.x }")
	if !exprEqual(a, b) {
		t.Error("records with the same fields in another order and other positions differ")
	}
	if exprEqual(a, mustParseExpr(t, `{a: principal.y, b: [1, "s"]}`)) {
		t.Error("different attribute names compare equal")
	}
}
