package shrink

import (
	"cmp"
	"maps"
	"slices"
	"strings"

	"github.com/leanovate/gopter"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// renameCuts renames one entity everywhere it appears (its data, parent
// lists, requests, scopes, links, and entity literals in policies,
// attributes, tags and contexts) to the shortest id of its type not yet
// taken: "a", "b", ... Actions are left alone: their ids are declared by
// the schema, and their names say what a test is about.
func renameCuts(t *generators.Test) gopter.Shrink {
	uids := entityUIDs(t)
	taken := map[syntax.EntityUID]bool{}
	for _, u := range uids {
		taken[u] = true
	}
	var cands []func() any
	for _, u := range uids {
		if isAction(u) || t.Schema != nil && t.Schema.Actions[u] != nil {
			continue
		}
		to, ok := shortID(u, taken)
		if !ok {
			continue
		}
		cands = append(cands, func() any { return renamed(t, u, to) })
	}
	return indexed(len(cands), func(i int) (any, bool) { return cands[i](), true })
}

// isAction reports whether u is an action by its type's name, Action
// or N::Action.
func isAction(u syntax.EntityUID) bool {
	return u.Type == "Action" || strings.HasSuffix(string(u.Type), "::Action")
}

// shortID returns the first uid of u's type with a one-letter id that is
// not taken and shorter than u's (or equal in length but earlier).
func shortID(u syntax.EntityUID, taken map[syntax.EntityUID]bool) (syntax.EntityUID, bool) {
	for c := 'a'; c <= 'z'; c++ {
		v := syntax.EntityUID{Type: u.Type, ID: string(c)}
		if taken[v] {
			continue
		}
		if len(v.ID) < len(u.ID) || len(v.ID) == len(u.ID) && v.ID < u.ID {
			return v, true
		}
		return syntax.EntityUID{}, false
	}
	return syntax.EntityUID{}, false
}

// entityUIDs lists every entity uid the test mentions, sorted.
func entityUIDs(t *generators.Test) []syntax.EntityUID {
	seen := map[syntax.EntityUID]bool{}
	visitUIDs(t, func(u syntax.EntityUID) syntax.EntityUID {
		seen[u] = true
		return u
	})
	return slices.SortedFunc(maps.Keys(seen), func(a, b syntax.EntityUID) int {
		return cmp.Or(cmp.Compare(a.Type, b.Type), cmp.Compare(a.ID, b.ID))
	})
}

// renamed returns t with every from replaced by to.
func renamed(t *generators.Test, from, to syntax.EntityUID) *generators.Test {
	c := with(t, func(*generators.Test) {})
	visitUIDs(c, func(u syntax.EntityUID) syntax.EntityUID {
		if u == from {
			return to
		}
		return u
	})
	return c
}

// visitUIDs calls f on every entity uid of t and, on a copy-on-write
// basis, stores back what f returns: t's slices and nodes are replaced,
// never modified, wherever a uid changes. t itself must be a fresh
// shallow copy (its fields are reassigned).
func visitUIDs(t *generators.Test, f func(syntax.EntityUID) syntax.EntityUID) {
	var expr func(e syntax.Expr) syntax.Expr
	expr = func(e syntax.Expr) syntax.Expr {
		if e == nil {
			return nil
		}
		if l, ok := e.(*syntax.Literal); ok {
			if u, ok := l.Value.(syntax.EntityUID); ok {
				if v := f(u); v != u {
					return &syntax.Literal{Pos: l.Pos, Value: v}
				}
			}
			return e
		}
		for i, k := range children(e) {
			if n := expr(k); n != k {
				e = withChild(e, i, n)
			}
		}
		return e
	}
	fields := func(fs []syntax.Field) []syntax.Field {
		var out []syntax.Field
		for i, fl := range fs {
			if v := expr(fl.Value); v != fl.Value {
				if out == nil {
					out = slices.Clone(fs)
				}
				out[i].Value = v
			}
		}
		if out == nil {
			return fs
		}
		return out
	}
	uids := func(us []syntax.EntityUID) []syntax.EntityUID {
		var out []syntax.EntityUID
		for i, u := range us {
			if v := f(u); v != u {
				if out == nil {
					out = slices.Clone(us)
				}
				out[i] = v
			}
		}
		if out == nil {
			return us
		}
		return out
	}

	ents := slices.Clone(t.Entities)
	for i, e := range ents {
		d := *e
		d.UID = f(e.UID)
		d.Parents = uids(e.Parents)
		d.Attrs = fields(e.Attrs)
		d.Tags = fields(e.Tags)
		ents[i] = &d
	}
	t.Entities = ents

	reqs := slices.Clone(t.Requests)
	for i := range reqs {
		reqs[i].Principal = f(reqs[i].Principal)
		reqs[i].Action = f(reqs[i].Action)
		reqs[i].Resource = f(reqs[i].Resource)
		reqs[i].Context = expr(reqs[i].Context)
	}
	t.Requests = reqs

	if t.Policies == nil {
		return
	}
	scope := func(s syntax.Scope) syntax.Scope {
		if s.Op == syntax.ScopeEq || s.Op == syntax.ScopeIn || s.Op == syntax.ScopeIsIn {
			if s.Slot == "" {
				s.Entity = f(s.Entity)
			}
		}
		s.Entities = uids(s.Entities)
		return s
	}
	ps := &syntax.PolicySet{}
	for _, p := range t.Policies.Policies {
		q := *p
		q.Principal, q.Action, q.Resource = scope(p.Principal), scope(p.Action), scope(p.Resource)
		q.Conditions = slices.Clone(p.Conditions)
		for i := range q.Conditions {
			q.Conditions[i].Body = expr(q.Conditions[i].Body)
		}
		ps.Policies = append(ps.Policies, &q)
	}
	for _, l := range t.Policies.Links {
		m := make(map[syntax.SlotID]syntax.EntityUID, len(l.Values))
		for k, u := range l.Values {
			m[k] = f(u)
		}
		l.Values = m
		ps.Links = append(ps.Links, l)
	}
	t.Policies = ps
}
