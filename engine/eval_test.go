package engine

import (
	"math"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// fixture is the store and request the expression tests evaluate against.
func fixture(t *testing.T) (Request, *EntityStore) {
	t.Helper()
	alice := entityData(uidOf("User", "alice"), []syntax.EntityUID{uidOf("Group", "admins")},
		"age", lit(30), "name", lit("alice"), "manager", entLit("User", "bob"),
		"tags", setLit(lit("a"), lit("b")))
	alice.Tags = []syntax.Field{{Key: "color", Value: lit("red")}}
	es, err := NewEntityStore([]*syntax.EntityData{
		alice,
		entityData(uidOf("Group", "admins"), []syntax.EntityUID{uidOf("Group", "all")}),
		entityData(uidOf("Group", "all"), nil),
		entityData(uidOf("User", "bob"), nil),
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	req, err := NewRequest(syntax.Request{
		Principal: uidOf("User", "alice"),
		Action:    uidOf("Action", "view"),
		Resource:  uidOf("Photo", "missing"),
		Context:   recLit("n", lit(1), "s", lit("x"), "r", recLit("a", lit(1))),
	})
	if err != nil {
		t.Fatal(err)
	}
	return req, es
}

// evalCase is one expression and its expected value (an expression
// evaluated separately) or error kind.
type evalCase struct {
	name    string
	expr    syntax.Expr
	want    syntax.Expr // nil when an error is expected
	wantErr ErrorKind
}

func runEvalCases(t *testing.T, cases []evalCase) {
	t.Helper()
	req, es := fixture(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, evErr, err := evalExpr(c.expr, req, es)
			if err != nil {
				t.Fatalf("compile: %v", err)
			}
			if c.want == nil {
				if evErr == nil {
					t.Fatalf("got %v; want %s error", got, c.wantErr)
				}
				if evErr.kind != c.wantErr {
					t.Fatalf("got error %v (%s); want kind %s", evErr, evErr.kind, c.wantErr)
				}
				return
			}
			if evErr != nil {
				t.Fatalf("unexpected error %v", evErr)
			}
			want, wErr, _ := evalExpr(c.want, req, es)
			if wErr != nil {
				t.Fatalf("bad expected expression: %v", wErr)
			}
			if !got.equal(want) {
				t.Fatalf("got %+v; want %+v", got, want)
			}
		})
	}
}

var boom = bin(syntax.OpAdd, lit(1), lit("x")) // a TypeError

func TestEvalBasics(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"bool", lit(true), lit(true), 0},
		{"principal", vPrincipal, entLit("User", "alice"), 0},
		{"action", vAction, entLit("Action", "view"), 0},
		{"context attr", attr(vContext, "n"), lit(1), 0},
		{"unlinked slot", &syntax.Slot{ID: syntax.SlotPrincipal}, nil, TypeError},
		{"set dedup", setLit(lit(1), lit(1), lit(2)), setLit(lit(2), lit(1)), 0},
		{"set error", setLit(lit(1), boom), nil, TypeError},
		{"record eq order-free", bin(syntax.OpEq, recLit("a", lit(1), "b", lit(2)), recLit("b", lit(2), "a", lit(1))), lit(true), 0},
		{"record neq", bin(syntax.OpEq, recLit("a", lit(1)), recLit("a", lit(1), "b", lit(2))), lit(false), 0},
		{"eq across types", bin(syntax.OpEq, lit(1), lit("1")), lit(false), 0},
		{"eq entity types", bin(syntax.OpEq, entLit("User", "a"), entLit("Admin", "a")), lit(false), 0},
		{"decimal eq", bin(syntax.OpEq, callOf("decimal", lit("1.0")), callOf("decimal", lit("1.0000"))), lit(true), 0},
		{"ip eq keeps host bits", bin(syntax.OpEq, callOf("ip", lit("10.0.0.1/24")), callOf("ip", lit("10.0.0.0/24"))), lit(false), 0},
		{"datetime eq", bin(syntax.OpEq, callOf("datetime", lit("2024-01-01")), callOf("datetime", lit("2024-01-01T00:00:00Z"))), lit(true), 0},
		{"duration eq", bin(syntax.OpEq, callOf("duration", lit("1h")), callOf("duration", lit("60m"))), lit(true), 0},
		{"big set eq", bin(syntax.OpEq, setLit(lit(1), lit(2), lit(3), lit(4), lit(5), lit(6), lit(7), lit(8), lit(9), lit(10)),
			setLit(lit(10), lit(9), lit(8), lit(7), lit(6), lit(5), lit(4), lit(3), lit(2), lit(1), lit(1))), lit(true), 0},
	})
}

