package diff

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// FuzzPartial checks partial authorization on typed tests made from the
// fuzzer's bytes: the classifications of every implementation with
// partial authorization, and the substitution property of each one's
// residuals (TargetPartial).
func FuzzPartial(f *testing.F) { fuzzTarget(f, TargetPartial, generators.ModeTyped) }
