package model

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// chainJSON is an entities file of a parent chain depth entities deep:
// Group::"g0" is the root and Group::"g<i>" is the child of g<i-1>.
func chainJSON(depth int) []byte {
	var b strings.Builder
	b.WriteString("[\n")
	for i := 0; i < depth; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		parents := ""
		if i > 0 {
			parents = fmt.Sprintf(`{"type":"Group","id":"g%d"}`, i-1)
		}
		fmt.Fprintf(&b, `{"uid":{"type":"Group","id":"g%d"},"attrs":{},"parents":[%s]}`, i, parents)
	}
	b.WriteString("\n]\n")
	return []byte(b.String())
}

// chainCost parses a chain depth entities deep, builds the store and
// authorizes `principal in Group::"g0"` for the deepest entity, and
// returns the bytes allocated, the heap in use with the store alive, and
// the time taken.
func chainCost(t *testing.T, depth int) (alloc, inuse uint64, took time.Duration) {
	t.Helper()
	src := chainJSON(depth)
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal in Group::"g0", action, resource);`))
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	data, err := cedarjson.ParseEntities("chain.json", src, nil)
	if err != nil {
		t.Fatal(err)
	}
	es, err := NewEntities(data)
	if err != nil {
		t.Fatal(err)
	}
	req := &syntax.Request{Principal: uid("Group", fmt.Sprint("g", depth-1)), Action: uid("Action", "a"),
		Resource: uid("R", "r"), Context: &syntax.RecordExpr{}}
	resp, err := Authorize(ps, es, req)
	took = time.Since(start)
	if err != nil {
		t.Fatal(err)
	}
	if resp.Decision != Allow {
		t.Fatalf("deepest entity of the chain is not in the root: %+v", resp)
	}
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(es)
	return after.TotalAlloc - before.TotalAlloc, after.HeapInuse, took
}

// TestDeepChainMemory pins issue 10: a chain 10,000 deep (about 1 MB of
// JSON) used to run the model out of memory, one ancestor set per entity.
func TestDeepChainMemory(t *testing.T) {
	// Parsing alone allocates about 20 MB per 10,000 entities.
	cases := []struct {
		depth int
		limit uint64
		long  bool
	}{
		{10_000, 200 << 20, false},
		{100_000, 600 << 20, true},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint(c.depth), func(t *testing.T) {
			if c.long && testing.Short() {
				t.Skip("long")
			}
			alloc, inuse, took := chainCost(t, c.depth)
			t.Logf("depth %d: allocated %d MB, heap in use %d MB, %v", c.depth, alloc>>20, inuse>>20, took)
			if alloc > c.limit {
				t.Errorf("depth %d allocated %d MB, want under %d MB", c.depth, alloc>>20, c.limit>>20)
			}
		})
	}
}

// randomGraph is a random parent relation over n present entities
// T::"0".."n-1", with parents drawn also from a few absent uids. With
// acyclic set, an entity's parents come before it, so the relation is a
// DAG; otherwise any entity may be a parent and cycles are likely.
func randomGraph(rng *rand.Rand, n int, acyclic bool) (data []*syntax.EntityData, all []syntax.EntityUID) {
	for i := 0; i < n; i++ {
		all = append(all, uid("T", fmt.Sprint(i)))
	}
	absent := []syntax.EntityUID{uid("T", "gone0"), uid("T", "gone1"), uid("Other", "0")}
	for i := 0; i < n; i++ {
		var ps []syntax.EntityUID
		for k := rng.Intn(4); k > 0; k-- {
			switch {
			case rng.Intn(8) == 0:
				ps = append(ps, absent[rng.Intn(len(absent))])
			case acyclic && i > 0:
				ps = append(ps, all[rng.Intn(i)])
			case !acyclic:
				ps = append(ps, all[rng.Intn(n)])
			}
		}
		data = append(data, &syntax.EntityData{UID: all[i], Parents: ps})
	}
	rng.Shuffle(len(data), func(i, j int) { data[i], data[j] = data[j], data[i] })
	return data, append(all, absent...)
}

// naiveAncestors is the closure of the parent relation by fixpoint:
// ancestors(e) = parents(e) ∪ ancestors(p) for each parent p present.
func naiveAncestors(data []*syntax.EntityData) map[syntax.EntityUID]map[syntax.EntityUID]bool {
	anc := map[syntax.EntityUID]map[syntax.EntityUID]bool{}
	for _, d := range data {
		anc[d.UID] = map[syntax.EntityUID]bool{}
	}
	for changed := true; changed; {
		changed = false
		for _, d := range data {
			for _, p := range d.Parents {
				add := []syntax.EntityUID{p}
				for a := range anc[p] {
					add = append(add, a)
				}
				for _, a := range add {
					if !anc[d.UID][a] {
						anc[d.UID][a] = true
						changed = true
					}
				}
			}
		}
	}
	return anc
}

// TestInAgreesWithNaiveClosure checks `in` on random DAGs, and cycle
// detection on random graphs, against the closure computed by fixpoint.
func TestInAgreesWithNaiveClosure(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 300; trial++ {
		acyclic := trial%3 != 0
		data, all := randomGraph(rng, 1+rng.Intn(40), acyclic)
		anc := naiveAncestors(data)
		cyclic := false
		for u, a := range anc {
			cyclic = cyclic || a[u]
		}
		es, err := NewEntities(data)
		if (err != nil) != cyclic {
			t.Fatalf("trial %d: NewEntities error = %v, want a cycle error: %v", trial, err, cyclic)
		}
		if cyclic {
			continue
		}
		env := &Env{Entities: es}
		for _, x := range all {
			for _, y := range all {
				if got, want := env.descendantOrSelf(x, y), x == y || anc[x][y]; got != want {
					t.Fatalf("trial %d: %v in %v = %v, want %v", trial, x, y, got, want)
				}
			}
		}
	}
}
