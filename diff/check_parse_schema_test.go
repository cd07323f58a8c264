package diff

import (
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// TestCommonTypesReadBack checks that the schemas of generated tests,
// written with common types, read back to themselves, and that the
// texts have the shapes the check exists for: common types referring to
// common types, a namespace's common type named like an extension type,
// and a common type used from another namespace.
func TestCommonTypesReadBack(t *testing.T) {
	shapes := map[string]int{}
	for i := range uint64(300) {
		tc := generators.Generate(generators.DefaultSettings(), 5, i)
		text := commonTypesText(tc)
		res := &TestResult{}
		checkCommonTypes(res, tc, text)
		for _, f := range res.Findings {
			t.Fatalf("test %d: %s", i, f)
		}
		if text == "" {
			continue
		}
		shapes["common types"]++
		if strings.Contains(text, "type decimal =") || strings.Contains(text, "type ipaddr =") {
			shapes["extension name"]++
		}
		if strings.Contains(text, "= T0") || strings.Contains(text, ": T0") && strings.Contains(text, "type T1") {
			shapes["chain"]++
		}
		if strings.Contains(text, "::T0") || strings.Contains(text, "::decimal") && !strings.Contains(text, "__cedar::decimal") {
			shapes["qualified"]++
		}
	}
	for _, k := range []string{"common types", "extension name", "chain", "qualified"} {
		if shapes[k] == 0 {
			t.Errorf("no schema text with %s in 300 tests: %v", k, shapes)
		}
	}
	t.Logf("%v", shapes)
}
