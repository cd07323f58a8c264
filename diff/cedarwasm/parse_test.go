package cedarwasm

import (
	"context"
	"strings"
	"testing"
)

// TestPolicySetsToJSON checks the batched parse: exact i64 bounds in the
// policy JSON, templates apart, the engine's id order, and a failure for
// text that does not parse.
func TestPolicySetsToJSON(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	var many strings.Builder
	for i := range 11 {
		many.WriteString("permit(principal, action, resource) when { " + strings.Repeat("!", i%2) + "true };\n")
	}
	texts := []string{
		"permit(principal, action, resource) when { 9223372036854775807 == -9223372036854775808 };\n" +
			"forbid(principal == ?principal, action, resource);",
		"permit(principal, action, resource) when { 9223372036854775808 };",
		many.String(),
	}
	err := p.Do(context.Background(), func(c *Conn) error {
		out, err := c.PolicySetsToJSON(texts)
		if err != nil {
			return err
		}
		if out[0].Type != "success" || len(out[0].Policies) != 1 || len(out[0].Templates) != 1 {
			t.Fatalf("set 0: %+v", out[0])
		}
		if js := string(out[0].Policies[0].JSON); !strings.Contains(js, `{"Value":9223372036854775807}`) || !strings.Contains(js, `{"Value":-9223372036854775808}`) {
			t.Errorf("the i64 bounds are not exact: %s", js)
		}
		if js := string(out[0].Templates[0].JSON); !strings.Contains(js, `"slot":"?principal"`) {
			t.Errorf("template: %s", js)
		}
		if out[1].Type != "failure" || len(out[1].Errors) == 0 {
			t.Errorf("an out-of-range integer parsed: %+v", out[1])
		}
		// Odd policies say !true. policy10 (even) sorts after policy1
		// and before policy2.
		if n := len(out[2].Policies); n != 11 {
			t.Fatalf("set 2: %d policies", n)
		}
		if js := string(out[2].Policies[1].JSON); !strings.Contains(js, `"!"`) {
			t.Errorf("policy1 is not second: %s", js)
		}
		if js := string(out[2].Policies[2].JSON); strings.Contains(js, `"!"`) {
			t.Errorf("policy10 is not third: %s", js)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
