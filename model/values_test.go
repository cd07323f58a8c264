package model

import (
	"math/rand"
	"testing"
	"time"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"
)

// randomValue draws a value of any type from a small domain, so that
// equal values (even built differently) are common.
func randomValue(r *rand.Rand, depth int) Value {
	n := 10
	if depth > 2 {
		n = 8 // no more nesting
	}
	switch r.Intn(n) {
	case 0:
		return Bool(r.Intn(2) == 0)
	case 1:
		return Long(r.Intn(3))
	case 2:
		return String([]string{"", "a", "b", "\xff", "\xfe", "\ufffd"}[r.Intn(6)])
	case 3:
		return EntityUID(uid([]string{"A", "B"}[r.Intn(2)], []string{"x", "y"}[r.Intn(2)]))
	case 4:
		return Decimal(r.Intn(3) * 5000)
	case 5:
		return mustParseIPAddr([]string{"10.0.0.1/24", "10.0.0.0/24", "::1", "10.0.0.1"}[r.Intn(4)])
	case 6:
		return Datetime(r.Intn(2))
	case 7:
		return Duration(r.Intn(2))
	case 8:
		elems := make([]Value, r.Intn(4))
		for i := range elems {
			elems[i] = randomValue(r, depth+1)
		}
		return NewSet(elems...)
	}
	rec := Record{}
	for i := r.Intn(3); i > 0; i-- {
		rec[[]string{"a", "b", "c"}[r.Intn(3)]] = randomValue(r, depth+1)
	}
	return rec
}

func genValues() gopter.Gen {
	return gen.Int64().Map(func(seed int64) [3]Value {
		r := rand.New(rand.NewSource(seed))
		return [3]Value{randomValue(r, 0), randomValue(r, 0), randomValue(r, 0)}
	})
}

// Equal is an equivalence relation, and sets do not depend on the order
// or multiplicity of their elements.
func TestPropertyEqualIsEquivalence(t *testing.T) {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = propertyCount()
	props := gopter.NewProperties(params)
	props.Property("reflexive, symmetric, transitive", prop.ForAll(func(v [3]Value) bool {
		a, b, c := v[0], v[1], v[2]
		return Equal(a, a) && Equal(a, b) == Equal(b, a) && (!Equal(a, b) || !Equal(b, c) || Equal(a, c))
	}, genValues()))
	props.Property("sets ignore order and duplicates", prop.ForAll(func(v [3]Value) bool {
		s1 := NewSet(v[0], v[1], v[2])
		s2 := NewSet(v[2], v[0], v[1], v[0])
		return Equal(s1, s2) && len(s1) == len(s2)
	}, genValues()))
	props.Property("canonical keys agree with pairwise equality", prop.ForAll(func(v [3]Value) bool {
		return naiveEqual(v[0], v[1]) == (key(v[0]) == key(v[1])) && naiveEqual(v[0], v[1]) == Equal(v[0], v[1])
	}, genValues()))
	props.TestingRun(t)
}

// naiveEqual is equality written without canonical keys: sets by
// comparing every pair of elements.
func naiveEqual(a, b Value) bool {
	switch a := a.(type) {
	case Set:
		b, ok := b.(Set)
		return ok && naiveSubset(a, b) && naiveSubset(b, a)
	case Record:
		b, ok := b.(Record)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			if bv, ok := b[k]; !ok || !naiveEqual(av, bv) {
				return false
			}
		}
		return true
	}
	return a == b
}

func naiveSubset(a, b Set) bool {
	for _, x := range a {
		found := false
		for _, y := range b {
			found = found || naiveEqual(x, y)
		}
		if !found {
			return false
		}
	}
	return true
}

// Large sets are built and compared in about n log n time, not n².
func TestLargeSets(t *testing.T) {
	vals := make([]Value, 50_000)
	for i := range vals {
		vals[i] = NewSet(Long(i), String("x"))
	}
	start := time.Now()
	s := NewSet(append(vals, vals...)...)
	if len(s) != len(vals) || !Equal(s, NewSet(vals...)) || !subset(s, s) || !intersects(s, s) {
		t.Fatal("wrong result")
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Fatalf("took %v", d)
	}
}

func TestEqualExamples(t *testing.T) {
	cases := []struct {
		a, b Value
		want bool
	}{
		{Long(1), Decimal(1), false},
		{Datetime(5), Duration(5), false},
		{String("a"), EntityUID(uid("A", "a")), false},
		{Set{}, Record{}, false},
		{NewSet(Long(1), Long(2)), NewSet(Long(2), Long(1)), true},
		{NewSet(Long(1)), NewSet(Long(1), Long(2)), false},
		{Record{"a": Set{}}, Record{"a": NewSet()}, true},
		{Record{"a": Long(1)}, Record{"b": Long(1)}, false},
		{mustParseIPAddr("1.2.3.4"), mustParseIPAddr("1.2.3.4/32"), true},
		{mustParseIPAddr("::"), mustParseIPAddr("0.0.0.0"), false},
	}
	for _, c := range cases {
		if got := Equal(c.a, c.b); got != c.want {
			t.Errorf("Equal(%v, %v) = %v; want %v", c.a, c.b, got, c.want)
		}
	}
}
