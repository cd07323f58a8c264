package engine

import (
	"fmt"
	"math/rand"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
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
	ps, err := ParsePolicies("p.cedar", []byte(`permit(principal in Group::"g0", action, resource);`))
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
	es, err := NewEntityStore(data, nil)
	if err != nil {
		t.Fatal(err)
	}
	deepest := uidOf("Group", fmt.Sprint("g", depth-1))
	req, err := NewRequest(syntax.Request{Principal: deepest, Action: uidOf("Action", "a"), Resource: uidOf("R", "r")})
	if err != nil {
		t.Fatal(err)
	}
	resp := ps.Authorize(es, req)
	took = time.Since(start)
	if resp.Decision != Allow {
		t.Fatalf("deepest entity of the chain is not in the root: %+v", resp)
	}
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(es)
	return after.TotalAlloc - before.TotalAlloc, after.HeapInuse, took
}

// TestDeepChainMemory pins issue 10: a chain 10,000 deep (about 1 MB of
// JSON) used to take about 2 GB, one ancestor set per entity.
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
func randomGraph(rng *rand.Rand, n, maxParents int, acyclic bool) (data []*syntax.EntityData, all []syntax.EntityUID) {
	for i := 0; i < n; i++ {
		all = append(all, uidOf("T", fmt.Sprint(i)))
	}
	absent := []syntax.EntityUID{uidOf("T", "gone0"), uidOf("T", "gone1"), uidOf("Other", "0")}
	for i := 0; i < n; i++ {
		var ps []syntax.EntityUID
		for k := rng.Intn(maxParents + 1); k > 0; k-- {
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

// TestInAgreesWithNaiveClosure checks `in` on random DAGs, small
// (ancestor lists) and large (the hierarchy's labels), and cycle
// detection on random graphs, against the closure computed by fixpoint.
func TestInAgreesWithNaiveClosure(t *testing.T) {
	t.Run("labels", testInAgreesWithNaiveClosure)
	t.Run("search past the label budget", func(t *testing.T) {
		budget := labelBudget
		labelBudget = func(int) int { return 0 }
		t.Cleanup(func() { labelBudget = budget })
		testInAgreesWithNaiveClosure(t)
	})
}

func testInAgreesWithNaiveClosure(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for trial := 0; trial < 300; trial++ {
		acyclic := trial%3 != 0
		data, all := randomGraph(rng, 1+rng.Intn(60), 1+rng.Intn(4), acyclic)
		anc := naiveAncestors(data)
		cyclic := false
		for u, a := range anc {
			cyclic = cyclic || a[u]
		}
		es, err := NewEntityStore(data, nil)
		if (err != nil) != cyclic {
			t.Fatalf("trial %d: NewEntityStore error = %v, want a cycle error: %v", trial, err, cyclic)
		}
		if cyclic {
			continue
		}
		en := &env{store: es}
		for _, x := range all {
			for _, y := range all {
				if got, want := en.inEntity(internUID(x), internUID(y)), x == y || anc[x][y]; got != want {
					t.Fatalf("trial %d: %v in %v = %v, want %v", trial, x, y, got, want)
				}
			}
		}
	}
}

// TestHierarchyCost measures the store's memory and build time on large
// hierarchies (go test -run HierarchyCost -v ./engine/). It asserts only
// the bound that issue 10 asks for.
func TestHierarchyCost(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	chain := func(n int) []*syntax.EntityData {
		data := make([]*syntax.EntityData, n)
		for i := range data {
			data[i] = &syntax.EntityData{UID: uidOf("C", fmt.Sprint(i))}
			if i > 0 {
				data[i].Parents = []syntax.EntityUID{uidOf("C", fmt.Sprint(i-1))}
			}
		}
		return data
	}
	wide := func(n int) []*syntax.EntityData {
		rng := rand.New(rand.NewSource(5))
		data := make([]*syntax.EntityData, n)
		for i := range data {
			data[i] = &syntax.EntityData{UID: uidOf("W", fmt.Sprint(i))}
			for k := 0; k < 5 && i > 0; k++ {
				data[i].Parents = append(data[i].Parents, uidOf("W", fmt.Sprint(rng.Intn(i))))
			}
		}
		return data
	}
	// A random DAG's labels grow with how fragmented its descendant
	// sets are, up to the label budget (see doc.go).
	cases := []struct {
		name  string
		data  []*syntax.EntityData
		limit uint64
	}{
		{"chain 10,000", chain(10_000), 50 << 20},
		{"chain 100,000", chain(100_000), 500 << 20},
		{"wide DAG 10,000 x 5 parents", wide(10_000), 0},
		{"wide DAG 100,000 x 5 parents", wide(100_000), 300 << 20},
	}
	for _, c := range cases {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		start, cpuStart := time.Now(), cpuTime()
		es, err := NewEntityStore(c.data, nil)
		took, cpu := time.Since(start), cpuTime()-cpuStart
		if err != nil {
			t.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		intervals := 0
		for _, e := range es.entities {
			if e.node != nil {
				intervals += len(e.node.label)
			}
		}
		t.Logf("%s: build %v (CPU %v), allocated %d MB, retained %d MB, %d label intervals",
			c.name, took.Round(time.Millisecond), cpu.Round(time.Millisecond), (after.TotalAlloc-before.TotalAlloc)>>20, (int64(after.HeapAlloc)-int64(before.HeapAlloc))>>20, intervals)
		if c.limit > 0 && after.TotalAlloc-before.TotalAlloc > c.limit {
			t.Errorf("%s allocated more than %d MB", c.name, c.limit>>20)
		}
		runtime.KeepAlive(es)
	}
}

// cpuTime is the CPU time this process has used, which the machine's
// load does not inflate as it does wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
