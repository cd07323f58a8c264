package cedarjson

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// testSchema is a small hand-built resolved schema used by the tests.
func testSchema() *syntax.Schema {
	str := &syntax.PrimitiveType{Kind: syntax.StringType}
	long := &syntax.PrimitiveType{Kind: syntax.LongType}
	return &syntax.Schema{
		EntityTypes: map[syntax.EntityType]*syntax.EntityTypeDef{
			"User": {
				Name:          "User",
				MemberOfTypes: []syntax.EntityType{"Group"},
				Shape: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{
					"name":    {Type: str, Required: true},
					"age":     {Type: long, Required: false},
					"manager": {Type: &syntax.EntityRefType{Name: "User"}, Required: false},
					"ip":      {Type: &syntax.ExtensionType{Name: "ipaddr"}, Required: false},
					"tags":    {Type: &syntax.SetType{Elem: str}, Required: false},
					"addr": {Type: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{
						"zip": {Type: long, Required: true},
					}}, Required: false},
				}},
				Tags: str,
			},
			"Group": {Name: "Group", Shape: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}},
			"Color": {Name: "Color", Shape: &syntax.RecordType{}, Enum: []string{"red", "green"}},
		},
		Actions: map[syntax.EntityUID]*syntax.ActionDef{
			{Type: "Action", ID: "read"}: {
				UID:      syntax.EntityUID{Type: "Action", ID: "read"},
				MemberOf: []syntax.EntityUID{{Type: "Action", ID: "all"}},
				AppliesTo: &syntax.AppliesTo{
					PrincipalTypes: []syntax.EntityType{"User"},
					ResourceTypes:  []syntax.EntityType{"Group"},
					Context: &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{
						"when": {Type: &syntax.ExtensionType{Name: "datetime"}, Required: true},
					}},
				},
			},
			{Type: "Action", ID: "all"}: {UID: syntax.EntityUID{Type: "Action", ID: "all"}},
		},
	}
}

