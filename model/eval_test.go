package model

import (
	"errors"
	"math"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// fixture is the store and request the expression tests evaluate against.
func fixture() (*syntax.Request, *Entities) {
	alice := entity(uid("User", "alice"), []syntax.EntityUID{uid("Group", "admins")},
		"age", lit(30), "name", lit("alice"), "manager", ent("User", "bob"))
	alice.Tags = []syntax.Field{{Key: "color", Value: lit("red")}}
	es := mustEntities(alice,
		entity(uid("Group", "admins"), []syntax.EntityUID{uid("Group", "all")}),
		entity(uid("Group", "all"), nil),
		entity(uid("User", "bob"), nil),
	)
	req := &syntax.Request{
		Principal: uid("User", "alice"),
		Action:    uid("Action", "view"),
		Resource:  uid("Photo", "missing"),
		Context:   rec("n", lit(1), "s", lit("x"), "r", rec("a", lit(1))),
	}
	return req, es
}

// evalCase is one expression and its expected value or error kind.
type evalCase struct {
	name    string
	expr    syntax.Expr
	want    Value     // nil when an error is expected
	wantErr ErrorKind // used when want is nil
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	req, es := fixture()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Evaluate(c.expr, req, es)
			if c.want == nil {
				var e *Error
				if !errors.As(err, &e) {
					t.Fatalf("got %v, %v; want %s error", got, err, c.wantErr)
				}
				if e.Kind != c.wantErr {
					t.Fatalf("got error %v; want kind %s", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v; want %v", err, c.want)
			}
			if !Equal(got, c.want) || typeName(got) != typeName(c.want) {
				t.Fatalf("got %v; want %v", got, c.want)
			}
		})
	}
}

var (
	tru  = Bool(true)
	fals = Bool(false)
)

func TestEvalLiteralsAndVariables(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"bool", lit(true), tru, 0},
		{"long", lit(-7), Long(-7), 0},
		{"string", lit("héllo"), String("héllo"), 0},
		{"entity", ent("A", ""), EntityUID(uid("A", "")), 0},
		{"principal", principal, EntityUID(uid("User", "alice")), 0},
		{"action", action, EntityUID(uid("Action", "view")), 0},
		{"resource", resource, EntityUID(uid("Photo", "missing")), 0},
		{"context", getAttr(context, "n"), Long(1), 0},
		{"slot", &syntax.Slot{ID: syntax.SlotPrincipal}, nil, TypeError},
		{"set dedup", setOf(lit(1), lit(1), lit(2)), NewSet(Long(1), Long(2)), 0},
		{"set error", setOf(lit(1), bin(syntax.OpAdd, lit(1), lit(true))), nil, TypeError},
		{"record", rec("a", lit(1), "b", setOf()), Record{"a": Long(1), "b": Set{}}, 0},
	})
}

func TestEvalBooleanShortCircuit(t *testing.T) {
	boom := bin(syntax.OpAdd, lit(1), lit("x")) // a TypeError
	runEvalCases(t, []evalCase{
		{"false && error", bin(syntax.OpAnd, lit(false), boom), fals, 0},
		{"true && error", bin(syntax.OpAnd, lit(true), boom), nil, TypeError},
		{"true || error", bin(syntax.OpOr, lit(true), boom), tru, 0},
		{"false || error", bin(syntax.OpOr, lit(false), boom), nil, TypeError},
		{"false && 3", bin(syntax.OpAnd, lit(false), lit(3)), fals, 0},
		{"true && 3", bin(syntax.OpAnd, lit(true), lit(3)), nil, TypeError},
		{"true || 3", bin(syntax.OpOr, lit(true), lit(3)), tru, 0},
		{"false || 3", bin(syntax.OpOr, lit(false), lit(3)), nil, TypeError},
		{"3 && false", bin(syntax.OpAnd, lit(3), lit(false)), nil, TypeError},
		{"true && true", bin(syntax.OpAnd, lit(true), lit(true)), tru, 0},
		{"false || false", bin(syntax.OpOr, lit(false), lit(false)), fals, 0},
		{"if true", ifte(lit(true), lit(1), boom), Long(1), 0},
		{"if false", ifte(lit(false), boom, lit(2)), Long(2), 0},
		{"if non-bool", ifte(lit(1), lit(1), lit(2)), nil, TypeError},
		{"if error in branch", ifte(lit(true), boom, lit(2)), nil, TypeError},
		{"not", syntax.Not(lit(false)), tru, 0},
		{"not long", syntax.Not(lit(1)), nil, TypeError},
	})
}

