package shrink

import (
	"github.com/leanovate/gopter"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestShrinker is the gopter.Shrinker of whole tests
// (*generators.Test). Its stream puts the big cuts first, so that the
// greedy loop of Minimize spends its predicate calls where they remove
// most:
//
//  1. keep one request;
//  2. turn template links into the static policies they stand for;
//  3. drop policies (halves, then one at a time), then template links;
//  4. drop entities (halves, then one at a time);
//  5. drop an attribute everywhere: from the schema and every entity or
//     context that has it;
//  6. simplify one policy: drop a condition or an annotation, loosen a
//     scope constraint, make a forbid a permit;
//  7. shrink one condition with ExprShrinker;
//  8. drop an entity's attribute, parent or tags, shrink an attribute
//     or tag value;
//  9. shrink a request's context;
//  10. drop schema declarations that nothing uses any more (see
//     schemaCuts);
//  11. rename an entity everywhere to a one-letter id (see renameCuts).
//
// Candidates share unchanged parts with t. Policy ids are kept (they are
// renumbered when the test is saved). The Expr of a ModeExpr test is
// dropped from candidates, since their conditions no longer match it.
var TestShrinker gopter.Shrinker = func(v any) gopter.Shrink {
	t := v.(*generators.Test)
	return gopter.ConcatShrinks(
		lazy(func() gopter.Shrink { return requestCuts(t) }),
		lazy(func() gopter.Shrink { return materializeLinks(t) }),
		lazy(func() gopter.Shrink { return policyCuts(t) }),
		lazy(func() gopter.Shrink { return entityCuts(t) }),
		lazy(func() gopter.Shrink { return attributeCuts(t) }),
		lazy(func() gopter.Shrink { return policyParts(t) }),
		lazy(func() gopter.Shrink { return conditionShrinks(t) }),
		lazy(func() gopter.Shrink { return entityParts(t) }),
		lazy(func() gopter.Shrink { return contextShrinks(t) }),
		lazy(func() gopter.Shrink { return schemaCuts(t) }),
		lazy(func() gopter.Shrink { return renameCuts(t) }),
	)
}

// with returns a shallow copy of t changed by f.
func with(t *generators.Test, f func(c *generators.Test)) *generators.Test {
	c := *t
	c.Expr = nil
	f(&c)
	return &c
}

func requestCuts(t *generators.Test) gopter.Shrink {
	if len(t.Requests) < 2 {
		return gopter.NoShrink
	}
	return indexed(len(t.Requests), func(i int) (any, bool) {
		return with(t, func(c *generators.Test) { c.Requests = []syntax.Request{t.Requests[i]} }), true
	})
}

func materializeLinks(t *generators.Test) gopter.Shrink {
	if t.Policies == nil || len(t.Policies.Links) == 0 {
		return gopter.NoShrink
	}
	linked, err := model.LinkedPolicies(t.Policies)
	if err != nil {
		return gopter.NoShrink
	}
	return values(with(t, func(c *generators.Test) { c.Policies = &syntax.PolicySet{Policies: linked} }))
}

func withPolicies(t *generators.Test, ps *syntax.PolicySet) *generators.Test {
	return with(t, func(c *generators.Test) { c.Policies = ps })
}

// policyCuts drops policies. A template that a link names is kept with
// its links; links themselves can be dropped.
func policyCuts(t *generators.Test) gopter.Shrink {
	ps := t.Policies
	if ps == nil {
		return gopter.NoShrink
	}
	linked := map[string]bool{}
	for _, l := range ps.Links {
		linked[l.TemplateID] = true
	}
	drops := mapShrink(sliceCuts(len(ps.Policies)), func(v any) any {
		kept := pick(ps.Policies, v.([]int))
		for _, p := range ps.Policies {
			if linked[p.ID] && !containsPolicy(kept, p) {
				return nil
			}
		}
		return withPolicies(t, &syntax.PolicySet{Policies: kept, Links: ps.Links})
	}).Filter(func(v any) bool { return v != nil })
	links := mapShrink(sliceCuts(len(ps.Links)), func(v any) any {
		return withPolicies(t, &syntax.PolicySet{Policies: ps.Policies, Links: pick(ps.Links, v.([]int))})
	})
	return gopter.ConcatShrinks(drops, links)
}

func containsPolicy(ps []*syntax.Policy, p *syntax.Policy) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func entityCuts(t *generators.Test) gopter.Shrink {
	return mapShrink(sliceCuts(len(t.Entities)), func(v any) any {
		return with(t, func(c *generators.Test) { c.Entities = pick(t.Entities, v.([]int)) })
	})
}

// withPolicy returns t with policy i replaced by p.
func withPolicy(t *generators.Test, i int, p *syntax.Policy) *generators.Test {
	return withPolicies(t, &syntax.PolicySet{Policies: replaced(t.Policies.Policies, i, p), Links: t.Policies.Links})
}

// policyParts streams the simplifications of single policies.
func policyParts(t *generators.Test) gopter.Shrink {
	if t.Policies == nil {
		return gopter.NoShrink
	}
	var streams []gopter.Shrink
	for i, p := range t.Policies.Policies {
		streams = append(streams, lazy(func() gopter.Shrink {
			var cands []any
			for j := range p.Conditions {
				q := *p
				q.Conditions = append(append([]syntax.Condition(nil), p.Conditions[:j]...), p.Conditions[j+1:]...)
				cands = append(cands, &q)
			}
			if len(p.Annotations) > 0 {
				q := *p
				q.Annotations = nil
				cands = append(cands, &q)
			}
			for k, s := range []syntax.Scope{p.Principal, p.Action, p.Resource} {
				for _, ls := range looserScopes(s) {
					q := *p
					switch k {
					case 0:
						q.Principal = ls
					case 1:
						q.Action = ls
					default:
						q.Resource = ls
					}
					cands = append(cands, &q)
				}
			}
			if p.Effect == syntax.Forbid {
				q := *p
				q.Effect = syntax.Permit
				cands = append(cands, &q)
			}
			return mapShrink(values(cands...), func(v any) any { return withPolicy(t, i, v.(*syntax.Policy)) })
		}))
	}
	return gopter.ConcatShrinks(streams...)
}

// looserScopes returns the simpler forms of a scope constraint: no
// constraint, then the parts of `is T in E`, then an `in [...]` with one
// entity fewer. A constraint on a slot stays, so templates keep their
// slots.
func looserScopes(s syntax.Scope) []syntax.Scope {
	if s.Op == syntax.ScopeAll || s.Slot != "" {
		return nil
	}
	out := []syntax.Scope{{Pos: s.Pos, Op: syntax.ScopeAll}}
	switch s.Op {
	case syntax.ScopeIsIn:
		out = append(out, syntax.Scope{Pos: s.Pos, Op: syntax.ScopeIs, Type: s.Type},
			syntax.Scope{Pos: s.Pos, Op: syntax.ScopeIn, Entity: s.Entity})
	case syntax.ScopeIn:
		out = append(out, syntax.Scope{Pos: s.Pos, Op: syntax.ScopeEq, Entity: s.Entity})
	case syntax.ScopeInSet:
		for j := range s.Entities {
			c := s
			c.Entities = append(append([]syntax.EntityUID(nil), s.Entities[:j]...), s.Entities[j+1:]...)
			out = append(out, c)
		}
	}
	return out
}

// conditionShrinks streams each condition body through ExprShrinker.
func conditionShrinks(t *generators.Test) gopter.Shrink {
	if t.Policies == nil {
		return gopter.NoShrink
	}
	var streams []gopter.Shrink
	for i, p := range t.Policies.Policies {
		for j, cd := range p.Conditions {
			streams = append(streams, lazy(func() gopter.Shrink {
				return mapShrink(ExprShrinker(cd.Body), func(v any) any {
					q := *p
					q.Conditions = replaced(p.Conditions, j, syntax.Condition{Pos: cd.Pos, Kind: cd.Kind, Body: v.(syntax.Expr)})
					return withPolicy(t, i, &q)
				})
			}))
		}
	}
	return gopter.ConcatShrinks(streams...)
}

// withEntity returns t with entity i replaced by e.
func withEntity(t *generators.Test, i int, e *syntax.EntityData) *generators.Test {
	return with(t, func(c *generators.Test) { c.Entities = replaced(t.Entities, i, e) })
}

// entityParts streams the simplifications of single entities: fewer
// attributes, parents or tags, then smaller attribute and tag values.
func entityParts(t *generators.Test) gopter.Shrink {
	var streams []gopter.Shrink
	for i, e := range t.Entities {
		streams = append(streams, lazy(func() gopter.Shrink {
			set := func(f func(d *syntax.EntityData)) any {
				d := *e
				f(&d)
				return withEntity(t, i, &d)
			}
			var tags gopter.Shrink = gopter.NoShrink
			if e.Tags != nil {
				tags = values(set(func(d *syntax.EntityData) { d.Tags = nil }))
			}
			return gopter.ConcatShrinks(
				mapShrink(sliceCuts(len(e.Attrs)), func(v any) any {
					return set(func(d *syntax.EntityData) { d.Attrs = pick(e.Attrs, v.([]int)) })
				}),
				mapShrink(sliceCuts(len(e.Parents)), func(v any) any {
					return set(func(d *syntax.EntityData) { d.Parents = pick(e.Parents, v.([]int)) })
				}),
				tags,
				mapShrink(sliceCuts(len(e.Tags)), func(v any) any {
					return set(func(d *syntax.EntityData) { d.Tags = pick(e.Tags, v.([]int)) })
				}),
				fieldValueShrinks(e.Attrs, func(fs []syntax.Field) any {
					return set(func(d *syntax.EntityData) { d.Attrs = fs })
				}),
				fieldValueShrinks(e.Tags, func(fs []syntax.Field) any {
					return set(func(d *syntax.EntityData) { d.Tags = fs })
				}),
			)
		}))
	}
	return gopter.ConcatShrinks(streams...)
}

// fieldValueShrinks streams fs with one value replaced by one of its
// ExprShrinker candidates, each wrapped by rebuild.
func fieldValueShrinks(fs []syntax.Field, rebuild func([]syntax.Field) any) gopter.Shrink {
	streams := make([]gopter.Shrink, len(fs))
	for j, f := range fs {
		streams[j] = lazy(func() gopter.Shrink {
			return mapShrink(ExprShrinker(f.Value), func(v any) any {
				return rebuild(replaced(fs, j, syntax.Field{Key: f.Key, Value: v.(syntax.Expr)}))
			})
		})
	}
	return gopter.ConcatShrinks(streams...)
}

// contextShrinks streams each request's context through ExprShrinker,
// keeping only the candidates that are still records.
func contextShrinks(t *generators.Test) gopter.Shrink {
	var streams []gopter.Shrink
	for i := range t.Requests {
		ctx, ok := t.Requests[i].Context.(*syntax.RecordExpr)
		if !ok {
			continue
		}
		streams = append(streams, lazy(func() gopter.Shrink {
			return mapShrink(ExprShrinker(ctx).Filter(func(v any) bool {
				_, ok := v.(*syntax.RecordExpr)
				return ok
			}), func(v any) any {
				r := t.Requests[i]
				r.Context = v.(syntax.Expr)
				return with(t, func(c *generators.Test) { c.Requests = replaced(t.Requests, i, r) })
			})
		}))
	}
	return gopter.ConcatShrinks(streams...)
}
