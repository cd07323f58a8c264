package generators

import (
	"math/rand"
	"sort"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PartialCase is a partial request derived from one of a test's requests,
// with the concrete values the partial target substitutes for its
// unknowns.
type PartialCase struct {
	// Request is the test's request with some parts unknown: principal,
	// action or resource (nil), or context attributes (unknown(name)).
	Request *syntax.PartialRequest
	// Origin is the index of the test request it was derived from.
	Origin int
	// Samples each give every unknown of Request a value: by name, a
	// restricted expression. The first sample is the origin request's own
	// values; the others are drawn type-consistently: entities of the
	// same type from the test (its entities and requests), attribute
	// values that the same attribute has in another request's context.
	Samples []map[string]syntax.Expr
}

// partialSamples is the number of samples of a case besides the origin's.
const partialSamples = 3

// PartialCases derives one partial case from each request of tc, with
// choices drawn from r: each of principal, action and resource is unknown
// with probability 1/3, and so is each top-level context attribute; a
// case with nothing unknown gets one part unknown. Context attribute
// unknowns are named "context.<attr>" so that they cannot clash with the
// names of the request variables.
func PartialCases(tc *Test, r *rand.Rand) []PartialCase {
	pool := entityPool(tc)
	var out []PartialCase
	for i := range tc.Requests {
		out = append(out, partialCase(tc, i, pool, r))
	}
	return out
}

func partialCase(tc *Test, i int, pool map[syntax.EntityType][]syntax.EntityUID, r *rand.Rand) PartialCase {
	req := tc.Requests[i]
	p, a, s := req.Principal, req.Action, req.Resource
	pr := &syntax.PartialRequest{Principal: &p, Action: &a, Resource: &s, Context: req.Context}
	origin := map[string]syntax.Expr{}
	parts := []struct {
		name string
		slot **syntax.EntityUID
		uid  syntax.EntityUID
	}{{"principal", &pr.Principal, p}, {"action", &pr.Action, a}, {"resource", &pr.Resource, s}}
	var ctx *syntax.RecordExpr
	if rec, ok := req.Context.(*syntax.RecordExpr); ok {
		ctx = &syntax.RecordExpr{Fields: append([]syntax.Field(nil), rec.Fields...)}
	}
	unknownField := func(j int) {
		name := "context." + ctx.Fields[j].Key
		origin[name] = ctx.Fields[j].Value
		ctx.Fields[j].Value = syntax.Unknown(name)
	}
	for _, part := range parts {
		if r.Intn(3) == 0 {
			*part.slot = nil
			origin[part.name] = syntax.Entity(part.uid)
		}
	}
	if ctx != nil {
		for j := range ctx.Fields {
			if r.Intn(3) == 0 {
				unknownField(j)
			}
		}
		pr.Context = ctx
	}
	if len(origin) == 0 {
		if ctx != nil && len(ctx.Fields) > 0 && r.Intn(2) == 0 {
			unknownField(r.Intn(len(ctx.Fields)))
		} else {
			part := parts[r.Intn(len(parts))]
			*part.slot = nil
			origin[part.name] = syntax.Entity(part.uid)
		}
	}
	c := PartialCase{Request: pr, Origin: i, Samples: []map[string]syntax.Expr{origin}}
	for range partialSamples {
		c.Samples = append(c.Samples, sample(tc, origin, pool, r))
	}
	return c
}

// sample gives each unknown of origin another value of the same kind.
func sample(tc *Test, origin map[string]syntax.Expr, pool map[syntax.EntityType][]syntax.EntityUID, r *rand.Rand) map[string]syntax.Expr {
	out := map[string]syntax.Expr{}
	names := make([]string, 0, len(origin))
	for name := range origin {
		names = append(names, name)
	}
	sort.Strings(names) // draws in a fixed order, so that (seed, index) gives the same samples
	for _, name := range names {
		v := origin[name]
		out[name] = v
		if l, ok := v.(*syntax.Literal); ok {
			if u, ok := l.Value.(syntax.EntityUID); ok {
				if same := pool[u.Type]; len(same) > 0 {
					out[name] = syntax.Entity(same[r.Intn(len(same))])
				}
				continue
			}
		}
		if alts := contextValues(tc, name[len("context."):]); len(alts) > 0 {
			out[name] = alts[r.Intn(len(alts))]
		}
	}
	return out
}

// entityPool lists the entity uids of the test by type: its entities' and
// its requests' principals, actions and resources.
func entityPool(tc *Test) map[syntax.EntityType][]syntax.EntityUID {
	seen := map[syntax.EntityUID]bool{}
	pool := map[syntax.EntityType][]syntax.EntityUID{}
	add := func(u syntax.EntityUID) {
		if !seen[u] {
			seen[u] = true
			pool[u.Type] = append(pool[u.Type], u)
		}
	}
	for _, e := range tc.Entities {
		add(e.UID)
	}
	for _, q := range tc.Requests {
		add(q.Principal)
		add(q.Action)
		add(q.Resource)
	}
	return pool
}

// contextValues are the values attribute key has in the test's request
// contexts (the same attribute of the same schema, so of one type in typed
// tests).
func contextValues(tc *Test, key string) []syntax.Expr {
	var out []syntax.Expr
	for _, q := range tc.Requests {
		if rec, ok := q.Context.(*syntax.RecordExpr); ok {
			for _, f := range rec.Fields {
				if f.Key == key {
					out = append(out, f.Value)
				}
			}
		}
	}
	return out
}
