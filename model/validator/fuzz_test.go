package validator

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// FuzzValidate checks that validating any policy text that parses neither
// panics nor hangs, and that the verdict does not depend on running twice.
func FuzzValidate(f *testing.F) {
	for _, seed := range []string{
		`permit(principal, action, resource);`,
		`permit(principal in ?principal, action, resource) when { principal has age && principal.age > 1 };`,
		`forbid(principal, action == Action::"view", resource) unless { context.ip.isInRange(ip("10.0.0.0/8")) || resource.owner.hasTag("t") && resource.owner.getTag("t") like "a*" };`,
		`permit(principal, action, resource) when { if [1, 2].contains(3) then {a: decimal("1.0")} == {a: decimal("2.0")} else resource is Color };`,
	} {
		f.Add(seed)
	}
	schema := testSchema()
	f.Fuzz(func(t *testing.T, src string) {
		ps, err := parser.ParsePolicySet("fuzz.cedar", []byte(src))
		if err != nil {
			return
		}
		a, b := Validate(schema, ps), Validate(schema, ps)
		if a.OK() != b.OK() || len(a.Errors) != len(b.Errors) || len(a.Warnings) != len(b.Warnings) {
			t.Fatalf("validation is not deterministic: %v vs %v", a, b)
		}
	})
}
