package reports

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// Rarity is the rarity table of a run (issue 16): for each boundary case
// or structural shape of generators.RarityCases, how many of the tests
// tallied contained it, against the goal of Goal per Per tests.
type Rarity struct {
	// Tests is the number of tests tallied: all of the run's, or the
	// sample of about one in SampleEvery (by a hash of the index) when
	// SampleEvery is more than 1.
	Tests       int    `json:"tests"`
	SampleEvery uint64 `json:"sample_every,omitempty"`
	Goal        int    `json:"goal"`
	Per         int    `json:"per"`
	// Cases are in the registry's order (area, then name).
	Cases []RarityCase `json:"cases"`
}

// RarityCase is one row of the table. Authorization counts only the
// tests of the targets that authorize (abac, abac-untyped, rbac, expr,
// limits).
type RarityCase struct {
	Name          string `json:"name"`
	Area          string `json:"area"`
	Description   string `json:"description"`
	Count         int    `json:"count"`
	Authorization int    `json:"authorization"`
}

// RarityFromSummary converts the runner's tally; nil when the run kept
// none.
func RarityFromSummary(s *diff.Summary) *Rarity {
	if s.Rarity == nil {
		return nil
	}
	r := &Rarity{Tests: s.Rarity.Tests, SampleEvery: s.RaritySampleEvery, Goal: generators.RarityGoal, Per: generators.RarityPer, Cases: []RarityCase{}}
	for _, c := range generators.RarityCases() {
		r.Cases = append(r.Cases, RarityCase{Name: c.Name, Area: c.Area, Description: c.Description,
			Count: s.Rarity.Counts[c.Name], Authorization: s.Rarity.Authorization[c.Name]})
	}
	return r
}

// Rate is how many tests in r.Per contain c.
func (r *Rarity) Rate(c RarityCase) float64 {
	if r.Tests == 0 {
		return 0
	}
	return float64(c.Count) * float64(r.Per) / float64(r.Tests)
}

// Met reports whether c reaches the goal.
func (r *Rarity) Met(c RarityCase) bool { return r.Rate(c) >= float64(r.Goal) }

// Below counts the cases under the goal.
func (r *Rarity) Below() int {
	n := 0
	for _, c := range r.Cases {
		if !r.Met(c) {
			n++
		}
	}
	return n
}

// Line says in one sentence what the table covers and how it fares.
func (r *Rarity) Line() string {
	over := fmt.Sprintf("all %d tests", r.Tests)
	if r.SampleEvery > 1 {
		over = fmt.Sprintf("a sample of %d tests (about one in %d, by a hash of the index)", r.Tests, r.SampleEvery)
	}
	return fmt.Sprintf("Rarity over %s: %d of %d cases below the goal of %d per %d tests.", over, r.Below(), len(r.Cases), r.Goal, r.Per)
}

// mergeRarity sums the tables of several reports; cases are matched by
// name, in the order they first appear.
func mergeRarity(rs []*Rarity) *Rarity {
	m := &Rarity{Goal: generators.RarityGoal, Per: generators.RarityPer, Cases: []RarityCase{}}
	at := map[string]int{}
	for _, r := range rs {
		m.Tests += r.Tests
		m.SampleEvery = max(m.SampleEvery, r.SampleEvery)
		for _, c := range r.Cases {
			i, ok := at[c.Name]
			if !ok {
				i = len(m.Cases)
				at[c.Name] = i
				m.Cases = append(m.Cases, RarityCase{Name: c.Name, Area: c.Area, Description: c.Description})
			}
			m.Cases[i].Count += c.Count
			m.Cases[i].Authorization += c.Authorization
		}
	}
	return m
}

// allowShareLine says what share of the reference's decisions allowed
// (goal 25% to 75%).
func allowShareLine(decisions map[string]int) string {
	total := 0
	for _, n := range decisions {
		total += n
	}
	if total == 0 {
		return "Allow share: no decisions."
	}
	return fmt.Sprintf("Allow share: %.1f%% of %d decisions of the reference (goal 25%% to 75%%).", 100*float64(decisions["allow"])/float64(total), total)
}

// rarityRows are the table's cells: area, case, tests, per Per, ok,
// authorization tests, description.
func (r *Rarity) rows() [][]string {
	var rows [][]string
	for _, c := range r.Cases {
		ok := "yes"
		if !r.Met(c) {
			ok = "NO"
		}
		rows = append(rows, []string{c.Area, c.Name, fmt.Sprint(c.Count), fmt.Sprintf("%.1f", r.Rate(c)), ok, fmt.Sprint(c.Authorization), c.Description})
	}
	return rows
}

var rarityHeader = []string{"area", "case", "tests", "per 10k", "ok", "in auth tests", "description"}
