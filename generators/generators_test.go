package generators

import (
	"math/rand"
	"reflect"
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

var allModes = []Mode{ModeTyped, ModeUntyped, ModeRBAC, ModeExpr, ModeLimits}

func TestGenerateIsDeterministic(t *testing.T) {
	for _, mode := range allModes {
		s := DefaultSettings()
		s.Mode = mode
		for i := range uint64(50) {
			a, b := Generate(s, 42, i), Generate(s, 42, i)
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("%s: Generate(42, %d) differs between calls", mode, i)
			}
		}
	}
}

func TestIndexesGiveDifferentTests(t *testing.T) {
	s := DefaultSettings()
	a, b := Generate(s, 1, 0), Generate(s, 1, 1)
	if reflect.DeepEqual(a.Schema, b.Schema) && reflect.DeepEqual(a.Policies, b.Policies) {
		t.Fatal("tests 0 and 1 of seed 1 are the same")
	}
	c := Generate(s, 2, 0)
	if reflect.DeepEqual(a.Schema, c.Schema) && reflect.DeepEqual(a.Policies, c.Policies) {
		t.Fatal("test 0 of seeds 1 and 2 are the same")
	}
}

func TestFromBytes(t *testing.T) {
	s := DefaultSettings()
	// No bytes: every choice is the simplest one.
	empty := FromBytes(s, nil)
	checkStructure(t, "FromBytes(nil)", empty)
	if len(empty.Policies.Policies) != 1 || len(empty.Requests) != s.RequestsPerTest {
		t.Errorf("FromBytes(nil): %d policies, %d requests; want 1 and %d",
			len(empty.Policies.Policies), len(empty.Requests), s.RequestsPerTest)
	}
	if !reflect.DeepEqual(empty, FromBytes(s, nil)) {
		t.Error("FromBytes(nil) is not deterministic")
	}
	// Arbitrary bytes give well-formed tests in every mode.
	r := rand.New(rand.NewSource(1))
	for _, mode := range allModes {
		s.Mode = mode
		for i := range 300 {
			data := make([]byte, r.Intn(3000))
			r.Read(data)
			tc := FromBytes(s, data)
			checkStructure(t, mode.String(), tc)
			if !reflect.DeepEqual(tc, FromBytes(s, data)) {
				t.Fatalf("%s: FromBytes is not deterministic for input %d", mode, i)
			}
		}
	}
}

func TestByteSource(t *testing.T) {
	src := NewByteSource([]byte{7, 200})
	for _, want := range []int64{7, 200, 0, 0} {
		if got := src.Int63(); got != want {
			t.Fatalf("Int63() = %d, want %d", got, want)
		}
	}
	if !src.Exhausted() {
		t.Fatal("source not exhausted after reading every byte")
	}
	src.Seed(0)
	if got := src.Int63(); got != 7 {
		t.Fatalf("after Seed, Int63() = %d, want 7", got)
	}
}

func TestStructureAllModes(t *testing.T) {
	for _, mode := range allModes {
		s := DefaultSettings()
		s.Mode = mode
		for i := range uint64(500) {
			checkStructure(t, mode.String(), Generate(s, 9, i))
		}
	}
}

func TestDepthIsBounded(t *testing.T) {
	s := DefaultSettings()
	s.MaxDepth = 1000 // clamped
	s.MaxWidth = 1000 // clamped
	st := NewStats()
	for i := range uint64(300) {
		st.Add(Generate(s, 5, i))
	}
	if st.MaxExprDepth >= 50 {
		t.Fatalf("deepest condition has depth %d with the largest settings, want < 50", st.MaxExprDepth)
	}
	def := NewStats()
	for i := range uint64(1000) {
		def.Add(Generate(DefaultSettings(), 5, i))
	}
	if def.MaxExprDepth >= 25 {
		t.Fatalf("deepest condition has depth %d with default settings, want < 25", def.MaxExprDepth)
	}
}

