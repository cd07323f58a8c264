package generators

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"sync"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// RarityGoal is how many tests in RarityPer must contain each rarity case
// (issue 16: every boundary case at least 20 times per 10,000 tests of
// the default run).
const (
	RarityGoal = 20
	RarityPer  = 10000
)

// RarityCase is a boundary case of the semantics, or a structural shape,
// that the generators must reach often enough. Cases are registered from
// init() in per-area files (rarity_*.go) by registerRarity.
type RarityCase struct {
	// Name is short and stable: reports and tables key on it.
	Name string
	// Area groups the cases: "records-sets", "extensions", "arithmetic",
	// "like", "schema", "validator", "data", "parser", ...
	Area string
	// Description says in one line what a test must contain.
	Description string
	// Match reports whether test t contains the case. It must not modify
	// t, must be safe to call concurrently, and should be cheap: the run
	// calls every Match on (a sample of) its tests. A case that lives only
	// in an input derived from t (its printed text, its JSON) may derive
	// it.
	Match func(t *Test) bool

	// node, when set, is the case as a predicate over one evaluated node
	// (see evaluatedNodes): Rarity.Add then walks a test once for all
	// such cases. on is the only kind of node it can hold for, when it
	// holds for one kind only.
	node func(syntax.Expr) bool
	on   nodeKind
}

// nodeKind is a Go type of node that node cases may be restricted to:
// RarityHits tries such a case on the nodes of that type only.
type nodeKind uint8

const (
	anyNode nodeKind = iota
	callNode
	binaryNode
	likeNode
	nodeKinds
)

func kindOf(e syntax.Expr) nodeKind {
	switch e.(type) {
	case *syntax.Call:
		return callNode
	case *syntax.Binary:
		return binaryNode
	case *syntax.Like:
		return likeNode
	}
	return anyNode
}

var (
	rarityMu    sync.Mutex
	rarityCases []RarityCase
	raritySeen  = map[string]bool{}
)

// registerRarity adds c to the registry. It panics on an empty or
// duplicate name or a nil Match: the registry is built at init time, so
// such a mistake shows in every test run.
func registerRarity(c RarityCase) {
	rarityMu.Lock()
	defer rarityMu.Unlock()
	if c.Name == "" || c.Area == "" || c.Match == nil {
		panic(fmt.Sprintf("generators: rarity case %q: name, area and Match are required", c.Name))
	}
	if raritySeen[c.Name] {
		panic(fmt.Sprintf("generators: rarity case %q registered twice", c.Name))
	}
	raritySeen[c.Name] = true
	rarityCases = append(rarityCases, c)
	slices.SortStableFunc(rarityCases, func(a, b RarityCase) int {
		return cmp.Or(cmp.Compare(a.Area, b.Area), cmp.Compare(a.Name, b.Name))
	})
}

// registeredCases returns the registry itself, for reading: it is only
// changed by init functions.
func registeredCases() []RarityCase {
	rarityMu.Lock()
	defer rarityMu.Unlock()
	return rarityCases
}

// RarityCases returns the registered cases, sorted by area and name.
func RarityCases() []RarityCase {
	rarityMu.Lock()
	defer rarityMu.Unlock()
	return slices.Clone(rarityCases)
}

// Rarity tallies, over a batch of tests, how many contain each rarity
// case. The zero value is not ready; use NewRarity. A Rarity is not safe
// for concurrent use: give each worker its own and Merge them.
type Rarity struct {
	// Tests counts the tests tallied.
	Tests int `json:"tests"`
	// Counts holds, by case name, the tests that contain the case; every
	// registered case has an entry, zero included.
	Counts map[string]int `json:"counts"`
	// Authorization counts, by case name, the tests added by
	// AddAuthorization (those whose answers every implementation
	// evaluates) that contain the case.
	Authorization map[string]int `json:"authorization"`
}

// NewRarity returns an empty tally with an entry for every registered
// case.
func NewRarity() *Rarity {
	r := &Rarity{Counts: map[string]int{}, Authorization: map[string]int{}}
	for _, c := range RarityCases() {
		r.Counts[c.Name] = 0
		r.Authorization[c.Name] = 0
	}
	return r
}

