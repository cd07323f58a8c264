package validator

import (
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestValidRequestEnvs pins which environments count: admitted by the
// scope, typed without error, and not False.
func TestValidRequestEnvs(t *testing.T) {
	view := RequestEnv{"User", syntax.NewEntityUID("Action", "view"), "Photo"}
	paint := RequestEnv{"User", syntax.NewEntityUID("Action", "paint"), "Color"}
	tests := []struct {
		policy string
		want   []RequestEnv
	}{
		{`permit(principal, action, resource);`, []RequestEnv{paint, view}},
		{`permit(principal, action == Action::"view", resource);`, []RequestEnv{view}},
		{`permit(principal, action, resource is Color);`, []RequestEnv{paint}},
		{`permit(principal, action, resource) when { resource is Photo };`, []RequestEnv{view}}, // False for Color
		{`permit(principal, action, resource) when { context.flag };`, []RequestEnv{view}},      // an error for paint
		{`permit(principal, action, resource) when { principal.age > 1 };`, nil},                // unsafe everywhere
		{`permit(principal, action, resource) when { false };`, nil},                            // impossible
		{`permit(principal, action == Action::"view", resource is Color);`, nil},                // inapplicable
		{`permit(principal == ?principal, action, resource);`, nil},                             // a template
	}
	for _, tt := range tests {
		p, err := parser.ParsePolicy("", []byte(tt.policy))
		if err != nil {
			t.Fatalf("%s: %v", tt.policy, err)
		}
		if got := ValidRequestEnvs(testSchema(), p); !slices.Equal(got, tt.want) {
			t.Errorf("%s: ValidRequestEnvs = %v, want %v", tt.policy, got, tt.want)
		}
	}
}
