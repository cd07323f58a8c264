package diff

import (
	"fmt"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// Target is what a differential run checks on each generated test: which
// generator mode produces the test and which comparison is made of it.
type Target string

const (
	// TargetABAC compares authorization answers on well-typed tests
	// (generator mode typed) and checks the properties. The default.
	TargetABAC Target = "abac"
	// TargetABACUntyped compares authorization answers on tests with
	// random, mostly ill-typed structure (generator mode untyped).
	TargetABACUntyped Target = "abac-untyped"
	// TargetRBAC compares authorization answers on hierarchy-heavy tests
	// with templates (generator mode rbac).
	TargetRBAC Target = "rbac"
	// TargetExpr compares authorization answers on tests made of one
	// expression (generator mode expr), the evaluator's view.
	TargetExpr Target = "expr"
	// TargetValidation compares whether each policy set validates: the
	// model's validator against every other implementation's. Tests come
	// from the typed, untyped and rbac modes in turn.
	TargetValidation Target = "validation"
	// TargetRoundtrip checks that policies survive Cedar text and policy
	// JSON, entities survive entity JSON, and the schema survives both
	// schema formats. Tests come from the typed, untyped and rbac modes in
	// turn.
	TargetRoundtrip Target = "roundtrip"
	// TargetLimits compares authorization answers on typed tests with
	// conditions at the nesting limits (generator mode limits): nested
	// exactly syntax.MaxNesting deep or just below, flat &&, || and +/-
	// chains of thousands of operands, and else-if chains as long. The
	// official engine (cedar-wasm) skips these tests: its wasm stack traps
	// at about 80-130 levels and the module must then be reloaded, so it
	// could only be inconclusive; the model, the engine and cedar-go take
	// part.
	TargetLimits Target = "limits"
	// TargetAll cycles through the other targets by test index, in the
	// proportions of targetWeights, so that a test is still determined by
	// (seed, index).
	TargetAll Target = "all"
)

// allTargets are the concrete targets; TargetAll cycles through them
// (see allCycle).
var allTargets = []Target{TargetABAC, TargetABACUntyped, TargetRBAC, TargetValidation, TargetRoundtrip, TargetExpr, TargetParse, TargetLimits, TargetPartial}

// Targets lists every target name, TargetAll last.
func Targets() []Target { return append(append([]Target(nil), allTargets...), TargetAll) }

// ParseTarget returns the target named s.
func ParseTarget(s string) (Target, error) {
	for _, t := range Targets() {
		if string(t) == s {
			return t, nil
		}
	}
	names := make([]string, 0, len(allTargets)+1)
	for _, t := range Targets() {
		names = append(names, string(t))
	}
	return "", fmt.Errorf("unknown target %q (want one of %s)", s, strings.Join(names, ", "))
}

// At returns the concrete target that test number index of a run of t
// checks: t itself, or for TargetAll the target of index in the cycle.
func (t Target) At(index uint64) Target {
	if t == TargetAll {
		return allCycle[index%uint64(len(allCycle))]
	}
	return t
}

// authorizes reports whether the (concrete) target compares
// authorization answers and checks the properties.
func (t Target) authorizes() bool {
	switch t {
	case TargetABAC, TargetABACUntyped, TargetRBAC, TargetExpr, TargetLimits:
		return true
	}
	return false
}

// skips returns why the (concrete) target does not send its tests to the
// implementation named impl, or "" when it does.
func (t Target) skips(impl string) string {
	if t == TargetLimits && impl == "cedar-wasm" {
		return "nesting limits (the official engine's wasm stack traps at about 80-130 levels)"
	}
	return ""
}

// mixedModes are the generator modes the validation, roundtrip and parse targets
// take in turn.
var mixedModes = []generators.Mode{generators.ModeTyped, generators.ModeUntyped, generators.ModeRBAC}

// Mode returns the generator mode of test number index of t. It depends
// only on the concrete target t.At(index) and on index, so a finding of
// an "all" run is reproduced by its concrete target.
func (t Target) Mode(index uint64) generators.Mode {
	switch t.At(index) {
	case TargetABACUntyped:
		return generators.ModeUntyped
	case TargetRBAC:
		return generators.ModeRBAC
	case TargetExpr:
		return generators.ModeExpr
	case TargetLimits:
		return generators.ModeLimits
	case TargetValidation, TargetRoundtrip, TargetParse:
		// From a hash of the index alone (for every run target
		// alike, so that a test depends only on its concrete target
		// and index): under TargetAll the indexes that land on this
		// target follow the weighted cycle, and any arithmetic rule
		// would depend on its length.
		return mixedModes[mix64(index)%uint64(len(mixedModes))]
	case TargetPartial:
		return partialModes[mix64(index)%uint64(len(partialModes))]
	}
	return generators.ModeTyped
}