// Add tallies the cases of one test.
func (r *Rarity) Add(t *Test) { r.AddTest(t, false) }

// AddTest tallies the cases of one test, and when authorization is true
// also counts them in Authorization: the test is one whose requests are
// authorized (and its expression evaluated) by every implementation.
func (r *Rarity) AddTest(t *Test, authorization bool) {
	r.AddHits(RarityHits(t), authorization)
}

// RarityHits returns the names of the cases test t contains, in registry
// order. It only reads t, so workers may call it concurrently and hand
// the result to AddHits under a lock.
func RarityHits(t *Test) []string {
	var hits []string
	// nodes[anyNode] holds every evaluated node, nodes[k] those of kind k.
	var nodes [nodeKinds][]syntax.Expr
	walked := false
	for _, c := range registeredCases() {
		var ok bool
		if c.node != nil {
			if !walked {
				nodes[anyNode], walked = evaluatedNodes(t), true
				for _, n := range nodes[anyNode] {
					if k := kindOf(n); k != anyNode {
						nodes[k] = append(nodes[k], n)
					}
				}
			}
			ok = slices.ContainsFunc(nodes[c.on], c.node)
		} else {
			ok = c.Match(t)
		}
		if ok {
			hits = append(hits, c.Name)
		}
	}
	return hits
}

// AddHits tallies one test whose cases are hits (from RarityHits); see
// AddTest for authorization.
func (r *Rarity) AddHits(hits []string, authorization bool) {
	r.Tests++
	for _, name := range hits {
		r.Counts[name]++
		if authorization {
			r.Authorization[name]++
		}
	}
}

// registerNodeRarity registers a case that holds when some evaluated node
// of the test (evaluatedNodes) satisfies pred.
// It may hold only for nodes of kind on (anyNode: of any kind).
func registerNodeRarity(area, name, description string, on nodeKind, pred func(syntax.Expr) bool) {
	registerRarity(RarityCase{
		Name: name, Area: area, Description: description, node: pred, on: on,
		Match: func(t *Test) bool { return slices.ContainsFunc(evaluatedNodes(t), pred) },
	})
}

// evaluatedNodes lists the nodes of t that are evaluated whenever their
// policy's scope matches a request: those of each policy's first
// condition (the later ones run only when it holds) outside the branches
// that && , || and if may skip, and every node of the entity data and
// request contexts (which are evaluated when they are read in). A case
// found only in a skipped branch does not count: it would not be tested.
func evaluatedNodes(t *Test) []syntax.Expr {
	var out []syntax.Expr
	var walk func(e syntax.Expr)
	walk = func(e syntax.Expr) {
		for e != nil {
			out = append(out, e)
			switch x := e.(type) {
			case *syntax.Binary:
				if x.Op == syntax.OpAnd || x.Op == syntax.OpOr {
					e = x.Left
					continue
				}
			case *syntax.If:
				e = x.Cond
				continue
			}
			var buf [3]syntax.Expr // enough for all but sets, records and calls
			cs := syntax.AppendChildren(buf[:0], e)
			if len(cs) == 0 {
				return
			}
			for _, c := range cs[:len(cs)-1] {
				walk(c)
			}
			e = cs[len(cs)-1]
		}
	}
	if t.Policies != nil {
		for _, p := range t.Policies.Policies {
			if len(p.Conditions) > 0 {
				walk(p.Conditions[0].Body)
			}
		}
	}
	for _, e := range t.Entities {
		for _, f := range e.Attrs {
			walk(f.Value)
		}
		for _, f := range e.Tags {
			walk(f.Value)
		}
	}
	for _, r := range t.Requests {
		if r.Context != nil {
			walk(r.Context)
		}
	}
	return out
}

// Merge adds the counts of o to r.
func (r *Rarity) Merge(o *Rarity) {
	if o == nil {
		return
	}
	r.Tests += o.Tests
	for k, v := range o.Counts {
		r.Counts[k] += v
	}
	for k, v := range o.Authorization {
		r.Authorization[k] += v
	}
}

