package generators

import (
	"math/rand"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Test is one generated test: a schema, entities that conform to it, a
// policy set and requests built from both.
type Test struct {
	// Seed and Index identify the test: Generate(settings, Seed, Index)
	// gives it again. FromBytes sets Seed and Index to 0.
	Seed  int64
	Index uint64
	Mode  Mode

	Schema *syntax.Schema
	// Entities holds the entity data, action entities (from the schema)
	// last.
	Entities []*syntax.EntityData
	Policies *syntax.PolicySet
	Requests []syntax.Request
	// Expr is the expression of a ModeExpr test (nil otherwise). It is
	// meant to be evaluated with Requests[0] as its environment; the
	// policy set holds it as the condition of one permit policy.
	Expr syntax.Expr
	// Faults lists the deliberate faults put into the test.
	Faults []Fault
	// Shapes lists the validator shapes (validationgen.go) of the policy
	// that Settings.ValidatorShapes adds.
	Shapes []string
	// ParseChecks is Settings.ParseChecks.
	ParseChecks bool
}

// gen holds the state of generating one test.
type gen struct {
	draw
	s  Settings
	si *schemaInfo
	st *storeInfo
	// guards holds the has/hasTag tests that the Boolean atom being
	// built needs in front of it (see usePath and wrapGuards).
	guards []guard
	// witnesses holds a matching request environment per policy.
	witnesses []witness
	// attrCache holds g.attrs's results.
	attrCache map[*syntax.RecordType][]attr
	// freeEnvs holds the released environments (releaseEnv).
	freeEnvs []*env
	// lits is the current chunk of literal nodes (nodes.go).
	lits []syntax.Literal
	// args is the current chunk of one-argument lists (nodes.go).
	args []syntax.Expr
}

func newGen(s Settings, r *rand.Rand) *gen {
	return &gen{draw: draw{r: r}, s: s.normalized()}
}

// Generate returns test number index of the run seeded with seed. The
// same settings, seed and index always give the same test, and each test
// is derived from (seed, index) alone, so tests can be generated in any
// order and in parallel.
func Generate(s Settings, seed int64, index uint64) *Test {
	t := newGen(s, NewRand(seed, index)).test()
	t.Seed, t.Index = seed, index
	return t
}

// FromBytes returns the test that the choices in data describe, for
// fuzzing: each byte makes one choice, and when data runs out every
// further choice is the simplest one, so any input gives a valid, small
// test.
func FromBytes(s Settings, data []byte) *Test {
	return FromRand(s, rand.New(NewByteSource(data)))
}

// FromRand returns a test drawn from r (for example gopter's
// GenParameters.Rng).
func FromRand(s Settings, r *rand.Rand) *Test {
	return newGen(s, r).test()
}

// test generates a whole test in dependency order: schema, entities,
// policies, requests, then the deliberate faults.
func (g *gen) test() *Test {
	g.si = g.genSchema()
	g.genEntities(g.si)
	t := &Test{Mode: g.s.Mode, Schema: g.si.schema, Entities: g.st.entities, ParseChecks: g.s.ParseChecks}
	if g.s.Mode == ModeExpr {
		g.exprTest(t)
	} else {
		t.Policies = g.genPolicySet()
		for range g.s.RequestsPerTest {
			t.Requests = append(t.Requests, g.genRequest())
		}
		g.addValidatorShapes(t)
	}
	g.injectFaults(t)
	g.injectConformanceFaults(t)
	return t
}

// exprTest fills t with one request and one expression that type checks
// in that request's environment.
func (g *gen) exprTest(t *Test) {
	req := g.genRequest()
	e := g.newEnv([]syntax.EntityUID{req.Action}, []syntax.EntityType{req.Principal.Type}, []syntax.EntityType{req.Resource.Type})
	if b := g.boundaryExprTest(); b != nil {
		t.Expr = b
	} else if g.chance(70) {
		t.Expr = g.genBool(e, 0)
	} else {
		// A value of another type. The guards its optional accesses need
		// become the condition of an if: `if guards then v else literal`.
		mark := len(g.guards)
		typ := g.pickType(e)
		v := g.genValue(e, typ, 0)
		if len(g.guards) > mark {
			guarded := g.wrapGuards(mark, g.boolLit(true)).(*syntax.Binary).Left
			v = &syntax.If{Cond: guarded, Then: v, Else: g.genValue(e, typ, g.s.MaxDepth)}
		}
		g.guards = g.guards[:mark]
		t.Expr = v
	}
	g.releaseEnv(e)
	t.Requests = []syntax.Request{req}
	t.Policies = &syntax.PolicySet{Policies: []*syntax.Policy{{
		ID:         syntax.DefaultPolicyID(0),
		Effect:     syntax.Permit,
		Principal:  syntax.Scope{Op: syntax.ScopeAll},
		Action:     syntax.Scope{Op: syntax.ScopeAll},
		Resource:   syntax.Scope{Op: syntax.ScopeAll},
		Conditions: []syntax.Condition{{Kind: syntax.When, Body: cloneExpr(t.Expr)}},
	}}}
}
