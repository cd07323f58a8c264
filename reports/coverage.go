package reports

import (
	"cmp"
	"slices"
	"strings"
)

// Coverage says which language constructs the generated tests contained
// and, when measured, which of them were evaluated without error.
type Coverage struct {
	Tests     int `json:"tests"`
	Policies  int `json:"policies"`
	Templates int `json:"templates"`
	Links     int `json:"links"`
	Requests  int `json:"requests"`
	Entities  int `json:"entities"`
	// MaxExprDepth is the height of the deepest condition generated.
	MaxExprDepth int `json:"max_expr_depth"`
	// Faults counts the tests with each kind of deliberate fault.
	Faults map[string]int `json:"faults,omitempty"`
	// EvaluationMeasured reports that Evaluated and EvalErrors of the
	// rows were measured, on EvaluationTests of the run's tests (see
	// MeasureEvaluation); without it only what was generated is known.
	EvaluationMeasured bool `json:"evaluation_measured,omitempty"`
	EvaluationTests    int  `json:"evaluation_tests,omitempty"`
	// Constructs has a row per construct, sorted by category then name.
	Constructs []ConstructCoverage `json:"constructs"`
}

// ConstructCoverage is the coverage of one construct.
type ConstructCoverage struct {
	// Name is the construct's name as generators.ConstructName and
	// generators.PolicyConstructs give it ("==", "isInRange",
	// "scope principal in", ...).
	Name     string   `json:"name"`
	Category Category `json:"category"`
	// Required reports that the generators must produce the construct
	// (generators.RequiredConstructs).
	Required bool `json:"required,omitempty"`
	// Occurrences counts its occurrences; Policies the policies with at
	// least one.
	Occurrences int `json:"occurrences"`
	Policies    int `json:"policies"`
	// Evaluated and EvalErrors count the evaluations that succeeded and
	// failed, when Coverage.EvaluationMeasured.
	Evaluated  int `json:"evaluated,omitempty"`
	EvalErrors int `json:"eval_errors,omitempty"`
}

// Category groups constructs in the coverage section.
type Category string

// The categories of constructs, in the order the report shows them.
const (
	CategoryOperator  Category = "operator"
	CategoryMethod    Category = "method"
	CategoryExtension Category = "extension"
	CategoryScope     Category = "scope"
	CategoryOther     Category = "other" // literals, variables, when/unless, ...
)

// Categories lists the categories in report order.
var Categories = []Category{CategoryOperator, CategoryMethod, CategoryExtension, CategoryScope, CategoryOther}

// constructCategory maps the non-scope constructs that have a category
// other than CategoryOther. The names are those of
// generators.ConstructName.
var constructCategory = func() map[string]Category {
	m := map[string]Category{}
	for _, s := range []string{"==", "!=", "<", "<=", ">", ">=", "in", "&&", "||", "+", "-", "*", "!", "neg",
		"if", ".", "has", "like", "is", "is-in", "has-path", "set", "record"} {
		m[s] = CategoryOperator
	}
	for _, s := range []string{"contains", "containsAll", "containsAny", "isEmpty", "getTag", "hasTag"} {
		m[s] = CategoryMethod
	}
	for _, s := range []string{"decimal", "ip", "datetime", "duration",
		"lessThan", "lessThanOrEqual", "greaterThan", "greaterThanOrEqual",
		"isIpv4", "isIpv6", "isLoopback", "isMulticast", "isInRange",
		"offset", "durationSince", "toDate", "toTime",
		"toMilliseconds", "toSeconds", "toMinutes", "toHours", "toDays"} {
		m[s] = CategoryExtension
	}
	return m
}()

// CategoryOf returns the category of the construct named name.
func CategoryOf(name string) Category {
	if strings.HasPrefix(name, "scope ") {
		return CategoryScope
	}
	if c, ok := constructCategory[name]; ok {
		return c
	}
	return CategoryOther
}

// Unexercised reports whether the construct is one the report should
// highlight: never generated, or, when evaluation was measured, an
// operator, method, extension function or scope form never evaluated
// without error. (Other constructs, such as when and annotation, are not
// evaluated on their own.)
func (c *Coverage) Unexercised(row ConstructCoverage) bool {
	if row.Occurrences == 0 {
		return true
	}
	return c.EvaluationMeasured && row.Category != CategoryOther && row.Evaluated == 0
}

// SetEvaluation records measured evaluation counts (successes and errors
// by construct name, as generators/coverage.Coverage keeps them), adding
// rows for constructs that have counts but no row yet.
func (c *Coverage) SetEvaluation(evaluated, evalErrors map[string]int) {
	c.EvaluationMeasured = true
	covered := map[string]bool{}
	for _, row := range c.Constructs {
		covered[evaluationKey(row.Name)] = true
	}
	for _, m := range []map[string]int{evaluated, evalErrors} {
		for name := range m {
			if !covered[name] {
				covered[name] = true
				c.Constructs = append(c.Constructs, ConstructCoverage{Name: name, Category: CategoryOf(name)})
			}
		}
	}
	for i := range c.Constructs {
		key := evaluationKey(c.Constructs[i].Name)
		c.Constructs[i].Evaluated = evaluated[key]
		c.Constructs[i].EvalErrors = evalErrors[key]
	}
	c.sortConstructs()
}

// evaluationKey is the name evaluation counts use for a construct: the
// measurement names a scope form without its slot ("scope principal in"
// counts "scope principal in ?principal" too), so a slot form shares the
// counts of its plain form.
func evaluationKey(name string) string {
	if CategoryOf(name) == CategoryScope {
		if i := strings.Index(name, " ?"); i >= 0 {
			return name[:i]
		}
	}
	return name
}

// sortConstructs orders rows by category (in Categories order), then by
// name.
func (c *Coverage) sortConstructs() {
	rank := func(cat Category) int {
		if i := slices.Index(Categories, cat); i >= 0 {
			return i
		}
		return len(Categories)
	}
	slices.SortFunc(c.Constructs, func(a, b ConstructCoverage) int {
		return cmp.Or(cmp.Compare(rank(a.Category), rank(b.Category)), cmp.Compare(a.Name, b.Name))
	})
}

// InCategory returns the rows of category cat, in order.
func (c *Coverage) InCategory(cat Category) []ConstructCoverage {
	var rows []ConstructCoverage
	for _, row := range c.Constructs {
		if row.Category == cat {
			rows = append(rows, row)
		}
	}
	return rows
}

// PolicyShare returns the fraction of policies containing the construct.
func (c *Coverage) PolicyShare(row ConstructCoverage) float64 {
	if c.Policies == 0 {
		return 0
	}
	return float64(row.Policies) / float64(c.Policies)
}
