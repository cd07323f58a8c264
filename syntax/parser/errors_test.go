package parser_test

import (
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// errorCases are invalid policies with the Kind and line:col of the first
// error the parser must report. Columns count bytes from 1.
var errorCases = []struct {
	kind      string
	line, col int
	src       string
}{
	{"ReservedIdentifier", 1, 52, "permit(principal, action, resource) when { context.if };"},
	{"ReservedIdentifier", 1, 56, "permit(principal, action, resource) when { context has in };"},
	{"ReservedIdentifier", 1, 45, "permit(principal, action, resource) when { {true: 1} };"},
	{"ReservedIdentifier", 1, 44, "permit(principal, action, resource) when { if::User::\"a\" == principal };"},
	{"ReservedNamespace", 1, 57, "permit(principal, action, resource) when { principal is __cedar::User };"},
	{"AmbiguousOperators", 1, 50, "permit(principal, action, resource) when { 1 < 2 < 3 };"},
	{"AmbiguousOperators", 1, 51, "permit(principal, action, resource) when { 1 == 2 == true };"},
	{"UnexpectedToken", 1, 45, "permit(principal, action, resource) when { !-1 };"},
	{"UnaryOpLimit", 1, 44, "permit(principal, action, resource) when { !!!!!true };"},
	{"UnaryOpLimit", 1, 44, "permit(principal, action, resource) when { -----1 == 1 };"},
	{"UnsupportedDivision", 1, 46, "permit(principal, action, resource) when { 4 / 2 == 2 };"},
	{"UnsupportedModulo", 1, 46, "permit(principal, action, resource) when { 4 % 2 == 0 };"},
	{"InvalidSingleEq", 1, 46, "permit(principal, action, resource) when { 1 = 1 };"},
	{"InvalidSingleEq", 1, 18, "permit(principal = User::\"a\", action, resource);"},
	{"UnknownFunction", 1, 44, "permit(principal, action, resource) when { foo(1) };"},
	{"UnknownFunction", 1, 44, "permit(principal, action, resource) when { foo::ip(\"1.2.3.4\") };"},
	{"UnknownMethod", 1, 52, "permit(principal, action, resource) when { context.foo() };"},
	{"FunctionCallOnMethod", 1, 44, "permit(principal, action, resource) when { contains([1], 1) };"},
	{"MethodCallOnFunction", 1, 54, "permit(principal, action, resource) when { \"1.2.3.4\".ip() };"},
	{"WrongArity", 1, 48, "permit(principal, action, resource) when { [1].contains(1, 2) };"},
	{"WrongArity", 1, 48, "permit(principal, action, resource) when { [1].isEmpty(1) };"},
	{"VariableCall", 1, 44, "permit(principal, action, resource) when { principal(1) };"},
	{"ExpressionCall", 1, 47, "permit(principal, action, resource) when { (1)(2) };"},
	{"ArbitraryVariable", 1, 44, "permit(principal, action, resource) when { foo };"},
	{"DuplicateKey", 1, 51, "permit(principal, action, resource) when { {a: 1, \"a\": 2} };"},
	{"DuplicateAnnotation", 1, 10, "@id(\"a\") @id(\"b\") permit(principal, action, resource);"},
	{"SlotsInConditionClause", 1, 58, "permit(principal == ?principal, action, resource) when { ?principal == principal };"},
	{"InvalidSlot", 1, 21, "permit(principal == ?user, action, resource);"},
	{"InvalidActionType", 1, 29, "permit(principal, action == User::\"view\", resource);"},
	{"InvalidActionType", 1, 29, "permit(principal, action in [Action::\"a\", Photo::\"b\"], resource);"},
	{"IntegerLiteralTooLarge", 1, 44, "permit(principal, action, resource) when { 9223372036854775808 == 1 };"},
	{"IntegerLiteralTooLarge", 1, 46, "permit(principal, action, resource) when { -(9223372036854775808) == 1 };"},
	{"IntegerLiteralTooLarge", 1, 45, "permit(principal, action, resource) when { -9223372036854775809 == 1 };"},
	{"InvalidEscape", 1, 46, "permit(principal, action, resource) when { \"a\\qb\" == \"\" };"},
	{"InvalidEscape", 1, 45, "permit(principal, action, resource) when { \"\\*\" == \"\" };"},
	{"InvalidEscape", 1, 45, "permit(principal, action, resource) when { \"\\u{D800}\" == \"\" };"},
	{"InvalidEscape", 1, 45, "permit(principal, action, resource) when { \"\\x80\" == \"\" };"},
	{"EmptyClause", 1, 37, "permit(principal, action, resource) when { };"},
	{"MissingScopeVariable", 1, 25, "permit(principal, action);"},
	{"MissingScopeVariable", 1, 8, "permit();"},
	{"ExtraScopeElement", 1, 37, "permit(principal, action, resource, context);"},
	{"IncorrectVariable", 1, 8, "permit(action, principal, resource);"},
	{"InvalidScopeVariable", 1, 8, "permit(context, action, resource);"},
	{"TypeConstraints", 1, 19, "permit(principal: User, action, resource);"},
	{"IsWithEq", 1, 26, "permit(principal is User == User::\"a\", action, resource);"},
	{"InvertedIsIn", 1, 18, "permit(principal in Group::\"g\" is User, action, resource);"},
	{"IsInActionScope", 1, 29, "permit(principal, action is Action, resource);"},
	{"InvalidScopeOperator", 1, 18, "permit(principal != User::\"a\", action, resource);"},
	{"InvalidActionScopeOperator", 1, 26, "permit(principal, action < Action::\"a\", resource);"},
	{"WrongNode", 1, 21, "permit(principal == ?resource, action, resource);"},
	{"WrongNode", 1, 21, "permit(principal == \"alice\", action, resource);"},
	{"WrongEntityArgument", 1, 21, "permit(principal in [User::\"a\"], action, resource);"},
	{"WrongEntityArgument", 1, 29, "permit(principal, action in ?principal, resource);"},
	{"InvalidEffect", 1, 1, "allow(principal, action, resource);"},
	{"InvalidCondition", 1, 37, "permit(principal, action, resource) if { true };"},
	{"InvalidHasRHS", 1, 59, "permit(principal, action, resource) when { context has \"a\".b };"},
	{"InvalidPattern", 1, 59, "permit(principal, action, resource) when { context.s like context.p };"},
	{"NonStringIndex", 1, 52, "permit(principal, action, resource) when { context[1] };"},
	{"InvalidAccess", 1, 44, "permit(principal, action, resource) when { User.name };"},
	{"NoMethods", 1, 44, "permit(principal, action, resource) when { User.contains(1) };"},
	{"UnterminatedString", 1, 27, "permit(principal == User::\"alice, action, resource);"},
	{"UnexpectedCharacter", 1, 46, "permit(principal, action, resource) when { 1 & 2 };"},
	{"UnexpectedToken", 1, 48, "permit(principal, action, resource) when { 1 + if true then 1 else 2 };"},
	{"UnexpectedToken", 1, 36, "permit(principal, action, resource)"},
	{"InvalidEntityLiteral", 1, 44, "permit(principal, action, resource) when { User::{id: \"a\"} };"},
	{"InvalidIsType", 1, 57, "permit(principal, action, resource) when { principal is 1 };"},
	{"PathAsAttribute", 1, 45, "permit(principal, action, resource) when { {a::b: 1} };"},
	// Positions on later lines and inside multi-line strings.
	{"InvalidEscape", 3, 3, "permit(principal, action, resource)\nwhen { \"line one\n  \\a\" };"},
	{"DuplicateAnnotation", 2, 1, "@a\n@a(\"x\")\npermit(principal, action, resource);"},
	{"AmbiguousOperators", 4, 12, "permit(principal, action, resource)\nwhen {\n  true &&\n  1 in [1] in [2]\n};"},
	{"EmptyClause", 2, 1, "permit(principal, action, resource)\nunless{};"},
	{"InvalidUTF8", 1, 44, "permit(principal, action, resource) when { \"\xff\" };"},
	{"UnexpectedCharacter", 1, 44, "permit(principal, action, resource) when { #1 };"},
	{"InvalidEscape", 1, 45, "permit(principal, action, resource) when { \"\\u{110000}\" };"},
	{"InvalidEscape", 1, 45, "permit(principal, action, resource) when { \"\\u{_1}\" };"},
	{"InvalidEscape", 1, 45, "permit(principal, action, resource) when { \"\\u{1234567}\" };"},
	{"InvalidEscape", 1, 46, "permit(principal, action, resource) when { \"a\rb\" };"},
	{"InvalidEscape", 1, 61, "permit(principal, action, resource) when { context.s like \"a\\qb\" };"},
	{"UnterminatedString", 2, 1, "permit(principal, action, resource);\n\"abc"},
	{"UnexpectedToken", 1, 58, "permit(principal, action, resource) when { context has a == 1 };"},
	// `__cedar` is reserved as an identifier too (attributes, keys, methods), but not in annotations.
	{"ReservedNamespace", 1, 52, "permit(principal, action, resource) when { context.__cedar };"},
	{"ReservedNamespace", 1, 45, "permit(principal, action, resource) when { {__cedar: 1} };"},
	{"ReservedNamespace", 1, 56, "permit(principal, action, resource) when { context has __cedar };"},
	{"ReservedIdentifier", 1, 44, "permit(principal, action, resource) when { is };"},
	{"IntegerLiteralTooLarge", 1, 44, "permit(principal, action, resource) when { 99999999999999999999 };"},
	{"UnexpectedToken", 2, 1, "permit(principal, action, resource)\npermit(principal, action, resource);"},
	{"UnexpectedToken", 1, 30, "permit(principal == User::\"a\"::\"b\", action, resource);"},
	{"UnexpectedToken", 1, 18, "permit(principal action, resource);"},
	{"WrongNode", 1, 21, "permit(principal == User::\"a\" is User, action, resource);"},
}

func TestParseErrors(t *testing.T) {
	if len(errorCases) < 40 {
		t.Fatalf("only %d error cases", len(errorCases))
	}
	for _, tc := range errorCases {
		_, err := parser.ParsePolicySet("t.cedar", []byte(tc.src))
		if err == nil {
			t.Errorf("%q: parsed, want %s error", tc.src, tc.kind)
			continue
		}
		e := syntax.FirstError(err)
		if e == nil {
			t.Errorf("%q: error %v is not a *syntax.Error", tc.src, err)
			continue
		}
		if e.Kind != tc.kind || e.Pos.Line != tc.line || e.Pos.Column != tc.col {
			t.Errorf("%q:\n got %s at %d:%d (%s)\nwant %s at %d:%d", tc.src, e.Kind, e.Pos.Line, e.Pos.Column, e.Msg, tc.kind, tc.line, tc.col)
		}
		if want := "t.cedar:"; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: error %q does not start with %q", tc.src, err, want)
		}
	}
}

// TestErrorRecovery checks that errors in several policies are all
// reported, and that the parse goes on after each `;`.
func TestErrorRecovery(t *testing.T) {
	src := "permit(principal, action, resource) when { 1 / 2 };\n" +
		"permit(principal, action, resource);\n" +
		"forbid(principal, action, resource) when { foo };\n"
	_, err := parser.ParsePolicySet("f.cedar", []byte(src))
	var list syntax.ErrorList
	if el, ok := err.(syntax.ErrorList); ok {
		list = el
	}
	if len(list) != 2 || list[0].Kind != "UnsupportedDivision" || list[1].Kind != "ArbitraryVariable" || list[1].Pos.Line != 3 {
		t.Fatalf("got %v, want an UnsupportedDivision on line 1 and an ArbitraryVariable on line 3", err)
	}
}