func TestEvalOrder(t *testing.T) {
	missingAttr := getAttr(context, "nope")                   // AttrDoesNotExist
	overflow := bin(syntax.OpAdd, lit(math.MaxInt64), lit(1)) // Overflow
	runEvalCases(t, []evalCase{
		// Strict operators evaluate the left operand first, completely.
		{"left error first", bin(syntax.OpEq, missingAttr, overflow), nil, AttrDoesNotExist},
		{"right error second", bin(syntax.OpEq, lit(1), overflow), nil, Overflow},
		{"operands before types", bin(syntax.OpAdd, lit("x"), overflow), nil, Overflow},
		{"set in order", setOf(overflow, missingAttr), nil, Overflow},
		{"call args before lookup", call("nosuch", missingAttr), nil, AttrDoesNotExist},
		// Record literals are evaluated in sorted key order.
		{"record sorted keys", rec("b", overflow, "a", missingAttr), nil, AttrDoesNotExist},
		// An error stops evaluation even if a later operand would short-circuit.
		{"error then short-circuit", bin(syntax.OpAnd, missingAttr, lit(false)), nil, AttrDoesNotExist},
		{"short-circuit hides error", bin(syntax.OpOr, bin(syntax.OpEq, lit(1), lit(1)), missingAttr), tru, 0},
	})
}

func TestEvalArithmeticAndComparison(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"add", bin(syntax.OpAdd, lit(2), lit(3)), Long(5), 0},
		{"sub", bin(syntax.OpSub, lit(2), lit(3)), Long(-1), 0},
		{"mul", bin(syntax.OpMul, lit(-4), lit(3)), Long(-12), 0},
		{"add overflow", bin(syntax.OpAdd, lit(math.MaxInt64), lit(1)), nil, Overflow},
		{"sub overflow", bin(syntax.OpSub, lit(math.MinInt64), lit(1)), nil, Overflow},
		{"mul overflow", bin(syntax.OpMul, lit(math.MaxInt64), lit(2)), nil, Overflow},
		{"mul min by -1", bin(syntax.OpMul, lit(math.MinInt64), lit(-1)), nil, Overflow},
		{"mul -1 by min", bin(syntax.OpMul, lit(-1), lit(math.MinInt64)), nil, Overflow},
		{"mul min by 1", bin(syntax.OpMul, lit(math.MinInt64), lit(1)), Long(math.MinInt64), 0},
		{"add string", bin(syntax.OpAdd, lit(1), lit("1")), nil, TypeError},
		{"neg", syntax.Neg(lit(5)), Long(-5), 0},
		{"neg min", syntax.Neg(lit(math.MinInt64)), nil, Overflow},
		{"neg bool", syntax.Neg(lit(true)), nil, TypeError},
		{"less", bin(syntax.OpLess, lit(1), lit(2)), tru, 0},
		{"less equal", bin(syntax.OpLess, lit(2), lit(2)), fals, 0},
		{"lesseq", bin(syntax.OpLessEq, lit(2), lit(2)), tru, 0},
		{"less strings", bin(syntax.OpLess, lit("a"), lit("b")), nil, TypeError},
		{"less mixed", bin(syntax.OpLess, lit(1), call("duration", lit("1s"))), nil, TypeError},
		{"less decimals", bin(syntax.OpLess, call("decimal", lit("1.0")), call("decimal", lit("2.0"))), nil, TypeError},
		{"less durations", bin(syntax.OpLess, call("duration", lit("1s")), call("duration", lit("1m"))), tru, 0},
		{"lesseq datetimes", bin(syntax.OpLessEq, call("datetime", lit("2024-01-01")), call("datetime", lit("2024-01-01T00:00:00Z"))), tru, 0},
		{"less datetime duration", bin(syntax.OpLess, call("datetime", lit("2024-01-01")), call("duration", lit("1s"))), nil, TypeError},
	})
}

func TestEvalEquality(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"long string", bin(syntax.OpEq, lit(1), lit("1")), fals, 0},
		{"entity types", bin(syntax.OpEq, ent("User", "a"), ent("Admin", "a")), fals, 0},
		{"sets unordered", bin(syntax.OpEq, setOf(lit(1), lit(2)), setOf(lit(2), lit(1), lit(2))), tru, 0},
		{"records", bin(syntax.OpEq, rec("a", lit(1), "b", lit(2)), rec("b", lit(2), "a", lit(1))), tru, 0},
		{"records differ", bin(syntax.OpEq, rec("a", lit(1)), rec("a", lit(1), "b", lit(2))), fals, 0},
		{"decimal scale", bin(syntax.OpEq, call("decimal", lit("1.0")), call("decimal", lit("1.0000"))), tru, 0},
		{"ip host bits", bin(syntax.OpEq, call("ip", lit("10.0.0.1/24")), call("ip", lit("10.0.0.0/24"))), fals, 0},
		{"ip default prefix", bin(syntax.OpEq, call("ip", lit("1.2.3.4")), call("ip", lit("1.2.3.4/32"))), tru, 0},
		{"ip v4 v6", bin(syntax.OpEq, call("ip", lit("127.0.0.1")), call("ip", lit("::1"))), fals, 0},
		{"duration units", bin(syntax.OpEq, call("duration", lit("1h")), call("duration", lit("60m"))), tru, 0},
		{"datetime forms", bin(syntax.OpEq, call("datetime", lit("2024-01-01")), call("datetime", lit("2024-01-01T00:00:00Z"))), tru, 0},
		{"datetime duration", bin(syntax.OpEq, call("datetime", lit("1970-01-01")), call("duration", lit("0ms"))), fals, 0},
	})
}

