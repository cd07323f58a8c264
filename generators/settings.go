package generators

import "fmt"

// Mode selects what kind of tests the generators produce.
type Mode uint8

const (
	// ModeTyped produces policies that are well typed against the schema,
	// entities that conform to it and requests that pass request
	// validation. It is the default.
	ModeTyped Mode = iota
	// ModeUntyped produces policies with random structure: wrong operand
	// types, attributes that do not exist, entities of any type. Most of
	// them fail validation and many requests see evaluation errors.
	ModeUntyped
	// ModeRBAC produces hierarchy-heavy tests: deep parent graphs, few
	// attributes, templates with links and scope constraints rather than
	// conditions.
	ModeRBAC
	// ModeExpr produces one expression per test, with a request whose
	// context it reads, for evaluator-level tests (Test.Expr).
	ModeExpr
	// ModeLimits produces typed tests (as ModeTyped) in which most
	// policies get one more condition at the nesting limits: nested
	// exactly syntax.MaxNesting levels deep (by the rule of
	// syntax.Nesting) or at most LimitsBelow less, or a flat chain of
	// LimitsMinChain to LimitsMaxChain operands of &&, || or + and -, or
	// an else-if chain of as many arms. Flat chains are one level
	// however long, so every such test is within the limit and the
	// parsers accept it; the official engine does not (its stack traps
	// at about 80-130 levels), see diff.TargetLimits.
	ModeLimits
)

var modeNames = [...]string{"typed", "untyped", "rbac", "expr", "limits"}

func (m Mode) String() string {
	if int(m) < len(modeNames) {
		return modeNames[m]
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// ParseMode returns the mode named s ("typed", "untyped", "rbac", "expr"
// or "limits").
func ParseMode(s string) (Mode, error) {
	for i, n := range modeNames {
		if n == s {
			return Mode(i), nil
		}
	}
	return 0, fmt.Errorf("unknown generator mode %q (want typed, untyped, rbac, expr or limits)", s)
}

// Settings controls the size and the feature mix of generated tests. The
// zero value of a numeric field means "use the default"; use
// DefaultSettings to start from the documented defaults and change what
// you need. Feature switches are plain booleans, so start from
// DefaultSettings to get them on.
type Settings struct {
	Mode Mode

	// MaxDepth bounds the nesting of compound expressions in a condition
	// (default 3). Values above 12 are clamped: generated trees stay far
	// below the depth limits of the parsers.
	MaxDepth int
	// MaxWidth bounds the number of elements of set literals, of
	// conditions per policy and of attributes per record type (default
	// 3; entity types may have one attribute more).
	MaxWidth int
	// PoliciesPerTest is the largest number of policies in a test
	// (default 5; each test has between 1 and this many).
	PoliciesPerTest int
	// RequestsPerTest is the number of requests of a test (default 8).
	RequestsPerTest int
	// EntitiesPerType is the largest number of entities of each entity
	// type (default 3).
	EntitiesPerType int
	// EntityTypes is the largest number of entity types in the schema
	// (default 5, at least 2), not counting the occasional twin: a type
	// with the same basename in a second namespace.
	EntityTypes int
	// Actions is the largest number of actions that apply to requests
	// (default 3).
	Actions int

	// Feature families. DefaultSettings turns all of them on.
	Like         bool // `like` patterns
	Extensions   bool // decimal, ipaddr, datetime and duration values
	Tags         bool // entity tags, hasTag and getTag
	Templates    bool // templates and template links
	ActionGroups bool // action groups and `action in` scopes
	Namespaces   bool // entity types and actions in namespaces
	EnumTypes    bool // enumerated entity types

	// FaultPercent is the percentage of tests that get a deliberate fault
	// (default 10): entities dropped from the store so that references
	// dangle, an operand of a mismatched type, an extension call with the
	// wrong number of arguments, or an invalid extension literal. Set it
	// negative to turn faults off.
	FaultPercent int
	// ConformanceFaultPercent is the percentage of tests in which one
	// request or one entity is made not to conform to the schema
	// (conformance.go): a context attribute of the wrong type, a principal
	// of a type the action does not apply to, a missing or an extra
	// attribute, a parent of an undeclared parent type, a tag of the wrong
	// type. Unlike FaultPercent, zero (the default) means none: only the
	// validation target of package diff asks for them, as the other
	// targets need conforming tests.
	ConformanceFaultPercent int
	// ValidatorShapes adds to each test policies whose conditions
	// decide the validator's least upper bounds and capabilities
	// (validationgen.go): records and entities joined in if-then-else and
	// set literals, has-guards on either side of && and ||. Many such
	// policies do not validate, so only the validation target asks for
	// them.
	ValidatorShapes bool
	// ParseChecks marks the tests of the parse target of package diff,
	// which derives re-spelled and mutated texts and data from them
	// (unary runs, the schema with common types, a repeated attribute,
	// an added parent). It changes nothing in generation; Test.ParseChecks
	// carries it for the rarity cases of those derived inputs.
	ParseChecks bool
}

// DefaultSettings returns the documented defaults: typed mode, depth 3,
// width 3, up to 5 policies and exactly 8 requests per test, up to 3
// entities per type, every feature family on and faults in 10% of tests.
func DefaultSettings() Settings {
	return Settings{
		Mode:            ModeTyped,
		MaxDepth:        3,
		MaxWidth:        3,
		PoliciesPerTest: 5,
		RequestsPerTest: 8,
		EntitiesPerType: 3,
		EntityTypes:     5,
		Actions:         3,
		Like:            true,
		Extensions:      true,
		Tags:            true,
		Templates:       true,
		ActionGroups:    true,
		Namespaces:      true,
		EnumTypes:       true,
		FaultPercent:    10,
	}
}

// normalized fills zero numeric fields with their defaults and clamps the
// rest to their ranges (ranges.go).
func (s Settings) normalized() Settings {
	d := DefaultSettings()
	fill := func(v *int, def int, r Range) {
		if *v == 0 {
			*v = def
		}
		*v = max(r.Min, min(*v, r.Max))
	}
	fill(&s.MaxDepth, d.MaxDepth, MaxDepthRange)
	fill(&s.MaxWidth, d.MaxWidth, MaxWidthRange)
	fill(&s.PoliciesPerTest, d.PoliciesPerTest, PoliciesPerTestRange)
	fill(&s.RequestsPerTest, d.RequestsPerTest, RequestsPerTestRange)
	fill(&s.EntitiesPerType, d.EntitiesPerType, EntitiesPerTypeRange)
	fill(&s.EntityTypes, d.EntityTypes, EntityTypesRange)
	fill(&s.Actions, d.Actions, ActionsRange)
	if s.FaultPercent == 0 {
		s.FaultPercent = d.FaultPercent
	}
	s.FaultPercent = min(s.FaultPercent, FaultPercentRange.Max)
	s.ConformanceFaultPercent = min(s.ConformanceFaultPercent, FaultPercentRange.Max)
	return s
}
