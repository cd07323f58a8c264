package schema

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/scaling"
)

func repeated(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// TestSchemaScales: large schemas, in both formats, parse and resolve in
// time about linear in their size.
func TestSchemaScales(t *testing.T) {
	if testing.Short() {
		t.Skip("measures parse times")
	}
	tests := []struct {
		name  string
		n     int
		build func(n int) string
	}{
		{"entity types", 2500, func(n int) string {
			return repeated(n, func(i int) string { return fmt.Sprintf("entity E%d in [E%d];\n", i, i+1) }) + fmt.Sprintf("entity E%d;\n", n)
		}},
		{"attributes", 2500, func(n int) string {
			return "entity E {" + repeated(n, func(i int) string { return fmt.Sprintf("a%d: Long, ", i) }) + "};"
		}},
		{"namespaces", 2500, func(n int) string {
			return repeated(n, func(i int) string {
				return fmt.Sprintf("namespace N%d { entity E; type T = E; action a appliesTo { principal: E, resource: E }; }\n", i)
			})
		}},
		{"actions", 2500, func(n int) string {
			return "entity U;\n" + repeated(n, func(i int) string {
				return fmt.Sprintf("action a%d in [\"a%d\"] appliesTo { principal: U, resource: U, context: {x: Long} };\n", i, i+1)
			}) + fmt.Sprintf("action a%d;\n", n)
		}},
		{"common types", 2500, func(n int) string {
			return repeated(n, func(i int) string {
				return fmt.Sprintf("type T%d = {a: Long, b: Set<String>};\nentity E%d {t: T%d};\n", i, i, i)
			})
		}},
		{"annotations", 12_500, func(n int) string {
			return repeated(n, func(i int) string { return fmt.Sprintf("@a%d(\"x\")\n", i) }) + "entity E;"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name+" text", func(t *testing.T) {
			read := func(src []byte) error { _, err := ParseCedar("big.cedarschema", src); return err }
			if g := scaling.Growth(t, tt.n, tt.build, read); g > scaling.MaxGrowth {
				t.Errorf("8 times the input took %.0f times as long", g)
			}
		})
		t.Run(tt.name+" JSON", func(t *testing.T) {
			toJSON := func(n int) string {
				f, err := ParseCedarFile("big.cedarschema", []byte(tt.build(n)))
				if err != nil {
					t.Fatal(err)
				}
				js, err := PrintJSON(f)
				if err != nil {
					t.Fatal(err)
				}
				return string(js)
			}
			read := func(src []byte) error { _, err := ParseJSON("big.json", src); return err }
			if g := scaling.Growth(t, tt.n, toJSON, read); g > scaling.MaxGrowth {
				t.Errorf("8 times the input took %.0f times as long", g)
			}
		})
	}
}