func TestEvalHierarchy(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"in self", bin(syntax.OpIn, principal, principal), tru, 0},
		{"in parent", bin(syntax.OpIn, principal, ent("Group", "admins")), tru, 0},
		{"in grandparent", bin(syntax.OpIn, principal, ent("Group", "all")), tru, 0},
		{"not in", bin(syntax.OpIn, ent("Group", "all"), ent("Group", "admins")), fals, 0},
		{"missing in self", bin(syntax.OpIn, resource, resource), tru, 0},
		{"missing in other", bin(syntax.OpIn, resource, ent("Group", "all")), fals, 0},
		{"in set", bin(syntax.OpIn, principal, setOf(ent("X", "y"), ent("Group", "all"))), tru, 0},
		{"in empty set", bin(syntax.OpIn, principal, setOf()), fals, 0},
		{"in set non-entity", bin(syntax.OpIn, principal, setOf(ent("Group", "all"), lit(1))), nil, TypeError},
		{"in set non-entity after match", bin(syntax.OpIn, principal, setOf(principal, lit("x"))), nil, TypeError},
		{"in long", bin(syntax.OpIn, principal, lit(1)), nil, TypeError},
		{"long in", bin(syntax.OpIn, lit(1), principal), nil, TypeError},
		{"is", isType(principal, "User"), tru, 0},
		{"is other", isType(principal, "Users"), fals, 0},
		{"is namespaced", isType(ent("NS::User", "a"), "User"), fals, 0},
		{"is non-entity", isType(lit(1), "User"), nil, TypeError},
	})
}

func TestEvalAttributesAndTags(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"entity attr", getAttr(principal, "age"), Long(30), 0},
		{"chained attr", hasAttr(getAttr(principal, "manager"), "age"), fals, 0},
		{"missing attr", getAttr(principal, "nope"), nil, AttrDoesNotExist},
		{"missing entity attr", getAttr(resource, "x"), nil, EntityDoesNotExist},
		{"record attr", getAttr(getAttr(context, "r"), "a"), Long(1), 0},
		{"record missing", getAttr(getAttr(context, "r"), "b"), nil, AttrDoesNotExist},
		{"attr of long", getAttr(lit(1), "a"), nil, TypeError},
		{"has entity", hasAttr(principal, "age"), tru, 0},
		{"has entity no", hasAttr(principal, "nope"), fals, 0},
		{"has missing entity", hasAttr(resource, "x"), fals, 0},
		{"has record", hasAttr(context, "s"), tru, 0},
		{"has long", hasAttr(lit(1), "a"), nil, TypeError},
		{"hasTag", bin(syntax.OpHasTag, principal, lit("color")), tru, 0},
		{"hasTag no", bin(syntax.OpHasTag, principal, lit("age")), fals, 0},
		{"hasTag missing entity", bin(syntax.OpHasTag, resource, lit("color")), fals, 0},
		{"hasTag key not string", bin(syntax.OpHasTag, principal, lit(1)), nil, TypeError},
		{"hasTag on record", bin(syntax.OpHasTag, context, lit("s")), nil, TypeError},
		{"getTag", bin(syntax.OpGetTag, principal, lit("color")), String("red"), 0},
		{"getTag missing tag", bin(syntax.OpGetTag, principal, lit("age")), nil, TagDoesNotExist},
		{"getTag missing entity", bin(syntax.OpGetTag, resource, lit("color")), nil, EntityDoesNotExist},
		{"getTag key not string", bin(syntax.OpGetTag, principal, lit(true)), nil, TypeError},
	})
}