// Rate returns how many tests in RarityPer contain case name.
func (r *Rarity) Rate(name string) float64 { return r.per(r.Counts[name]) }

func (r *Rarity) per(n int) float64 {
	if r.Tests == 0 {
		return 0
	}
	return float64(n) * RarityPer / float64(r.Tests)
}

// RarityRow is one line of the rarity table.
type RarityRow struct {
	Case RarityCase
	// Count is the tests that contain the case, Rate the same per
	// RarityPer tests; Met reports Rate >= RarityGoal. AuthorizationRate
	// counts only the tests added as authorization tests, still per
	// RarityPer of all tests.
	Count             int
	Rate              float64
	Met               bool
	AuthorizationRate float64
}

// Rows returns the table: a row per registered case, in registry order.
func (r *Rarity) Rows() []RarityRow {
	cases := RarityCases()
	rows := make([]RarityRow, len(cases))
	for i, c := range cases {
		rate := r.Rate(c.Name)
		rows[i] = RarityRow{Case: c, Count: r.Counts[c.Name], Rate: rate, Met: rate >= RarityGoal, AuthorizationRate: r.per(r.Authorization[c.Name])}
	}
	return rows
}

// Missed returns the names of the cases below RarityGoal.
func (r *Rarity) Missed() []string {
	var out []string
	for _, row := range r.Rows() {
		if !row.Met {
			out = append(out, row.Case.Name)
		}
	}
	return out
}

// Write prints the table: per case its area, count, rate per RarityPer
// tests and whether it meets RarityGoal, then how many cases miss it.
func (r *Rarity) Write(w io.Writer) {
	fmt.Fprintf(w, "rarity over %d tests (goal: %d per %d)\n", r.Tests, RarityGoal, RarityPer)
	fmt.Fprintf(w, "%-14s %-28s %7s %8s %4s %8s  %s\n", "area", "case", "tests", "per 10k", "ok", "in auth", "description")
	rows := r.Rows()
	for _, row := range rows {
		ok := "yes"
		if !row.Met {
			ok = "NO"
		}
		fmt.Fprintf(w, "%-14s %-28s %7d %8.1f %4s %8.1f  %s\n", row.Case.Area, row.Case.Name, row.Count, row.Rate, ok, row.AuthorizationRate, row.Case.Description)
	}
	fmt.Fprintf(w, "(in auth: per 10k of all tests, counting only the tests of the targets that authorize: abac, abac-untyped, rbac, expr, limits)\n")
	fmt.Fprintf(w, "rarity: %d of %d cases below %d per %d\n", len(r.Missed()), len(rows), RarityGoal, RarityPer)
}

// anyExpr reports whether f holds for some node of a condition of t's
// policies (t.Expr is the condition of an expr test's one policy), of
// an entity's attribute or tag values, or of a request context. It stops
// at the first node that matches.
func anyExpr(t *Test, f func(syntax.Expr) bool) bool {
	return anyPolicyExpr(t, f) || anyDataExpr(t, f)
}

// anyPolicyExpr is anyExpr over policy conditions only.
func anyPolicyExpr(t *Test, f func(syntax.Expr) bool) bool {
	if t.Policies == nil {
		return false
	}
	for _, p := range t.Policies.Policies {
		for _, c := range p.Conditions {
			if syntax.Any(c.Body, f) {
				return true
			}
		}
	}
	return false
}

// anyDataExpr is anyExpr over entity data and request contexts only.
func anyDataExpr(t *Test, f func(syntax.Expr) bool) bool {
	for _, e := range t.Entities {
		for _, fl := range e.Attrs {
			if syntax.Any(fl.Value, f) {
				return true
			}
		}
		for _, fl := range e.Tags {
			if syntax.Any(fl.Value, f) {
				return true
			}
		}
	}
	for _, r := range t.Requests {
		if r.Context != nil && syntax.Any(r.Context, f) {
			return true
		}
	}
	return false
}