func TestSettingsKnobs(t *testing.T) {
	s := DefaultSettings()
	s.Like, s.Extensions, s.Tags, s.Templates, s.ActionGroups, s.Namespaces, s.EnumTypes = false, false, false, false, false, false, false
	s.FaultPercent = -1
	st := NewStats()
	for i := range uint64(500) {
		tc := Generate(s, 11, i)
		st.Add(tc)
		for ty, def := range tc.Schema.EntityTypes {
			if ty.Namespace() != "" || def.IsEnum() || def.Tags != nil {
				t.Fatalf("test %d: type %s: namespaces, enums and tags are off", i, ty)
			}
		}
		for _, a := range tc.Schema.Actions {
			if a.AppliesTo == nil || len(a.MemberOf) > 0 {
				t.Fatalf("test %d: action groups are off but %s is one or is in one", i, a.UID)
			}
		}
		if len(tc.Faults) > 0 {
			t.Fatalf("test %d: faults are off but got %v", i, tc.Faults)
		}
	}
	for _, c := range []string{"like", "decimal", "ip", "datetime", "duration", "hasTag", "getTag", "template"} {
		if st.InPolicies[c] > 0 {
			t.Errorf("construct %q generated although its feature is off", c)
		}
	}
	if st.Requests != 500*8 {
		t.Errorf("got %d requests, want 8 per test", st.Requests)
	}
}

func TestFaultRate(t *testing.T) {
	st := NewStats()
	const n = 2000
	for i := range uint64(n) {
		st.Add(Generate(DefaultSettings(), 13, i))
	}
	if d := st.Faults[FaultDangling]; d < n*7/100 || d > n*13/100 {
		t.Errorf("%d of %d tests dropped entities, want about 10%%", d, n)
	}
	for _, k := range []FaultKind{FaultMismatch, FaultArity, FaultBadLiteral, FaultDuplicate} {
		if st.Faults[k] == 0 {
			t.Errorf("no test has a %s fault", k)
		}
	}
}

func TestRBACModeHasTemplatesAndHierarchy(t *testing.T) {
	s := DefaultSettings()
	s.Mode = ModeRBAC
	st := NewStats()
	parents := 0
	for i := range uint64(300) {
		tc := Generate(s, 17, i)
		st.Add(tc)
		for _, e := range tc.Entities {
			parents += len(e.Parents)
		}
	}
	if st.Templates < st.Policies/5 || st.Links < st.Templates {
		t.Errorf("rbac: %d templates and %d links in %d policies", st.Templates, st.Links, st.Policies)
	}
	if parents < st.Entities/2 {
		t.Errorf("rbac: %d parent edges for %d entities", parents, st.Entities)
	}
}

func TestExprMode(t *testing.T) {
	s := DefaultSettings()
	s.Mode = ModeExpr
	for i := range uint64(200) {
		tc := Generate(s, 19, i)
		if tc.Expr == nil || len(tc.Requests) != 1 || len(tc.Policies.Policies) != 1 {
			t.Fatalf("expr test %d: Expr %v, %d requests, %d policies", i, tc.Expr, len(tc.Requests), len(tc.Policies.Policies))
		}
	}
}

func TestRequiredConstructsAppear(t *testing.T) {
	st := NewStats()
	for i := range uint64(3000) {
		st.Add(Generate(DefaultSettings(), 23, i))
	}
	for _, c := range RequiredConstructs {
		if share := st.PolicyShare(c); share < 0.005 {
			t.Errorf("construct %q in %.2f%% of policies, want at least 0.5%%", c, 100*share)
		}
	}
}

// TestGopterProperty uses the gopter generator in a property: every
// generated test is well formed.
func TestGopterProperty(t *testing.T) {
	params := gopter.DefaultTestParametersWithSeed(1234)
	params.MinSuccessfulTests = 200
	props := gopter.NewProperties(params)
	props.Property("tests are well formed", prop.ForAll(func(tc *Test) bool {
		return structureError(tc) == ""
	}, GenTest(DefaultSettings())))
	props.Property("schemas declare actions", prop.ForAll(func(s *syntax.Schema) bool {
		return len(s.EntityTypes) >= 2 && len(s.Actions) >= 1
	}, GenSchema(DefaultSettings())))
	props.TestingRun(t)
}

// checkStructure fails the test if tc breaks a structural invariant.
func checkStructure(t *testing.T, what string, tc *Test) {
	t.Helper()
	if msg := structureError(tc); msg != "" {
		t.Fatalf("%s (seed %d, index %d): %s", what, tc.Seed, tc.Index, msg)
	}
}

