package model

import (
	"errors"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// textCase is an expression in Cedar text and either the Cedar text of
// the value it must evaluate to, or the kind of error it must end with.
type textCase struct {
	expr string
	want string // Cedar text of the expected value; "" when an error is expected
	err  ErrorKind
}

func mustParseExpr(t *testing.T, src string) syntax.Expr {
	t.Helper()
	e, err := parser.ParseExpr("test", []byte(src))
	if err != nil {
		t.Fatalf("parse %q: %v", src, err)
	}
	return e
}

// TestEvalText runs the evaluator on parsed Cedar text, so that the cases
// read like the language. The request is fixture()'s: principal is
// User::"alice" (in Group::"admins", in Group::"all"), the resource
// Photo::"missing" is absent from the store, and the context is
// {n: 1, s: "x", r: {a: 1}}.
func TestEvalText(t *testing.T) {
	cases := []textCase{
		// Desugared surface syntax.
		{`1 != 2`, `true`, 0},
		{`3 > 2`, `true`, 0},
		{`2 >= 3`, `false`, 0},
		{`"a" > "b"`, "", TypeError},
		{`principal is User in Group::"all"`, `true`, 0},
		{`principal is Group in Group::"all"`, `false`, 0},
		{`context has r.a`, `true`, 0},
		{`context has r.b`, `false`, 0},
		{`context has s.a`, "", TypeError},         // context.s is a String
		{`context has nope.a`, `false`, 0},         // short-circuits before context.nope
		{`principal has manager.name`, `false`, 0}, // User::"bob" has no name
		{`-9223372036854775808`, `-9223372036854775808`, 0},
		{`-(-9223372036854775807 - 1)`, "", Overflow},
		{`!!true`, `true`, 0},
		// Operators and methods.
		{`[1, 2, 3].contains(2) && [1, 2].containsAll([2]) && [1].containsAny([1, 3])`, `true`, 0},
		{`[].isEmpty() && !([1].isEmpty())`, `true`, 0},
		{`{a: 1, b: [2]} == {b: [2], a: 1}`, `true`, 0},
		{`[1, [2, 3]] == [[3, 2], 1]`, `true`, 0},
		{`context.r["a"] + context.n * 10`, `11`, 0},
		{`"The cat" like "The *"`, `true`, 0},
		{`"a*b" like "a\*b"`, `true`, 0},
		{`"axb" like "a\*b"`, `false`, 0},
		{`principal.getTag("color") == "red" && principal.hasTag("color")`, `true`, 0},
		{`resource.hasTag("color")`, `false`, 0},
		{`resource.getTag("color")`, "", EntityDoesNotExist},
		{`if principal.age > 18 then "adult" else principal.nope`, `"adult"`, 0},
		{`if resource has owner then resource.owner else "none"`, `"none"`, 0},
		{`principal in [Group::"x", Group::"admins"]`, `true`, 0},
		{`User::"bob" in User::"bob"`, `true`, 0},
		{`Photo::"missing" in Photo::"missing"`, `true`, 0},
		{`action == Action::"view"`, `true`, 0},
		// Extensions, called as functions and as methods.
		{`decimal("1.23").lessThan(decimal("1.24"))`, `true`, 0},
		{`decimal("-0.0001").greaterThanOrEqual(decimal("0.0"))`, `false`, 0},
		{`decimal("1.23") < decimal("1.24")`, "", TypeError},
		{`decimal("12345678901234567.0")`, "", ExtensionError},
		{`ip("192.168.1.10").isInRange(ip("192.168.1.0/24"))`, `true`, 0},
		{`ip("192.168.1.0/24").isInRange(ip("192.168.1.10"))`, `false`, 0},
		{`ip("::1").isLoopback() && ip("ff02::2").isMulticast() && ip("1.2.3.4").isIpv4()`, `true`, 0},
		{`ip("::ffff:127.0.0.1")`, "", ExtensionError},
		{`datetime("2024-10-15T11:35:00Z") < datetime("2024-10-15T12:00:00+0100")`, `false`, 0},
		{`datetime("2024-10-15").offset(duration("1d")) == datetime("2024-10-16")`, `true`, 0},
		{`datetime("2024-10-15T23:00:00-0200").toDate() == datetime("2024-10-16")`, `true`, 0},
		{`datetime("1969-12-31T23:00:00Z").toTime() == duration("23h")`, `true`, 0},
		{`datetime("2024-10-16").durationSince(datetime("2024-10-15")).toHours()`, `24`, 0},
		{`duration("1h30m").toMinutes()`, `90`, 0},
		{`duration("-1d1ms").toDays()`, `-1`, 0},
		{`duration("1h") > duration("59m59s999ms")`, `true`, 0},
		{`duration("1h") > datetime("1970-01-01")`, "", TypeError},
		{`datetime("2024-13-01")`, "", ExtensionError},
		{`ip(context.s)`, "", ExtensionError},
		{`decimal(context.n)`, "", TypeError},
	}
	req, es := fixture()
	for _, c := range cases {
		t.Run(c.expr, func(t *testing.T) {
			got, err := Evaluate(mustParseExpr(t, c.expr), req, es)
			if c.want == "" {
				var e *Error
				if !errors.As(err, &e) || e.Kind != c.err {
					t.Fatalf("got %v, %v; want a %s error", got, err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v; want %s", err, c.want)
			}
			want, err := Evaluate(mustParseExpr(t, c.want), req, es)
			if err != nil {
				t.Fatal(err)
			}
			if !Equal(got, want) {
				t.Fatalf("got %v; want %v", got, want)
			}
		})
	}
}

// TestAuthorizeText authorizes parsed policy text, with the ids policy0,
// policy1, ... the parser gives.
func TestAuthorizeText(t *testing.T) {
	const policies = `
permit(principal in Group::"admins", action == Action::"view", resource);
forbid(principal, action, resource) when { resource.private };     // errors: resource is absent
permit(principal is User, action in [Action::"edit", Action::"view"], resource)
  when { principal.age >= 21 } unless { context.s == "y" };
forbid(principal == User::"bob", action, resource);
permit(principal == ?principal, action, resource in ?resource);
`
	ps, err := parser.ParsePolicySet("test.cedar", []byte(policies))
	if err != nil {
		t.Fatal(err)
	}
	ps.Links = append(ps.Links, syntax.TemplateLink{TemplateID: "policy4", NewID: "link0",
		Values: map[syntax.SlotID]syntax.EntityUID{syntax.SlotPrincipal: uid("User", "alice"),
			syntax.SlotResource: uid("Photo", "missing")}})
	req, es := fixture()
	resp, err := Authorize(ps, es, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Decision != Allow || !sameStrings(resp.Reasons, []string{"link0", "policy0", "policy2"}) ||
		!sameStrings(errorIDs(resp), []string{"policy1"}) || resp.Errors[0].Kind != EntityDoesNotExist {
		t.Fatalf("got %+v", resp)
	}
}