func TestEvalSetsAndStrings(t *testing.T) {
	s12 := setOf(lit(1), lit(2))
	runEvalCases(t, []evalCase{
		{"contains", bin(syntax.OpContains, s12, lit(2)), tru, 0},
		{"contains no", bin(syntax.OpContains, s12, lit("2")), fals, 0},
		{"contains on long", bin(syntax.OpContains, lit(1), lit(1)), nil, TypeError},
		{"containsAll", bin(syntax.OpContainsAll, s12, setOf(lit(2))), tru, 0},
		{"containsAll empty", bin(syntax.OpContainsAll, s12, setOf()), tru, 0},
		{"containsAll no", bin(syntax.OpContainsAll, s12, setOf(lit(3), lit(1))), fals, 0},
		{"containsAll non-set", bin(syntax.OpContainsAll, s12, lit(1)), nil, TypeError},
		{"containsAny", bin(syntax.OpContainsAny, s12, setOf(lit(3), lit(1))), tru, 0},
		{"containsAny empty", bin(syntax.OpContainsAny, s12, setOf()), fals, 0},
		{"containsAny non-set", bin(syntax.OpContainsAny, lit("x"), s12), nil, TypeError},
		{"isEmpty", syntax.IsEmpty(setOf()), tru, 0},
		{"isEmpty no", syntax.IsEmpty(s12), fals, 0},
		{"isEmpty record", syntax.IsEmpty(rec()), nil, TypeError},
		{"like", like(lit("hello"), "h*o"), tru, 0},
		{"like no", like(lit("hello"), "h*x"), fals, 0},
		{"like non-string", like(lit(1), "*"), nil, TypeError},
	})
}

func TestEvalExtensionCalls(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"unknown function", call("nosuch", lit(1)), nil, TypeError},
		{"wrong arity", call("decimal", lit("1.0"), lit("2.0")), nil, TypeError},
		{"no args", call("ip"), nil, TypeError},
		{"wrong arg type", call("decimal", lit(1)), nil, TypeError},
		{"bad string", call("decimal", lit("1")), nil, ExtensionError},
		{"decimal lessThan", call("lessThan", call("decimal", lit("1.5")), call("decimal", lit("1.50001"[:5]))), fals, 0},
		{"decimal greaterThan", call("greaterThan", call("decimal", lit("-0.5")), call("decimal", lit("-1.0"))), tru, 0},
		{"decimal lessThanOrEqual", call("lessThanOrEqual", call("decimal", lit("2.0")), call("decimal", lit("2.0000"))), tru, 0},
		{"decimal greaterThanOrEqual", call("greaterThanOrEqual", call("decimal", lit("1.9999")), call("decimal", lit("2.0"))), fals, 0},
		{"decimal method on ip", call("lessThan", call("ip", lit("1.2.3.4")), call("decimal", lit("1.0"))), nil, TypeError},
		{"isIpv4", call("isIpv4", call("ip", lit("1.2.3.4"))), tru, 0},
		{"isIpv6", call("isIpv6", call("ip", lit("1.2.3.4"))), fals, 0},
		{"isInRange mixed", call("isInRange", call("ip", lit("::1")), call("ip", lit("0.0.0.0/0"))), fals, 0},
		{"isInRange non-ip", call("isInRange", call("ip", lit("::1")), lit("::/0")), nil, TypeError},
		{"offset", bin(syntax.OpEq, call("offset", call("datetime", lit("2024-01-01")), call("duration", lit("1d"))), call("datetime", lit("2024-01-02"))), tru, 0},
		{"offset overflow", call("offset", call("datetime", lit("9999-12-31")), call("duration", lit("106751991167d"))), nil, ExtensionError},
		{"offset wrong type", call("offset", call("datetime", lit("2024-01-01")), call("datetime", lit("2024-01-01"))), nil, TypeError},
		{"durationSince", call("durationSince", call("datetime", lit("2024-01-02")), call("datetime", lit("2024-01-01"))), Duration(msPerDay), 0},
		{"durationSince overflow", call("durationSince",
			call("offset", call("datetime", lit("1970-01-01")), call("duration", lit("9223372036854775807ms"))),
			call("datetime", lit("1969-12-31"))), nil, ExtensionError},
		{"toDate", call("toDate", call("datetime", lit("2024-01-01T13:00:00+0200"))), Datetime(1704067200000), 0},
		{"toTime", call("toTime", call("datetime", lit("2024-01-01T13:00:00+0200"))), Duration(11 * 3600000), 0},
		{"toSeconds", call("toSeconds", call("duration", lit("-1500ms"))), Long(-1), 0},
		{"toDays", call("toDays", call("duration", lit("47h"))), Long(1), 0},
		{"toHours of datetime", call("toHours", call("datetime", lit("2024-01-01"))), nil, TypeError},
	})
}

func TestEvalDepthLimit(t *testing.T) {
	var e syntax.Expr = lit(1)
	for i := 0; i < maxDepth+10; i++ {
		e = syntax.Neg(e)
	}
	runEvalCases(t, []evalCase{{"deep", e, nil, RecursionLimit}})
}

func TestEvaluateContextMustBeRecord(t *testing.T) {
	req, es := fixture()
	req.Context = lit(1)
	if _, err := Evaluate(lit(true), req, es); err == nil {
		t.Fatal("context 1 accepted")
	}
	req.Context = principal
	if _, err := Evaluate(lit(true), req, es); err == nil {
		t.Fatal("non-restricted context accepted")
	}
}
