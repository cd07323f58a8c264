package cedarjson

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/scaling"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// joined returns f(0), ..., f(n-1) joined by commas.
func joined(n int, f func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = f(i)
	}
	return strings.Join(parts, ",")
}

const jsonScope = `"principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}`

func jsonPolicy(annotations, conditions string) string {
	return `{"effect": "permit", ` + jsonScope + `, "conditions": [` + conditions + `]` + annotations + `}`
}

func jsonWhen(body string) string { return `{"kind": "when", "body": ` + body + `}` }

// TestReadScales: every kind of large JSON input reads in time about
// linear in its size.
func TestReadScales(t *testing.T) {
	if testing.Short() {
		t.Skip("measures read times")
	}
	policySet := func(b []byte) error { _, err := UnmarshalPolicySet("big.json", b); return err }
	entities := func(b []byte) error { _, err := ParseEntities("big.json", b, nil); return err }
	tests := []struct {
		name  string
		n     int
		build func(n int) string
		read  func([]byte) error
	}{
		{"annotations", 12_500, func(n int) string {
			return `{"staticPolicies": {"p": ` + jsonPolicy(`, "annotations": {`+joined(n, func(i int) string { return fmt.Sprintf(`"a%d": "x"`, i) })+`}`, "") + `}}`
		}, policySet},
		{"record fields", 12_500, func(n int) string {
			rec := `{"Record": {` + joined(n, func(i int) string { return fmt.Sprintf(`"a%d": {"Value": %d}`, i, i) }) + `}}`
			return `{"staticPolicies": {"p": ` + jsonPolicy("", jsonWhen(`{"has": {"left": `+rec+`, "attr": "a"}}`)) + `}}`
		}, policySet},
		{"policies", 12_500, func(n int) string {
			return `{"staticPolicies": {` + joined(n, func(i int) string { return fmt.Sprintf(`"p%d": %s`, i, jsonPolicy("", "")) }) + `}}`
		}, policySet},
		{"template links", 12_500, func(n int) string {
			tmpl := `{"effect": "permit", "principal": {"op": "==", "slot": "?principal"}, "action": {"op": "All"}, "resource": {"op": "All"}, "conditions": []}`
			return `{"templates": {"t": ` + tmpl + `}, "templateLinks": [` + joined(n, func(i int) string {
				return fmt.Sprintf(`{"templateId": "t", "newId": "l%d", "values": {"?principal": {"type": "User", "id": "%d"}}}`, i, i)
			}) + `]}`
		}, policySet},
		{"or chain", 12_500, func(n int) string {
			body := strings.Repeat(`{"||": {"left": `, n) + `{"Var": "context"}` + strings.Repeat(`, "right": {"Value": true}}}`, n)
			return `{"staticPolicies": {"p": ` + jsonPolicy("", jsonWhen(body)) + `}}`
		}, policySet},
		{"string with escapes", 100_000, func(n int) string {
			return `{"staticPolicies": {"p": ` + jsonPolicy("", jsonWhen(`{"Value": "`+strings.Repeat(`\n\u00e9\ud83d\ude00a`, n)+`"}`)) + `}}`
		}, policySet},
		{"entities", 12_500, func(n int) string {
			return "[" + joined(n, func(i int) string {
				return fmt.Sprintf(`{"uid": {"type": "User", "id": "%d"}, "attrs": {}, "parents": [{"type": "Group", "id": "%d"}]}`, i, i/2)
			}) + "]"
		}, entities},
		{"entity attributes", 12_500, func(n int) string {
			return `[{"uid": {"type": "User", "id": "a"}, "parents": [], "attrs": {` + joined(n, func(i int) string { return fmt.Sprintf(`"a%d": [%d, "s"]`, i, i) }) + `}}]`
		}, entities},
		{"entity parents", 12_500, func(n int) string {
			return `[{"uid": {"type": "User", "id": "a"}, "attrs": {}, "parents": [` + joined(n, func(i int) string { return fmt.Sprintf(`{"type": "G", "id": "%d"}`, i) }) + `]}]`
		}, entities},
		{"repeated entities", 12_500, func(n int) string {
			return "[" + joined(n, func(int) string {
				return `{"uid": {"type": "User", "id": "a"}, "attrs": {"x": [1, 2, {"a": "b"}]}, "parents": [{"type": "G", "id": "g"}]}`
			}) + "]"
		}, entities},
		{"context fields", 12_500, func(n int) string {
			return "{" + joined(n, func(i int) string { return fmt.Sprintf(`"a%d": {"__entity": {"type": "User", "id": "%d"}}`, i, i) }) + "}"
		}, func(b []byte) error { _, err := ParseContext("ctx.json", b, nil, syntax.EntityUID{}); return err }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if g := scaling.Growth(t, tt.n, tt.build, tt.read); g > scaling.MaxGrowth {
				t.Errorf("8 times the input took %.0f times as long", g)
			}
		})
	}
}