// structureError checks what every mode promises: entity types and
// actions are declared; parents respect memberOfTypes (action parents
// are declared groups) and form no cycle; policy ids are unique; links
// bind exactly their template's slots; requests name declared actions.
func structureError(tc *Test) string {
	sc := tc.Schema
	if sc == nil || tc.Policies == nil {
		return "missing schema or policies"
	}
	byUID := map[syntax.EntityUID]*syntax.EntityData{}
	for _, e := range tc.Entities {
		if old := byUID[e.UID]; old != nil {
			if !reflect.DeepEqual(old, e) {
				return "two different entities " + e.UID.String()
			}
			continue
		}
		byUID[e.UID] = e
		if e.UID.Type.IsAction() {
			a := sc.Actions[e.UID]
			if a == nil || !reflect.DeepEqual(e.Parents, a.MemberOf) && !(len(e.Parents) == 0 && len(a.MemberOf) == 0) {
				return "action entity " + e.UID.String() + " does not match the schema"
			}
			continue
		}
		def := sc.EntityTypes[e.UID.Type]
		if def == nil {
			return "undeclared entity type " + string(e.UID.Type)
		}
		if def.IsEnum() && !slices.Contains(def.Enum, e.UID.ID) {
			return "invalid enum id " + e.UID.String()
		}
		for _, p := range e.Parents {
			if !slices.Contains(def.MemberOfTypes, p.Type) {
				return e.UID.String() + " has a parent of type " + string(p.Type) + " not in memberOfTypes"
			}
		}
	}
	// No cycles: depth-first search over present entities.
	state := map[syntax.EntityUID]int{}
	var cyclic func(u syntax.EntityUID) bool
	cyclic = func(u syntax.EntityUID) bool {
		switch state[u] {
		case 1:
			return true
		case 2:
			return false
		}
		state[u] = 1
		if e := byUID[u]; e != nil {
			for _, p := range e.Parents {
				if cyclic(p) {
					return true
				}
			}
		}
		state[u] = 2
		return false
	}
	for u := range byUID {
		if cyclic(u) {
			return "parent cycle through " + u.String()
		}
	}
	ids := map[string]bool{}
	for _, p := range tc.Policies.Policies {
		if ids[p.ID] {
			return "duplicate policy id " + p.ID
		}
		ids[p.ID] = true
		for _, c := range p.Conditions {
			// Limit conditions are as deep as the nesting rule allows;
			// all others stay shallow.
			if tc.Mode == ModeLimits && syntax.Nesting(c.Body, syntax.MaxNesting) > syntax.MaxNesting ||
				tc.Mode != ModeLimits && exprDepth(c.Body) >= 50 {
				return p.ID + ": condition too deep"
			}
		}
	}
	for _, l := range tc.Policies.Links {
		tmpl := tc.Policies.Policy(l.TemplateID)
		if tmpl == nil || !tmpl.IsTemplate() || ids[l.NewID] {
			return "bad link " + l.NewID
		}
		ids[l.NewID] = true
		if len(l.Values) != len(tmpl.Slots()) {
			return "link " + l.NewID + " does not bind exactly the template's slots"
		}
		for _, s := range tmpl.Slots() {
			if _, ok := l.Values[s]; !ok {
				return "link " + l.NewID + " misses slot " + string(s)
			}
		}
	}
	for _, r := range tc.Requests {
		if sc.Actions[r.Action] == nil {
			return "request action " + r.Action.String() + " is not declared"
		}
		if _, ok := r.Context.(*syntax.RecordExpr); !ok {
			return "request context is not a record literal"
		}
	}
	return ""
}

func BenchmarkGenerate(b *testing.B) {
	s := DefaultSettings()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Generate(s, 1, uint64(i))
	}
}

// BenchmarkGenerateModes measures Generate in the settings of the
// targets of package diff: one sub-benchmark per mode, and validation's
// settings (validator shapes and conformance faults).
func BenchmarkGenerateModes(b *testing.B) {
	validation := DefaultSettings()
	validation.ValidatorShapes = true
	validation.ConformanceFaultPercent = 30
	cases := []struct {
		name string
		s    Settings
	}{{"validation", validation}}
	for m := ModeTyped; m <= ModeLimits; m++ {
		s := DefaultSettings()
		s.Mode = m
		cases = append(cases, struct {
			name string
			s    Settings
		}{m.String(), s})
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				Generate(c.s, 1, uint64(i%1024))
			}
		})
	}
}

func BenchmarkGopterGenTest(b *testing.B) {
	g := GenTest(DefaultSettings())
	params := gopter.DefaultGenParameters()
	b.ReportAllocs()
	for b.Loop() {
		g(params)
	}
}

// FuzzFromBytes maps fuzzer inputs to tests and checks their structure.
func FuzzFromBytes(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8})
	f.Add([]byte("a longer seed input that makes many different choices"))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkStructure(t, "fuzz", FromBytes(DefaultSettings(), data))
	})
}