func TestEvalBooleanShortCircuit(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"false && error", bin(syntax.OpAnd, lit(false), boom), lit(false), 0},
		{"true && error", bin(syntax.OpAnd, lit(true), boom), nil, TypeError},
		{"true || error", bin(syntax.OpOr, lit(true), boom), lit(true), 0},
		{"false || error", bin(syntax.OpOr, lit(false), boom), nil, TypeError},
		{"false && 3", bin(syntax.OpAnd, lit(false), lit(3)), lit(false), 0},
		{"true && 3", bin(syntax.OpAnd, lit(true), lit(3)), nil, TypeError},
		{"true || 3", bin(syntax.OpOr, lit(true), lit(3)), lit(true), 0},
		{"false || 3", bin(syntax.OpOr, lit(false), lit(3)), nil, TypeError},
		{"3 && false", bin(syntax.OpAnd, lit(3), lit(false)), nil, TypeError},
		{"3 || true", bin(syntax.OpOr, lit(3), lit(true)), nil, TypeError},
		{"var false && error", bin(syntax.OpAnd, bin(syntax.OpEq, vPrincipal, vResource), boom), lit(false), 0},
		{"var true && 3", bin(syntax.OpAnd, bin(syntax.OpEq, vPrincipal, vPrincipal), lit(3)), nil, TypeError},
		{"var true || error", bin(syntax.OpOr, bin(syntax.OpEq, vPrincipal, vPrincipal), boom), lit(true), 0},
		{"if true", ite(lit(true), lit(1), boom), lit(1), 0},
		{"if false", ite(lit(false), boom, lit(2)), lit(2), 0},
		{"if non-bool", ite(lit(1), lit(1), lit(2)), nil, TypeError},
		{"if var", ite(bin(syntax.OpEq, vPrincipal, vResource), boom, lit(2)), lit(2), 0},
		{"not", syntax.Not(lit(false)), lit(true), 0},
		{"not long", syntax.Not(lit(1)), nil, TypeError},
	})
}

func TestEvalArithmetic(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"add", bin(syntax.OpAdd, lit(2), lit(3)), lit(5), 0},
		{"sub", bin(syntax.OpSub, lit(2), lit(3)), lit(-1), 0},
		{"mul", bin(syntax.OpMul, lit(-2), lit(3)), lit(-6), 0},
		{"add overflow", bin(syntax.OpAdd, lit(math.MaxInt64), lit(1)), nil, Overflow},
		{"sub overflow", bin(syntax.OpSub, lit(math.MinInt64), lit(1)), nil, Overflow},
		{"mul overflow", bin(syntax.OpMul, lit(math.MaxInt64), lit(2)), nil, Overflow},
		{"mul min*-1", bin(syntax.OpMul, lit(math.MinInt64), lit(-1)), nil, Overflow},
		{"neg min", syntax.Neg(lit(math.MinInt64)), nil, Overflow},
		{"neg", syntax.Neg(attr(vContext, "n")), lit(-1), 0},
		{"neg string", syntax.Neg(lit("a")), nil, TypeError},
		{"add string", bin(syntax.OpAdd, lit("a"), lit(1)), nil, TypeError},
		{"operands before types", bin(syntax.OpAdd, lit("x"), bin(syntax.OpAdd, lit(math.MaxInt64), lit(1))), nil, Overflow},
		{"left error first", bin(syntax.OpEq, attr(vContext, "nope"), bin(syntax.OpAdd, lit(math.MaxInt64), lit(1))), nil, AttrDoesNotExist},
		{"less", bin(syntax.OpLess, lit(1), lit(2)), lit(true), 0},
		{"lesseq", bin(syntax.OpLessEq, lit(2), lit(2)), lit(true), 0},
		{"less strings", bin(syntax.OpLess, lit("a"), lit("b")), nil, TypeError},
		{"less mixed", bin(syntax.OpLess, lit(1), callOf("duration", lit("1s"))), nil, TypeError},
		{"less decimals", bin(syntax.OpLess, callOf("decimal", lit("1.0")), callOf("decimal", lit("2.0"))), nil, TypeError},
		{"less datetimes", bin(syntax.OpLess, callOf("datetime", lit("2024-01-01")), callOf("datetime", lit("2024-01-02"))), lit(true), 0},
		{"less durations", bin(syntax.OpLessEq, callOf("duration", lit("2s")), callOf("duration", lit("1s"))), lit(false), 0},
	})
}

