package model

import (
	"flag"
	"fmt"
	"math/rand"
	"reflect"
	"testing"

	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/gen"
	"github.com/leanovate/gopter/prop"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// propsN overrides the number of cases each property runs. The full run is
// -props.n=100000; by default a smaller count keeps `go test -race` fast.
var propsN = flag.Int("props.n", 0, "cases per authorization property (default 2000, 200 with -short)")

func propertyCount() int {
	switch {
	case *propsN > 0:
		return *propsN
	case testing.Short():
		return 200
	}
	return 2000
}

// scenario is one generated authorization problem: a policy set, entity
// data and a request over a small universe of uids, so that scopes and
// conditions match often.
type scenario struct {
	policies []*syntax.Policy
	entities []*syntax.EntityData
	request  *syntax.Request
	seed     int64
}

func (s scenario) String() string { return fmt.Sprintf("scenario(seed %d)", s.seed) }

var (
	users   = []syntax.EntityUID{uid("User", "u0"), uid("User", "u1"), uid("User", "u2")}
	groups  = []syntax.EntityUID{uid("Group", "g0"), uid("Group", "g1"), uid("Group", "g2")}
	actions = []syntax.EntityUID{uid("Action", "read"), uid("Action", "write")}
	docs    = []syntax.EntityUID{uid("Doc", "d0"), uid("Doc", "d1")}
)

// genScenario draws scenarios from a seed; the seed is printed on failure
// so a case can be replayed.
func genScenario() gopter.Gen {
	return gen.Int64().Map(func(seed int64) scenario { return newScenario(seed) })
}

func newScenario(seed int64) scenario {
	r := rand.New(rand.NewSource(seed))
	pick := func(us []syntax.EntityUID) syntax.EntityUID { return us[r.Intn(len(us))] }
	s := scenario{seed: seed}
	// Entities: users in groups, groups in later groups (acyclic); some
	// uids are left out of the store.
	for _, u := range users {
		if r.Intn(5) == 0 {
			continue
		}
		var ps []syntax.EntityUID
		for _, g := range groups {
			if r.Intn(2) == 0 {
				ps = append(ps, g)
			}
		}
		s.entities = append(s.entities, entity(u, ps, "level", lit(r.Intn(3))))
	}
	for i, g := range groups {
		var ps []syntax.EntityUID
		for _, h := range groups[i+1:] {
			if r.Intn(3) == 0 {
				ps = append(ps, h)
			}
		}
		s.entities = append(s.entities, entity(g, ps))
	}
	for _, d := range docs {
		s.entities = append(s.entities, entity(d, nil, "owner", lit(pick(users))))
	}
	s.request = &syntax.Request{Principal: pick(users), Action: pick(actions), Resource: pick(docs),
		Context: rec("flag", lit(r.Intn(2) == 0))}
	n := r.Intn(6)
	for i := 0; i < n; i++ {
		p := &syntax.Policy{ID: fmt.Sprintf("p%d", i), Effect: syntax.Effect(r.Intn(2))}
		switch r.Intn(4) {
		case 1:
			p.Principal = syntax.Scope{Op: syntax.ScopeEq, Entity: pick(users)}
		case 2:
			p.Principal = syntax.Scope{Op: syntax.ScopeIn, Entity: pick(groups)}
		}
		if r.Intn(2) == 0 {
			p.Action = syntax.Scope{Op: syntax.ScopeEq, Entity: pick(actions)}
		}
		for j := r.Intn(3); j > 0; j-- {
			p.Conditions = append(p.Conditions, syntax.Condition{Kind: syntax.ConditionKind(r.Intn(2)), Body: randomCondition(r, pick)})
		}
		s.policies = append(s.policies, p)
	}
	return s
}

// randomCondition draws a condition that is true, false or an error
// depending on the request and store.
func randomCondition(r *rand.Rand, pick func([]syntax.EntityUID) syntax.EntityUID) syntax.Expr {
	switch r.Intn(8) {
	case 0:
		return lit(r.Intn(2) == 0)
	case 1:
		return bin(syntax.OpIn, principal, lit(pick(groups)))
	case 2:
		return getAttr(context, "flag")
	case 3:
		return bin(syntax.OpEq, getAttr(resource, "owner"), principal)
	case 4: // errors when the principal is absent from the store
		return bin(syntax.OpLess, getAttr(principal, "level"), lit(r.Intn(3)))
	case 5: // always an error
		return bin(syntax.OpAdd, lit(1), lit("one"))
	case 6: // sometimes not a Bool
		return ifte(getAttr(context, "flag"), lit(true), lit(1))
	}
	return bin(syntax.OpAnd, randomCondition(r, pick), randomCondition(r, pick))
}

func (s scenario) authorize() Response {
	resp, err := Authorize(&syntax.PolicySet{Policies: s.policies}, mustEntities(s.entities...), s.request)
	if err != nil {
		panic(err)
	}
	return resp
}

// satisfied evaluates each policy on its own: true, false, or an error.
func (s scenario) satisfied(p *syntax.Policy) (bool, error) {
	env, err := NewEnv(s.request, mustEntities(s.entities...))
	if err != nil {
		panic(err)
	}
	return env.Satisfied(p)
}

func runProperty(t *testing.T, name string, check func(s scenario) bool) {
	params := gopter.DefaultTestParameters()
	params.MinSuccessfulTests = propertyCount()
	props := gopter.NewProperties(params)
	props.Property(name, prop.ForAll(check, genScenario()))
	props.TestingRun(t)
}

// An Allow always has a reason, and every reason is a satisfied permit.
func TestPropertyExplicitPermit(t *testing.T) {
	runProperty(t, "allow needs a satisfied permit", func(s scenario) bool {
		resp := s.authorize()
		if resp.Decision == Deny {
			return true
		}
		if len(resp.Reasons) == 0 {
			return false
		}
		for _, id := range resp.Reasons {
			p := (&syntax.PolicySet{Policies: s.policies}).Policy(id)
			ok, err := s.satisfied(p)
			if p.Effect != syntax.Permit || !ok || err != nil {
				return false
			}
		}
		return true
	})
}

// A satisfied forbid always denies, whatever the permits say.
func TestPropertyForbidOverridesPermit(t *testing.T) {
	runProperty(t, "forbid overrides permit", func(s scenario) bool {
		resp := s.authorize()
		for _, p := range s.policies {
			if ok, err := s.satisfied(p); p.Effect == syntax.Forbid && ok && err == nil {
				return resp.Decision == Deny
			}
		}
		return true
	})
}

// Reordering the policies or the entities changes nothing.
func TestPropertyOrderIndependence(t *testing.T) {
	runProperty(t, "order independence", func(s scenario) bool {
		want := s.authorize()
		r := rand.New(rand.NewSource(s.seed ^ 0x5eed))
		shuffled := s
		shuffled.policies = append([]*syntax.Policy(nil), s.policies...)
		shuffled.entities = append([]*syntax.EntityData(nil), s.entities...)
		r.Shuffle(len(shuffled.policies), func(i, j int) {
			shuffled.policies[i], shuffled.policies[j] = shuffled.policies[j], shuffled.policies[i]
		})
		r.Shuffle(len(shuffled.entities), func(i, j int) {
			shuffled.entities[i], shuffled.entities[j] = shuffled.entities[j], shuffled.entities[i]
		})
		return reflect.DeepEqual(want, shuffled.authorize())
	})
}

// An erroring policy is never a reason, and removing it changes neither
// the decision nor the reasons.
func TestPropertyErrorsAreSkipped(t *testing.T) {
	runProperty(t, "erroring policies are skipped", func(s scenario) bool {
		resp := s.authorize()
		erroring := map[string]bool{}
		for _, e := range resp.Errors {
			erroring[e.PolicyID] = true
		}
		for _, id := range resp.Reasons {
			if erroring[id] {
				return false
			}
		}
		kept := s
		kept.policies = nil
		for _, p := range s.policies {
			if !erroring[p.ID] {
				kept.policies = append(kept.policies, p)
			}
		}
		without := kept.authorize()
		return without.Decision == resp.Decision && reflect.DeepEqual(without.Reasons, resp.Reasons) &&
			len(without.Errors) == 0
	})
}

// The generator must produce every kind of outcome, or the properties
// above would hold vacuously.
func TestScenarioGeneratorCoverage(t *testing.T) {
	var allow, deny, forbidDeny, errs int
	for seed := int64(0); seed < 1000; seed++ {
		resp := newScenario(seed).authorize()
		switch {
		case resp.Decision == Allow:
			allow++
		case len(resp.Reasons) > 0:
			forbidDeny++
		default:
			deny++
		}
		if len(resp.Errors) > 0 {
			errs++
		}
	}
	t.Logf("allow %d, forbid-deny %d, default deny %d, with errors %d", allow, forbidDeny, deny, errs)
	for name, n := range map[string]int{"allow": allow, "forbid-deny": forbidDeny, "default deny": deny, "errors": errs} {
		if n < 50 {
			t.Errorf("only %d of 1000 scenarios with outcome %s", n, name)
		}
	}
}
