package generators

import "fmt"

// A Range is the inclusive range of values a numeric setting accepts.
// Settings.normalized clamps a field to its range; the command line
// rejects a value outside it, naming the flag and the range.
type Range struct{ Min, Max int }

// Contains reports whether v is in r.
func (r Range) Contains(v int) bool { return r.Min <= v && v <= r.Max }

// String is "Min to Max", as the command line's help and errors show it.
func (r Range) String() string { return fmt.Sprintf("%d to %d", r.Min, r.Max) }

// The ranges of the numeric Settings fields (0 in a field means its
// default, which is in range). The bounds keep generated tests far below
// the parsers' depth limits and small enough to check by the thousand.
var (
	MaxDepthRange        = Range{1, 12}
	MaxWidthRange        = Range{1, 16}
	PoliciesPerTestRange = Range{1, 100}
	RequestsPerTestRange = Range{1, 1000}
	EntitiesPerTypeRange = Range{1, 50}
	EntityTypesRange     = Range{2, 30}
	ActionsRange         = Range{1, 20}
	// FaultPercentRange is the range of a positive FaultPercent; a
	// negative one turns faults off.
	FaultPercentRange = Range{0, 100}
)
