package reports

import (
	"bytes"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

func TestRarityInReports(t *testing.T) {
	cases := generators.RarityCases()
	rar := generators.NewRarity()
	// 1,000 tests: the first case reaches 3 (30 per 10k, met), every
	// other none.
	for i := range 1000 {
		var hits []string
		if i < 3 {
			hits = []string{cases[0].Name}
		}
		rar.AddHits(hits, false)
	}
	s := &diff.Summary{Rarity: rar, RaritySampleEvery: 4, Decisions: map[string]int{"allow": 1, "deny": 3}}
	r := FromSummary(s)
	if r.Rarity == nil || r.Rarity.Tests != 1000 || len(r.Rarity.Cases) != len(cases) {
		t.Fatalf("rarity = %+v", r.Rarity)
	}
	if got, want := r.Rarity.Below(), len(cases)-1; got != want {
		t.Errorf("below = %d, want %d", got, want)
	}
	var md bytes.Buffer
	WriteMarkdown(&md, r)
	for _, want := range []string{"## Rarity", "a sample of 1000 tests", cases[0].Name, "Allow share: 25.0%"} {
		if !strings.Contains(md.String(), want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(html.String(), `id="rarity"`) || !strings.Contains(html.String(), cases[1].Name) {
		t.Errorf("HTML lacks the rarity table")
	}
	m := mergeRarity([]*Rarity{r.Rarity, r.Rarity})
	if m.Tests != 2000 || m.Cases[0].Count != 6 || m.Below() != len(cases)-1 {
		t.Errorf("merged rarity = %+v", m)
	}
}