func TestEvalEntitiesAndRecords(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"attr", attr(vPrincipal, "age"), lit(30), 0},
		{"attr chain", attr(attr(vContext, "r"), "a"), lit(1), 0},
		{"attr missing", attr(vPrincipal, "nope"), nil, AttrDoesNotExist},
		{"record attr missing", attr(vContext, "nope"), nil, AttrDoesNotExist},
		{"entity missing", attr(vResource, "x"), nil, EntityDoesNotExist},
		{"attr of long", attr(lit(1), "x"), nil, TypeError},
		{"has", has(vPrincipal, "age"), lit(true), 0},
		{"has not", has(vPrincipal, "nope"), lit(false), 0},
		{"has on missing entity", has(vResource, "x"), lit(false), 0},
		{"has on record", has(vContext, "s"), lit(true), 0},
		{"has on string", has(lit("s"), "x"), nil, TypeError},
		{"in self", bin(syntax.OpIn, vPrincipal, vPrincipal), lit(true), 0},
		{"in missing self", bin(syntax.OpIn, vResource, vResource), lit(true), 0},
		{"in parent", bin(syntax.OpIn, vPrincipal, entLit("Group", "admins")), lit(true), 0},
		{"in ancestor", bin(syntax.OpIn, vPrincipal, entLit("Group", "all")), lit(true), 0},
		{"not in", bin(syntax.OpIn, entLit("Group", "all"), vPrincipal), lit(false), 0},
		{"in missing", bin(syntax.OpIn, entLit("X", "y"), entLit("Group", "all")), lit(false), 0},
		{"in set", bin(syntax.OpIn, vPrincipal, setLit(entLit("X", "y"), entLit("Group", "all"))), lit(true), 0},
		{"in empty set", bin(syntax.OpIn, vPrincipal, setLit()), lit(false), 0},
		{"in set checks all elements", bin(syntax.OpIn, vPrincipal, setLit(vPrincipal, lit(1))), nil, TypeError},
		{"in long", bin(syntax.OpIn, vPrincipal, lit(1)), nil, TypeError},
		{"long in", bin(syntax.OpIn, lit(1), vPrincipal), nil, TypeError},
		{"in via var rhs", bin(syntax.OpIn, vPrincipal, attr(vPrincipal, "manager")), lit(false), 0},
		{"is", isT(vPrincipal, "User"), lit(true), 0},
		{"is not", isT(vPrincipal, "Group"), lit(false), 0},
		{"is namespaced", isT(entLit("NS::User", "a"), "User"), lit(false), 0},
		{"is long", isT(lit(1), "User"), nil, TypeError},
		{"hasTag", bin(syntax.OpHasTag, vPrincipal, lit("color")), lit(true), 0},
		{"hasTag not", bin(syntax.OpHasTag, vPrincipal, lit("size")), lit(false), 0},
		{"hasTag missing entity", bin(syntax.OpHasTag, vResource, lit("color")), lit(false), 0},
		{"hasTag no tags", bin(syntax.OpHasTag, entLit("User", "bob"), lit("color")), lit(false), 0},
		{"hasTag long key", bin(syntax.OpHasTag, vPrincipal, lit(1)), nil, TypeError},
		{"getTag", bin(syntax.OpGetTag, vPrincipal, lit("color")), lit("red"), 0},
		{"getTag missing tag", bin(syntax.OpGetTag, vPrincipal, lit("size")), nil, TagDoesNotExist},
		{"getTag missing entity", bin(syntax.OpGetTag, vResource, lit("color")), nil, EntityDoesNotExist},
		{"getTag of record", bin(syntax.OpGetTag, vContext, lit("s")), nil, TypeError},
		{"attr is not tag", attr(vPrincipal, "color"), nil, AttrDoesNotExist},
	})
}

func TestEvalSetsAndStrings(t *testing.T) {
	runEvalCases(t, []evalCase{
		{"contains", bin(syntax.OpContains, attr(vPrincipal, "tags"), lit("a")), lit(true), 0},
		{"contains not", bin(syntax.OpContains, attr(vPrincipal, "tags"), lit(1)), lit(false), 0},
		{"contains non-set", bin(syntax.OpContains, lit("ab"), lit("a")), nil, TypeError},
		{"containsAll", bin(syntax.OpContainsAll, attr(vPrincipal, "tags"), setLit(lit("a"))), lit(true), 0},
		{"containsAll empty", bin(syntax.OpContainsAll, setLit(), setLit()), lit(true), 0},
		{"containsAll non-set", bin(syntax.OpContainsAll, attr(vPrincipal, "tags"), lit("a")), nil, TypeError},
		{"containsAny", bin(syntax.OpContainsAny, attr(vPrincipal, "tags"), setLit(lit("z"), lit("b"))), lit(true), 0},
		{"containsAny empty", bin(syntax.OpContainsAny, attr(vPrincipal, "tags"), setLit()), lit(false), 0},
		{"isEmpty", syntax.IsEmpty(setLit()), lit(true), 0},
		{"isEmpty not", syntax.IsEmpty(attr(vPrincipal, "tags")), lit(false), 0},
		{"isEmpty record", syntax.IsEmpty(vContext), nil, TypeError},
		{"like", likeOf(attr(vPrincipal, "name"), "a*e"), lit(true), 0},
		{"like not", likeOf(attr(vPrincipal, "name"), "b*"), lit(false), 0},
		{"like long", likeOf(lit(1), "*"), nil, TypeError},
	})
}

