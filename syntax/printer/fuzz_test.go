package printer_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// FuzzFormat: Format never panics; on input that parses it is idempotent,
// keeps every comment, and does not change the policies.
func FuzzFormat(f *testing.F) {
	for _, s := range []string{
		"// a\n@id(\"x\") // b\npermit(principal, action, resource) // c\nwhen { true } // d\n; // e\n// f\n",
		"permit(principal, action, resource);\n\n\n// x\n\n// y\n",
		"// only a comment",
		"forbid(principal is User in Group::\"g\", action in [Action::\"a\"], resource) unless { context has a.b && 1 != 2 };",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		once, err := printer.Format("fuzz", src)
		if err != nil {
			return
		}
		twice, err := printer.Format("once", once)
		if err != nil {
			t.Fatalf("formatted text does not parse: %v\n%s", err, once)
		}
		if string(twice) != string(once) {
			t.Fatalf("not idempotent:\n%s\n---\n%s", once, twice)
		}
		before, _ := parser.ParseFile("fuzz", src)
		after, _ := parser.ParseFile("once", once)
		if diff := cmp.Diff(before.PolicySet, after.PolicySet, ignorePos); diff != "" {
			t.Fatalf("Format changed the policies (-want +got)\n%s", diff)
		}
		if len(before.Comments) != len(after.Comments) {
			t.Fatalf("Format kept %d of %d comments:\n%s", len(after.Comments), len(before.Comments), once)
		}
	})
}
