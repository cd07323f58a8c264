package schema

import (
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestInvalidSchemas checks the Kind and position of the first error for
// schemas that Cedar rejects, in both formats.
func TestInvalidSchemas(t *testing.T) {
	for _, tt := range invalidSchemas {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if tt.json {
				_, err = ParseJSON("s.json", []byte(tt.src))
			} else {
				_, err = ParseCedar("s.cedarschema", []byte(tt.src))
			}
			if err == nil {
				t.Fatalf("no error for %s", tt.src)
			}
			e := syntax.FirstError(err)
			if e == nil {
				t.Fatalf("error %v is not a *syntax.Error", err)
			}
			if e.Kind != tt.kind || e.Pos.Line != tt.line || e.Pos.Column != tt.col {
				t.Errorf("got %s at %d:%d (%v), want %s at %d:%d", e.Kind, e.Pos.Line, e.Pos.Column, e, tt.kind, tt.line, tt.col)
			}
			if !strings.HasPrefix(e.Error(), "s.") {
				t.Errorf("error %q does not start with the file name", e.Error())
			}
		})
	}
}

var deepSchema = "entity A { a: " + strings.Repeat("Set<", MaxDepth+5) + "Long" + strings.Repeat(">", MaxDepth+5) + " };"

// invalidSchemas are schemas Cedar rejects, with the Kind and position of
// the first error.
var invalidSchemas = []struct {
	name      string
	json      bool
	src       string
	kind      string
	line, col int
}{
	// Text: grammar.
	{"reserved word as entity name", false, `entity in;`, KindReservedWord, 1, 8},
	{"reserved word as attribute name", false, `entity A { if: Long };`, KindReservedWord, 1, 12},
	{"missing semicolon at end", false, `entity A`, KindUnexpectedEOF, 1, 9},
	{"double comma in record", false, `entity A { a: Long, , };`, KindUnexpectedToken, 1, 21},
	{"shape must be a record literal", false, `type R = {}; entity A = R;`, KindUnexpectedToken, 1, 25},
	{"duplicate annotation", false, `@doc("a") @doc("b") entity A;`, KindDuplicateAnnot, 1, 11},
	{"invalid escape", false, `@doc("\q") entity A;`, KindInvalidEscape, 1, 6},
	{"unterminated string", false, "entity A;\naction \"a;", KindUnterminated, 2, 8},
	{"invalid character", false, "entity A;\n  entity B $;", KindInvalidToken, 2, 12},
	{"number where a type goes", false, `entity A { a: 12 };`, KindUnexpectedToken, 1, 15},
	{"nested namespace", false, `namespace A { namespace B {} }`, KindUnexpectedToken, 1, 15},
	{"enum after in", false, `entity A in [B] enum ["x"];`, KindUnexpectedToken, 1, 17},
	{"empty enum", false, `entity A enum [];`, KindUnexpectedToken, 1, 16},
	{"qualified action group without id", false, `action a in [NS::b];`, KindUnexpectedToken, 1, 19},
	{"types nested too deeply", false, deepSchema, KindNestingTooDeep, 1, 15 + 4*(MaxDepth-1)},
	{"invalid UTF-8", false, "entity A;\n\xff", KindInvalidUTF8, 2, 1},
	{"backslash before a line end in a string", false, "@doc(\"a\\\nb\") entity A;", KindInvalidToken, 1, 6},
	{"bare carriage return in a string", false, "@doc(\"a\rb\") entity A;", KindInvalidEscape, 1, 6},
	{"escape out of range", false, `@doc("\u{110000}") entity A;`, KindInvalidEscape, 1, 6},
	// Text: appliesTo.
	{"duplicate principal", false, `entity A; action a appliesTo { principal: A, resource: A, principal: [A] };`, KindDuplicateAppliesTo, 1, 59},
	{"missing resource", false, `entity A; action a appliesTo { principal: [A] };`, KindMissingAppliesTo, 1, 20},
	{"empty principal list", false, `entity A; action a appliesTo { principal: [], resource: [A] };`, KindEmptyAppliesTo, 1, 32},
	{"empty appliesTo", false, `action a appliesTo {};`, KindUnexpectedToken, 1, 21},
	// Text: declarations.
	{"duplicate entity type", false, `entity A; entity B, A;`, KindDuplicateEntityType, 1, 21},
	{"duplicate common type", false, `type T = Long; namespace N { type T = Long; } type T = String;`, KindDuplicateCommonType, 1, 52},
	{"duplicate action", false, `action "a"; action a;`, KindDuplicateAction, 1, 20},
	{"duplicate namespace", false, `namespace N { entity A; } namespace N { entity B; }`, KindDuplicateNamespace, 1, 37},
	{"reserved common type name", false, `type Long = String;`, KindReservedTypeName, 1, 6},
	{"__cedar as entity name", false, `entity __cedar;`, KindReservedName, 1, 8},
	{"__cedar namespace", false, `namespace __cedar { entity A; }`, KindReservedName, 1, 11},
	{"__cedar inside a namespace path", false, `namespace A::__cedar { entity A; }`, KindReservedName, 1, 11},
	{"Action entity type", false, `namespace N { entity Action; }`, KindActionTypeDeclared, 1, 22},
	// Text: resolution.
	{"undefined attribute type", false, `entity A { b: B };`, KindUndefinedType, 1, 15},
	{"undefined __cedar type", false, `entity A { b: __cedar::Foo };`, KindUndefinedType, 1, 15},
	{"undefined parent type", false, "entity A in [B];", KindUndefinedType, 1, 14},
	{"action type as parent type", false, `action a; entity B in [Action];`, KindUndeclaredEntityType, 1, 24},
	{"action type as principal type", false, `entity A; action a appliesTo { principal: Action, resource: A };`, KindUndeclaredEntityType, 1, 43},
	{"common type cycle", false, `type A = B; type B = { x: Set<A> }; entity E { a: A };`, KindCommonTypeCycle, 1, 6},
	{"common type refers to itself", false, `type A = A;`, KindCommonTypeCycle, 1, 6},
	{"undefined action group", false, `action a in [b];`, KindUndefinedAction, 1, 14},
	{"action group in another namespace", false, `namespace N { action a in [M::Action::"b"]; }`, KindUndefinedAction, 1, 28},
	{"action hierarchy cycle", false, `action a in [b]; action b in [a];`, KindActionCycle, 1, 8},
	{"action member of itself", false, `action a in a;`, KindActionCycle, 1, 8},
	{"RFC 70 entity shadows entity", false, "entity User;\nnamespace NS { entity User; }", KindShadowedType, 2, 23},
	{"RFC 70 common shadows entity", false, "entity T;\nnamespace NS { type T = Long; }", KindShadowedType, 2, 21},
	{"RFC 70 action shadows action", false, "action a;\nnamespace NS { action \"a\"; }", KindShadowedAction, 2, 23},
	{"context is not a record", false, `type C = Long; entity A; action a appliesTo { principal: A, resource: A, context: C };`, KindContextNotRecord, 1, 83},
	{"context names an entity type", false, `entity A; action a appliesTo { principal: A, resource: A, context: A };`, KindUndefinedType, 1, 68},

	// JSON: structure.
	{"json trailing comma", true, `{"": {"entityTypes": {}, "actions": {},}}`, KindInvalidJSON, 1, 40},
	{"json duplicate namespace key", true, `{"N": {"entityTypes": {}, "actions": {}},` + "\n" + `"N": {"entityTypes": {}, "actions": {}}}`, KindDuplicateKey, 2, 1},
	{"json missing actions", true, `{"": {"entityTypes": {}}}`, KindMissingField, 1, 6},
	{"json unknown namespace field", true, `{"": {"entityTypes": {}, "actions": {}, "entities": {}}}`, KindUnknownField, 1, 41},
	{"json unknown type field", true, `{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"a": {"type": "Long", "nullable": true}}}}}, "actions": {}}}`, KindUnknownField, 1, 94},
	{"json annotations on a Set element", true, `{"": {"commonTypes": {"T": {"type": "Set", "element": {"type": "Long", "annotations": {}}}}, "entityTypes": {}, "actions": {}}}`, KindUnknownField, 1, 72},
	{"json type without type", true, `{"": {"commonTypes": {"T": {"element": {"type": "Long"}}}, "entityTypes": {}, "actions": {}}}`, KindMissingField, 1, 28},
	{"json Set without element", true, `{"": {"commonTypes": {"T": {"type": "Set"}}, "entityTypes": {}, "actions": {}}}`, KindMissingField, 1, 28},
	{"json Long with a name", true, `{"": {"commonTypes": {"T": {"type": "Long", "name": "x"}}, "entityTypes": {}, "actions": {}}}`, KindUnknownField, 1, 45},
	{"json memberOfTypes not a list", true, `{"": {"entityTypes": {"A": {"memberOfTypes": "A"}}, "actions": {}}}`, KindWrongJSONType, 1, 46},
	{"json namespace name with space", true, `{"A B": {"entityTypes": {}, "actions": {}}}`, KindInvalidName, 1, 2},
	{"json entity type reserved word", true, `{"": {"entityTypes": {"in": {}}, "actions": {}}}`, KindInvalidName, 1, 23},
	{"json entity name not normalized", true, `{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {"a": {"type": "Entity", "name": "B :: C"}}}}}, "actions": {}}}`, KindInvalidName, 1, 104},
	{"json annotations on the empty namespace", true, `{"": {"annotations": {"doc": "x"}, "entityTypes": {}, "actions": {}}}`, KindAnnotationOnRoot, 1, 22},
	{"json enum with shape", true, `{"": {"entityTypes": {"E": {"enum": ["a"], "shape": {"type": "Record", "attributes": {}}}}, "actions": {}}}`, KindUnexpectedField, 1, 53},
	{"json empty enum", true, `{"": {"entityTypes": {"E": {"enum": []}}, "actions": {}}}`, KindEmptyEnum, 1, 37},
	{"json action attributes", true, `{"": {"entityTypes": {}, "actions": {"a": {"attributes": {}}}}}`, KindUnsupported, 1, 58},
	{"json open record", true, `{"": {"entityTypes": {"A": {"shape": {"type": "Record", "attributes": {}, "additionalAttributes": true}}}, "actions": {}}}`, KindUnsupported, 1, 99},
	{"json action as an array with too many elements", true, `{"": {"entityTypes": {}, "actions": {"a": [null, null, null, {}, 5]}}}`, KindWrongJSONType, 1, 66},
	{"json appliesTo without resourceTypes", true, `{"": {"entityTypes": {"A": {}}, "actions": {"a": {"appliesTo": {"principalTypes": ["A"]}}}}}`, KindMissingField, 1, 64},
	// JSON: declarations and resolution.
	{"json reserved common type name", true, `{"": {"commonTypes": {"Boolean": {"type": "Long"}}, "entityTypes": {}, "actions": {}}}`, KindReservedTypeName, 1, 23},
	{"json unknown extension", true, `{"": {"entityTypes": {"A": {"tags": {"type": "Extension", "name": "money"}}}, "actions": {}}}`, KindUnknownExtension, 1, 37},
	{"json undefined entity", true, `{"": {"entityTypes": {"A": {"tags": {"type": "Entity", "name": "B"}}}, "actions": {}}}`, KindUndefinedType, 1, 37},
	{"json Bool alias hidden by an entity named Bool", true, `{"": {"entityTypes": {"Bool": {}, "A": {"tags": {"type": "Bool"}}}, "actions": {}}}`, KindUndefinedType, 1, 49},
	{"json Entity does not name a common type", true, `{"": {"commonTypes": {"C": {"type": "Long"}}, "entityTypes": {"A": {"tags": {"type": "Entity", "name": "C"}}}, "actions": {}}}`, KindUndefinedType, 1, 77},
	{"json shape is not a record", true, `{"": {"commonTypes": {"C": {"type": "Long"}}, "entityTypes": {"A": {"shape": {"type": "C"}}}, "actions": {}}}`, KindShapeNotRecord, 1, 78},
	{"json undefined action group", true, `{"": {"entityTypes": {}, "actions": {"a": {"memberOf": [{"id": "g", "type": "User"}]}}}}`, KindUndefinedAction, 1, 57},
	{"json Action entity type", true, `{"": {"entityTypes": {"Action": {}}, "actions": {}}}`, KindActionTypeDeclared, 1, 23},
	{"json RFC 70", true, `{"": {"entityTypes": {"A": {}}, "actions": {}}, "N": {"entityTypes": {"A": {}}, "actions": {}}}`, KindShadowedType, 1, 71},
}
