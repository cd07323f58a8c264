package validator

import (
	"strings"
	"testing"
)

// TestValidatePolicies checks each typing rule with policies that must
// validate and policies that must fail with a given error kind.
func TestValidatePolicies(t *testing.T) {
	const ok Kind = ""
	tests := []struct {
		name   string
		policy string
		want   Kind // "" for valid
	}{
		// scope and environments
		{"unconstrained", `permit(principal, action, resource);`, ok},
		{"action eq", `permit(principal, action == Action::"view", resource) when { principal.name == "a" };`, ok},
		{"principal in group", `permit(principal in Group::"g", action, resource);`, ok},
		{"enum literal", `permit(principal, action, resource == Color::"red");`, ok},
		{"is in scope", `permit(principal is User in Group::"g", action, resource is Photo);`, ok},
		{"no env for principal", `permit(principal == Photo::"p", action, resource);`, InvalidActionApplication},
		{"action without appliesTo", `permit(principal, action == Action::"group", resource);`, InvalidActionApplication},
		{"action and resource disagree", `permit(principal, action == Action::"paint", resource is Photo);`, InvalidActionApplication},
		{"action in empty set", `permit(principal, action in [], resource);`, EmptySetForbidden},

		// unknown names, even in code that never runs
		{"unknown type short-circuited", `permit(principal, action, resource) when { false && Nope::"x" == principal };`, UnrecognizedEntityType},
		{"unknown action", `permit(principal, action, resource) when { Action::"nope" == action };`, UnrecognizedActionId},
		{"invalid enum id", `permit(principal, action, resource == Color::"blue");`, InvalidEnumEntity},
		{"unknown is type", `permit(principal, action, resource) when { principal is Nope };`, UnrecognizedEntityType},

		// booleans and short-circuiting
		{"condition not bool", `permit(principal, action, resource) when { 1 };`, UnexpectedType},
		{"false and anything", `permit(principal, action, resource) when { false && 1 };`, ok},
		{"true or anything", `permit(principal, action, resource) when { true || 1 };`, ok},
		{"unknown and non-bool", `permit(principal, action, resource) when { context.flag && 1 };`, UnexpectedType},
		{"not of long", `permit(principal, action, resource) when { !1 };`, UnexpectedType},
		{"if guard not bool", `permit(principal, action, resource) when { if 1 then true else false };`, UnexpectedType},
		{"if branches lub", `permit(principal, action, resource) when { (if context.flag then 1 else 2) == 1 };`, UnsafeAttributeAccess}, // paint has no context.flag
		{"if branches lub in view", `permit(principal, action == Action::"view", resource) when { (if context.flag then 1 else 2) == 1 };`, ok},
		{"if branches incompatible", `permit(principal, action == Action::"view", resource) when { (if context.flag then 1 else "a") == 1 };`, IncompatibleTypes},
		{"if entity branches incompatible", `permit(principal, action == Action::"view", resource) when { (if context.flag then principal else resource) == principal };`, IncompatibleTypes},
		{"if true skips else", `permit(principal, action, resource) when { if true then true else 1 };`, ok},

		// equality
		{"different entity types are False", `permit(principal, action, resource) when { principal == resource };`, ok},
		{"literals decided", `permit(principal, action, resource) when { 1 == "a" };`, ok},
		{"incompatible eq", `permit(principal, action == Action::"view", resource) when { principal.name == 1 };`, IncompatibleTypes},
		{"records with different keys", `permit(principal, action, resource) when { {a: 1} == {b: 1} || true };`, IncompatibleTypes},
		{"records with same keys", `permit(principal, action, resource) when { {a: 1} == {a: 2} };`, ok},

		// attributes and capabilities
		{"required attribute", `permit(principal, action, resource) when { principal.name like "a*" };`, ok},
		{"optional without has", `permit(principal, action, resource) when { principal.age > 3 };`, UnsafeOptionalAttributeAccess},
		{"optional under has", `permit(principal, action, resource) when { principal has age && principal.age > 3 };`, ok},
		{"optional under if", `permit(principal, action, resource) when { if principal has age then principal.age > 3 else false };`, ok},
		{"optional in else", `permit(principal, action, resource) when { if principal has age then true else principal.age > 3 };`, UnsafeOptionalAttributeAccess},
		{"capability across when clauses", `permit(principal, action, resource) when { principal has age } when { principal.age > 3 };`, ok},
		{"negation drops capability", `permit(principal, action, resource) unless { !(principal has age) } when { principal.age > 3 };`, UnsafeOptionalAttributeAccess},
		{"or with true drops capability", `permit(principal, action, resource) when { (principal has age || true) && principal.age > 1 };`, UnsafeOptionalAttributeAccess},
		{"or intersects", `permit(principal, action, resource) when { (principal has age || principal has age) && principal.age > 1 };`, ok},
		{"capability on another expression", `permit(principal, action == Action::"view", resource) when { principal has age && resource.owner.age > 1 };`, UnsafeOptionalAttributeAccess},
		{"undeclared attribute", `permit(principal, action, resource) when { principal.nope == 1 };`, UnsafeAttributeAccess},
		{"has undeclared is False", `permit(principal, action, resource) when { principal has nope && principal.nope };`, ok},
		{"optional record attribute", `permit(principal, action, resource) when { principal.info.b == "x" };`, UnsafeOptionalAttributeAccess},
		{"optional record attribute guarded", `permit(principal, action, resource) when { principal.info has b && principal.info.b == "x" };`, ok},
		{"context optional guarded", `permit(principal, action == Action::"view", resource) when { context has n && context.n > 0 };`, ok},
		{"action has no attributes", `permit(principal, action, resource) when { action.foo == 1 };`, UnsafeAttributeAccess},
		{"has on long", `permit(principal, action, resource) when { 1 has foo };`, UnexpectedType},

		// tags
		{"tag under hasTag", `permit(principal, action, resource) when { principal.hasTag("x") && principal.getTag("x") == "y" };`, ok},
		{"tag without hasTag", `permit(principal, action, resource) when { principal.getTag("x") == "y" };`, UnsafeTagAccess},
		{"tag with other key", `permit(principal, action, resource) when { principal.hasTag("x") && principal.getTag("z") == "y" };`, UnsafeTagAccess},
		{"no tags declared", `permit(principal, action == Action::"view", resource) when { resource.getTag("x") == 1 };`, UnsafeTagAccess},
		{"no tags declared, guarded", `permit(principal, action == Action::"view", resource) when { if resource.hasTag("x") || true then resource.getTag("x") == 1 else true };`, UnsafeTagAccess},
		{"hasTag without tags is False", `permit(principal, action == Action::"view", resource) when { resource.hasTag("x") && resource.getTag("x") == 1 };`, ok},
		{"tag key not string", `permit(principal, action, resource) when { principal.hasTag(1) };`, UnexpectedType},

		// in, is
		{"in hierarchy", `permit(principal, action, resource) when { principal in Group::"g" };`, ok},
		{"in set of entities", `permit(principal, action, resource) when { principal in principal.groups };`, ok},
		{"in on long", `permit(principal, action, resource) when { 1 in Group::"g" };`, UnexpectedType},
		{"in set of longs", `permit(principal, action, resource) when { principal in [1] };`, UnexpectedType},
		{"action in group", `permit(principal, action, resource) when { action in Action::"group" };`, ok},
		{"is decided", `permit(principal, action, resource) when { resource is Photo };`, ok},
		{"is on string", `permit(principal, action, resource) when { "a" is User };`, UnexpectedType},

		// sets
		{"empty set", `permit(principal, action, resource) when { [] == [] };`, EmptySetForbidden},
		{"heterogeneous set", `permit(principal, action, resource) when { [1, "a"].contains(1) };`, IncompatibleTypes},
		{"containsAll", `permit(principal, action, resource) when { [1, 2].containsAll([3]) };`, ok},
		{"containsAny incompatible", `permit(principal, action, resource) when { [1, 2].containsAny(["a"]) };`, IncompatibleTypes},
		{"contains on string", `permit(principal, action, resource) when { "ab".contains("a") };`, UnexpectedType},
		{"isEmpty on set", `permit(principal, action, resource) when { principal.groups.isEmpty() };`, ok},
		{"isEmpty on string", `permit(principal, action, resource) when { principal.name.isEmpty() };`, UnexpectedType},

		// arithmetic and comparison
		{"arithmetic", `permit(principal, action, resource) when { 1 + 2 * 3 - 4 < 5 };`, ok},
		{"add string", `permit(principal, action, resource) when { "a" + 1 == 1 };`, UnexpectedType},
		{"compare strings", `permit(principal, action, resource) when { principal.name < "b" };`, UnexpectedType},
		{"compare datetimes", `permit(principal, action == Action::"view", resource) when { resource.taken < datetime("2024-01-01") };`, ok},
		{"compare durations", `permit(principal, action == Action::"view", resource) when { resource.ttl >= duration("1h") };`, ok},
		{"compare decimals with <", `permit(principal, action == Action::"view", resource) when { resource.price < decimal("1.0") };`, UnexpectedType},
		{"compare datetime with duration", `permit(principal, action == Action::"view", resource) when { resource.taken < resource.ttl };`, UnexpectedType},

		// extensions
		{"ip method", `permit(principal, action == Action::"view", resource) when { context.ip.isInRange(ip("10.0.0.0/8")) };`, ok},
		{"decimal method", `permit(principal, action == Action::"view", resource) when { resource.price.lessThan(decimal("1.5")) };`, ok},
		{"datetime methods", `permit(principal, action == Action::"view", resource) when { resource.taken.offset(resource.ttl).toDate() == resource.taken && resource.ttl.toDays() > 1 };`, ok},
		{"constructor not literal", `permit(principal, action, resource) when { ip(principal.name).isIpv4() };`, NonLitExtConstructor},
		{"constructor bad literal", `permit(principal, action, resource) when { decimal("1.23456").lessThan(decimal("1.0")) };`, FunctionArgumentValidation},
		{"constructor bad ip", `permit(principal, action, resource) when { ip("1.2.3").isIpv4() };`, FunctionArgumentValidation},
		{"method argument type", `permit(principal, action == Action::"view", resource) when { resource.price.lessThan(1) };`, UnexpectedType},
		{"wrong arity", `permit(principal, action, resource) when { ip("1.1.1.1", "x").isIpv4() };`, WrongNumberArguments},

		// impossible policies still validate
		{"impossible", `permit(principal, action, resource) when { false };`, ok},

		// templates
		{"template eq", `permit(principal == ?principal, action, resource) when { principal.name == "a" };`, ok},
		{"template in", `permit(principal in ?principal, action, resource in ?resource);`, ok},
		{"template error", `permit(principal in ?principal, action, resource) when { principal.nope };`, UnsafeAttributeAccess},
	}
	schema := testSchema()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := Validate(schema, mustParsePolicies(t, tc.policy))
			if tc.want == ok {
				if !res.OK() {
					t.Fatalf("%s\nwant valid, got errors:\n%s", tc.policy, list(res.Errors))
				}
				return
			}
			if res.OK() {
				t.Fatalf("%s\nwant %s, got valid", tc.policy, tc.want)
			}
			for _, d := range res.Errors {
				if d.Kind == tc.want {
					if d.PolicyID != "policy0" || d.Message == "" {
						t.Errorf("bad diagnostic %+v", d)
					}
					return
				}
			}
			t.Fatalf("%s\nwant %s, got:\n%s", tc.policy, tc.want, list(res.Errors))
		})
	}
}