// TestInvalidInputs checks that bad input of every format is rejected
// with the right kind of error at the right place.
func TestInvalidInputs(t *testing.T) {
	type parseFunc func(src []byte) error
	entities := func(schema *syntax.Schema) parseFunc {
		return func(src []byte) error { _, err := ParseEntities("e.json", src, schema); return err }
	}
	noSchema, withSchema := entities(nil), entities(testSchema())
	value := func(src []byte) error { _, err := ParseValue("e.json", src, nil); return err }
	uid := func(src []byte) error { _, err := ParseEntityUIDJSON("e.json", src); return err }
	ctx := func(src []byte) error {
		_, err := ParseContext("e.json", src, testSchema(), syntax.EntityUID{Type: "Action", ID: "read"})
		return err
	}
	request := func(src []byte) error { _, err := ParseRequest("e.json", src, nil); return err }
	policySet := func(src []byte) error { _, err := UnmarshalPolicySet("e.json", src); return err }
	policy := func(src []byte) error { _, err := UnmarshalPolicy("e.json", src); return err }
	expr := func(src []byte) error { _, err := UnmarshalExpr("e.json", src); return err }

	const okScope = `"principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"}`
	tests := []struct {
		name      string
		parse     parseFunc
		src       string
		kind      string
		line, col int
	}{
		{"truncated", value, `[1, 2`, KindSyntax, 1, 6},
		{"trailing garbage", value, "1 2", KindSyntax, 1, 3},
		{"trailing comma", value, "[1,]", KindSyntax, 1, 4},
		{"bad escape", value, `"a\x"`, KindSyntax, 1, 3},
		{"lone surrogate", value, `"\ud800"`, KindSyntax, 1, 2},
		{"raw control char", value, "\"a\tb\"", KindSyntax, 1, 3},
		{"invalid utf8", value, "\"\xff\"", KindSyntax, 1, 2},
		{"null value", value, `{"a": null}`, KindNull, 1, 7},
		{"float", value, `1.0`, KindNotInteger, 1, 1},
		{"exponent", value, `[1e3]`, KindNotInteger, 1, 2},
		{"i64 overflow", value, `9223372036854775808`, KindIntegerOverflow, 1, 1},
		{"i64 underflow", value, `-9223372036854775809`, KindIntegerOverflow, 1, 1},
		{"duplicate key nested", value, "{\"a\": {\"b\": 1,\n \"b\": 2}}", KindDuplicateKey, 2, 2},
		{"expr escape", value, `{"__expr": "1"}`, KindExprEscape, 1, 1},
		{"entity escape extra key", value, `{"__entity": {"type": "A", "id": "x"}, "y": 1}`, KindInvalidEscape, 1, 1},
		{"entity escape bad type", value, `{"__entity": {"type": "A B", "id": "x"}}`, KindInvalidName, 1, 23},
		{"extn both arg and args", value, `{"__extn": {"fn": "ip", "arg": "1", "args": []}}`, KindInvalidEscape, 1, 12},
		{"extn missing arg", value, `{"__extn": {"fn": "ip"}}`, KindMissingField, 1, 12},
		{"too deep", value, deepArray(MaxDepth + 1), KindTooDeep, 1, MaxDepth + 1},
		{"uid reserved type", uid, `{"type": "__cedar::T", "id": "x"}`, KindInvalidName, 1, 10},
		{"uid missing id", uid, `{"type": "T"}`, KindMissingField, 1, 1},
		{"entities not array", noSchema, `{}`, KindWrongShape, 1, 1},
		{"entity missing attrs", noSchema, `[{"uid": {"type": "A", "id": "a"}, "parents": []}]`, KindMissingField, 1, 2},
		{"entity missing parents", noSchema, `[{"uid": {"type": "A", "id": "a"}, "attrs": {}}]`, KindMissingField, 1, 2},
		{"entity unknown field", noSchema, `[{"uid": {"type": "A", "id": "a"}, "attrs": {}, "parents": [], "x": 1}]`, KindUnknownField, 1, 64},
		{"entity duplicate", noSchema, "[{\"uid\": {\"type\": \"A\", \"id\": \"a\"}, \"attrs\": {}, \"parents\": []},\n{\"uid\": {\"type\": \"A\", \"id\": \"a\"}, \"attrs\": {\"x\": 1}, \"parents\": []}]", KindDuplicateEntity, 2, 1},
		{"schema undeclared type", withSchema, `[{"uid": {"type": "Nope", "id": "a"}, "attrs": {}, "parents": []}]`, KindUndeclaredType, 1, 10},
		{"schema missing attr", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {}, "parents": []}]`, KindMissingAttribute, 1, 48},
		{"schema extra attr", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n", "x": 1}, "parents": []}]`, KindUnexpectedAttr, 1, 62},
		{"schema type mismatch", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": 5}, "parents": []}]`, KindTypeMismatch, 1, 57},
		{"schema nested mismatch", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n", "addr": {"zip": "x"}}, "parents": []}]`, KindTypeMismatch, 1, 78},
		{"schema wrong entity type", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n", "manager": {"type": "Group", "id": "g"}}, "parents": []}]`, KindTypeMismatch, 1, 73},
		{"schema bad parent", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": [{"type": "User", "id": "b"}]}]`, KindInvalidParent, 1, 75},
		{"schema enum id", withSchema, `[{"uid": {"type": "Color", "id": "blue"}, "attrs": {}, "parents": []}]`, KindInvalidEnumID, 1, 10},
		{"schema tags not allowed", withSchema, `[{"uid": {"type": "Group", "id": "g"}, "attrs": {}, "parents": [], "tags": {"t": "x"}}]`, KindTagsNotAllowed, 1, 76},
		{"schema tag type", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": [], "tags": {"t": 1}}]`, KindTypeMismatch, 1, 92},
		{"schema action mismatch", withSchema, `[{"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": []}]`, KindActionMismatch, 1, 2},
		{"schema undeclared action", withSchema, `[{"uid": {"type": "Action", "id": "write"}, "attrs": {}, "parents": []}]`, KindUndeclaredAction, 1, 10},
		{"schema extension wrong fn", withSchema, `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n", "ip": {"fn": "decimal", "arg": "1.0"}}, "parents": []}]`, KindTypeMismatch, 1, 68},
		{"context not object", ctx, `[]`, KindWrongShape, 1, 1},
		{"context missing attr", ctx, `{}`, KindMissingAttribute, 1, 1},
		{"request missing action", request, `{"principal": {"type": "A", "id": "a"}, "resource": {"type": "A", "id": "a"}}`, KindMissingField, 1, 1},
		{"request bad context", request, `{"principal": {"type": "A", "id": "a"}, "action": {"type": "Action", "id": "a"}, "resource": {"type": "A", "id": "a"}, "context": 1}`, KindWrongShape, 1, 131},
		{"expr two keys", expr, `{"Var": "principal", "Slot": "?principal"}`, KindWrongShape, 1, 1},
		{"expr unknown operator", expr, `{"Bogus": {"x": 1}}`, KindUnknownOperator, 1, 1},
		{"expr bad var", expr, `{"Var": "subject"}`, KindWrongShape, 1, 9},
		{"expr unknown function", expr, `{"frob": [{"Value": 1}]}`, KindUnknownOperator, 1, 1},
		{"value unknown function", value, `{"__extn": {"fn": "frob", "arg": "1"}}`, KindUnknownExtFunction, 1, 19},
		{"policy slot in condition", policy, `{"effect": "permit", ` + okScope + `, "conditions": [{"kind": "when", "body": {"Slot": "?principal"}}]}`, KindInvalidSlot, 1, 134},
		{"expr unknown field", expr, `{"==": {"left": {"Value": 1}, "right": {"Value": 1}, "extra": 1}}`, KindUnknownField, 1, 54},
		{"expr empty has path", expr, `{"has": {"left": {"Var": "context"}, "attr": []}}`, KindWrongShape, 1, 46},
		{"expr bad pattern", expr, `{"like": {"left": {"Var": "context"}, "pattern": ["*"]}}`, KindInvalidPattern, 1, 51},
		{"expr is bad type", expr, `{"is": {"left": {"Var": "principal"}, "entity_type": "if"}}`, KindInvalidName, 1, 54},
		{"expr record dup key", expr, `{"Record": {"a": {"Value": 1}, "a": {"Value": 2}}}`, KindDuplicateKey, 1, 32},
		{"policy bad effect", policy, `{"effect": "allow", ` + okScope + `, "conditions": []}`, KindWrongShape, 1, 12},
		{"policy missing conditions", policy, `{"effect": "permit", ` + okScope + `}`, KindMissingField, 1, 1},
		{"policy wrong slot", policy, `{"effect": "permit", "principal": {"op": "==", "slot": "?resource"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": []}`, KindInvalidSlot, 1, 56},
		{"policy action not action", policy, `{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "==", "entity": {"type": "User", "id": "a"}}, "resource": {"op": "All"}, "conditions": []}`, KindInvalidScope, 1, 83},
		{"policy is on action", policy, `{"effect": "permit", "principal": {"op": "All"}, "action": {"op": "is", "entity_type": "Action"}, "resource": {"op": "All"}, "conditions": []}`, KindInvalidScope, 1, 67},
		{"policy annotation number", policy, `{"effect": "permit", ` + okScope + `, "conditions": [], "annotations": {"a": 1}}`, KindWrongShape, 1, 133},
		{"set static with slot", policySet, `{"staticPolicies": {"p": {"effect": "permit", "principal": {"op": "==", "slot": "?principal"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": []}}}`, KindInvalidSlot, 1, 26},
		{"set duplicate id", policySet, `{"staticPolicies": {"p": {"effect": "permit", ` + okScope + `, "conditions": []}}, "templates": {"p": {"effect": "permit", ` + okScope + `, "conditions": []}}}`, KindDuplicatePolicyID, 1, 153},
		{"set link unknown template", policySet, `{"templateLinks": [{"templateId": "t", "newId": "l", "values": {}}]}`, KindInvalidLink, 1, 35},
		{"set link missing slot", policySet, `{"templates": {"t": {"effect": "permit", "principal": {"op": "in", "slot": "?principal"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": []}}, "templateLinks": [{"templateId": "t", "newId": "l", "values": {}}]}`, KindInvalidLink, 1, 225},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.parse([]byte(tt.src))
			if err == nil {
				t.Fatalf("no error for %s", tt.src)
			}
			se := syntax.FirstError(err)
			if se == nil {
				t.Fatalf("error %v is not a *syntax.Error", err)
			}
			if se.Kind != tt.kind {
				t.Errorf("kind = %s, want %s (%v)", se.Kind, tt.kind, err)
			}
			if se.Pos.Line != tt.line || se.Pos.Column != tt.col || se.Pos.Filename != "e.json" {
				t.Errorf("position = %s, want e.json:%d:%d (%v)", se.Pos, tt.line, tt.col, err)
			}
		})
	}
}

func deepArray(n int) string {
	b := make([]byte, 0, 2*n)
	for i := 0; i < n; i++ {
		b = append(b, '[')
	}
	for i := 0; i < n; i++ {
		b = append(b, ']')
	}
	return string(b)
}
