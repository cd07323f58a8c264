package engine

import (
	"fmt"
	"math/rand"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// BenchmarkInHierarchy times `a in b` where a has many ancestors: the
// deepest entity of a 1,000-deep chain against the root, the middle and
// a non-ancestor; and random pairs of a 1,000-entity DAG with 5 parents
// each.
func BenchmarkInHierarchy(b *testing.B) {
	const n = 1000
	chain := make([]*syntax.EntityData, n)
	for i := range chain {
		chain[i] = &syntax.EntityData{UID: uidOf("C", fmt.Sprint(i))}
		if i > 0 {
			chain[i].Parents = []syntax.EntityUID{uidOf("C", fmt.Sprint(i-1))}
		}
	}
	es, err := NewEntityStore(chain, nil)
	if err != nil {
		b.Fatal(err)
	}
	en := &env{store: es}
	deepest := internUID(uidOf("C", fmt.Sprint(n-1)))
	for _, c := range []struct {
		name   string
		target syntax.EntityUID
	}{
		{"chain/root", uidOf("C", "0")},
		{"chain/middle", uidOf("C", fmt.Sprint(n/2))},
		{"chain/absent", uidOf("C", "none")},
	} {
		target := internUID(c.target)
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				en.inEntity(deepest, target)
			}
		})
	}
	rng := rand.New(rand.NewSource(5))
	dag := make([]*syntax.EntityData, n)
	for i := range dag {
		dag[i] = &syntax.EntityData{UID: uidOf("W", fmt.Sprint(i))}
		for k := 0; k < 5 && i > 0; k++ {
			dag[i].Parents = append(dag[i].Parents, uidOf("W", fmt.Sprint(rng.Intn(i))))
		}
	}
	if es, err = NewEntityStore(dag, nil); err != nil {
		b.Fatal(err)
	}
	en = &env{store: es}
	pairs := make([][2]uid, 1024)
	for i := range pairs {
		pairs[i] = [2]uid{internUID(uidOf("W", fmt.Sprint(n/2+rng.Intn(n/2)))), internUID(uidOf("W", fmt.Sprint(rng.Intn(n))))}
	}
	b.Run("dag/random", func(b *testing.B) {
		for i := 0; b.Loop(); i++ {
			p := pairs[i%len(pairs)]
			en.inEntity(p[0], p[1])
		}
	})
}