func TestEvalExtensions(t *testing.T) {
	dec := func(s string) syntax.Expr { return callOf("decimal", lit(s)) }
	ip := func(s string) syntax.Expr { return callOf("ip", lit(s)) }
	dt := func(s string) syntax.Expr { return callOf("datetime", lit(s)) }
	dur := func(s string) syntax.Expr { return callOf("duration", lit(s)) }
	runEvalCases(t, []evalCase{
		{"decimal bad", dec("1"), nil, ExtensionError},
		{"decimal long arg", callOf("decimal", lit(1)), nil, TypeError},
		{"decimal arity", callOf("decimal", lit("1.0"), lit("2.0")), nil, TypeError},
		{"unknown function", callOf("nosuch", lit(1)), nil, TypeError},
		{"call args first", callOf("nosuch", attr(vContext, "nope")), nil, AttrDoesNotExist},
		{"lessThan", callOf("lessThan", dec("1.0"), dec("1.5")), lit(true), 0},
		{"greaterThanOrEqual", callOf("greaterThanOrEqual", dec("-1.0"), dec("-1.0")), lit(true), 0},
		{"lessThan mixed", callOf("lessThan", dec("1.0"), lit(1)), nil, TypeError},
		{"ip bad", ip("01.2.3.4"), nil, ExtensionError},
		{"isIpv4", callOf("isIpv4", ip("1.2.3.4")), lit(true), 0},
		{"isIpv6", callOf("isIpv6", ip("::1")), lit(true), 0},
		{"isLoopback", callOf("isLoopback", ip("127.0.0.1/7")), lit(false), 0},
		{"isMulticast", callOf("isMulticast", ip("ff00::1")), lit(true), 0},
		{"isInRange", callOf("isInRange", ip("10.0.0.1/24"), ip("10.0.0.0/24")), lit(true), 0},
		{"isInRange mixed", callOf("isInRange", ip("10.0.0.1"), ip("::/0")), lit(false), 0},
		{"isInRange wrong type", callOf("isInRange", ip("10.0.0.1"), lit("x")), nil, TypeError},
		{"offset", callOf("offset", dt("2024-01-01"), dur("1d")), dt("2024-01-02"), 0},
		{"offset overflow", callOf("offset", dt("9999-12-31"), dur("9223372036854775807ms")), nil, ExtensionError},
		{"durationSince", callOf("durationSince", dt("2024-01-02"), dt("2024-01-01")), dur("1d"), 0},
		{"toDate", callOf("toDate", dt("2024-01-01T12:00:00Z")), dt("2024-01-01"), 0},
		{"toDate negative", callOf("toDate", dt("1969-12-31T12:00:00Z")), dt("1969-12-31"), 0},
		{"toTime", callOf("toTime", dt("1969-12-31T12:00:00Z")), dur("12h"), 0},
		{"toSeconds", callOf("toSeconds", dur("-1500ms")), lit(-1), 0},
		{"toDays", callOf("toDays", dur("47h")), lit(1), 0},
		{"toMilliseconds", callOf("toMilliseconds", dur("1s")), lit(1000), 0},
		{"toHours of datetime", callOf("toHours", dt("2024-01-01")), nil, TypeError},
		{"duration bad", dur("1s1d"), nil, ExtensionError},
		{"datetime bad", dt("2024-01-01T00:00:00"), nil, ExtensionError},
	})
}

func TestConstantFoldingKeepsErrors(t *testing.T) {
	// Constant subexpressions that fail must still fail, and only when
	// evaluation reaches them.
	runEvalCases(t, []evalCase{
		{"folded error", bin(syntax.OpEq, lit(1), bin(syntax.OpAdd, lit(math.MaxInt64), lit(1))), nil, Overflow},
		{"folded error skipped", bin(syntax.OpAnd, bin(syntax.OpEq, vPrincipal, vResource), callOf("ip", lit("bad"))), lit(false), 0},
		{"folded error reached", bin(syntax.OpAnd, bin(syntax.OpEq, vPrincipal, vPrincipal), callOf("ip", lit("bad"))), nil, ExtensionError},
		{"folded if error", ite(lit(true), callOf("decimal", lit("x")), lit(1)), nil, ExtensionError},
		{"folded non-bool cond", ite(lit(3), lit(1), lit(2)), nil, TypeError},
	})
}