func list(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString("  " + d.Error() + "\n")
	}
	return b.String()
}

func TestImpossiblePolicyIsAWarning(t *testing.T) {
	res := Validate(testSchema(), mustParsePolicies(t, `
permit(principal, action, resource) when { false };
permit(principal, action, resource) when { principal == resource };
permit(principal, action, resource);`))
	if !res.OK() {
		t.Fatalf("errors: %s", list(res.Errors))
	}
	if len(res.Warnings) != 2 || res.Warnings[0].PolicyID != "policy0" || res.Warnings[1].PolicyID != "policy1" {
		t.Fatalf("want ImpossiblePolicy for policy0 and policy1, got %s", list(res.Warnings))
	}
	for _, w := range res.Warnings {
		if w.Kind != ImpossiblePolicy {
			t.Errorf("warning kind %s", w.Kind)
		}
	}
}

func TestErrorsCarryPositionsAndIDs(t *testing.T) {
	res := Validate(testSchema(), mustParsePolicies(t, "permit(principal, action, resource);\n"+
		"forbid(principal, action, resource)\n  when { principal.age > 1 };\n"))
	errs := res.ErrorsFor("policy1")
	if len(errs) != 1 || len(res.Errors) != 1 {
		t.Fatalf("want one error for policy1, got %s", list(res.Errors))
	}
	d := errs[0]
	if d.Pos.Line != 3 || d.Pos.Filename != "test.cedar" {
		t.Errorf("position %v, want test.cedar:3:…", d.Pos)
	}
	if !strings.Contains(d.Message, `"age"`) || !strings.Contains(d.Message, "User") {
		t.Errorf("message does not name the attribute and type: %s", d.Message)
	}
}

func TestLinks(t *testing.T) {
	ps := mustParsePolicies(t, `permit(principal in ?principal, action, resource);`)
	ps.Policies[0].ID = "t"
	link := func(id string, typ, eid string) {
		ps.Links = append(ps.Links, linkOf(id, typ, eid))
	}
	link("ok", "Group", "g")
	link("unknown", "Nope", "x")
	link("inapplicable", "Photo", "p")
	res := Validate(testSchema(), ps)
	if got := res.ErrorsFor("ok"); len(got) != 0 {
		t.Errorf("link ok: %s", list(got))
	}
	if got := res.ErrorsFor("unknown"); len(got) == 0 || got[0].Kind != UnrecognizedEntityType {
		t.Errorf("link unknown: %s", list(got))
	}
	if got := res.ErrorsFor("inapplicable"); len(got) != 1 || got[0].Kind != InvalidActionApplication {
		t.Errorf("link inapplicable: %s", list(got))
	}
	if got := res.ErrorsFor("t"); len(got) != 0 {
		t.Errorf("template: %s", list(got))
	}
}

func TestInapplicableScopeAsWarning(t *testing.T) {
	ps := mustParsePolicies(t, `permit(principal == Photo::"p", action, resource);`)
	if res := Validate(testSchema(), ps); res.OK() || res.Errors[0].Kind != InvalidActionApplication {
		t.Fatalf("Cedar 4.10: want InvalidActionApplication error, got %s", list(res.Errors))
	}
	res := Validate(testSchema(), ps, InapplicableScopeAsWarning())
	if !res.OK() {
		t.Fatalf("Cedar 4.13: want valid, got %s", list(res.Errors))
	}
	kinds := map[Kind]bool{}
	for _, w := range res.Warnings {
		kinds[w.Kind] = true
	}
	if !kinds[InvalidActionApplication] || !kinds[ImpossiblePolicy] {
		t.Errorf("Cedar 4.13: want both warnings, got %s", list(res.Warnings))
	}
}
