package engine

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// index finds the policies whose scope can match a request. Each policy
// is filed under one request variable, by its most selective scope
// constraint: == or in on the principal, then the resource, then the
// action (where `action in [A, B]` files the policy under each of A and
// B); then `is` on the principal or resource. Policies with no such
// constraint are always candidates. The full scope is still checked
// during evaluation, so the index only skips policies whose scope is
// false, which can never be satisfied nor raise an error.
//
// A request variable's own uid and its ancestors are distinct keys, so a
// policy filed under one key is found at most once; only policies filed
// under several keys (multi) need the per-call duplicate check.
type index struct {
	dims   [3]dimIndex
	always []int32
	multi  []bool // filed under more than one key
}

// dimIndex files policies under one request variable.
type dimIndex struct {
	eq     map[uid][]int32 // `var == E`
	in     map[uid][]int32 // `var in E` and `var is T in E`
	inKeys []uid
	is     map[syntax.EntityType][]int32 // `var is T`
}

func buildIndex(policies []*policy) index {
	ix := index{multi: make([]bool, len(policies))} // maps made when first filed into
	for i, p := range policies {
		ix.file(int32(i), p)
	}
	for d := range ix.dims {
		dim := &ix.dims[d]
		for k := range dim.in {
			dim.inKeys = append(dim.inKeys, k)
		}
	}
	return ix
}

func (ix *index) file(i int32, p *policy) {
	for _, d := range [3]int{0, 2, 1} {
		s := &p.scopes[d]
		switch s.op {
		case syntax.ScopeEq:
			fileUnder(&ix.dims[d].eq, s.e, i)
			return
		case syntax.ScopeIn, syntax.ScopeIsIn:
			fileUnder(&ix.dims[d].in, s.e, i)
			return
		case syntax.ScopeInSet:
			// An empty list never matches: the policy is filed nowhere.
			var seen map[uid]bool // for a long list; a short one is scanned
			if len(s.set) > 16 {
				seen = make(map[uid]bool, len(s.set))
			}
			keys := 0
			for j, e := range s.set {
				if seen != nil && !seen[e] || seen == nil && !slices.Contains(s.set[:j], e) {
					if seen != nil {
						seen[e] = true
					}
					keys++
					fileUnder(&ix.dims[d].in, e, i)
				}
			}
			ix.multi[i] = keys > 1
			return
		}
	}
	for _, d := range [2]int{0, 2} {
		if s := &p.scopes[d]; s.op == syntax.ScopeIs {
			fileUnder(&ix.dims[d].is, s.typ, i)
			return
		}
	}
	ix.always = append(ix.always, i)
}

// fileUnder files policy i under key k of *m, making the map if need be.
func fileUnder[K comparable](m *map[K][]int32, k K, i int32) {
	if *m == nil {
		*m = make(map[K][]int32, 1)
	}
	(*m)[k] = append((*m)[k], i)
}

// candidates calls sc.run for every policy whose scope may match the
// request in en, each exactly once.
func (ix *index) candidates(en *env, sc *scratch) {
	for _, i := range ix.always {
		sc.run(i)
	}
	for d := range ix.dims {
		dim := &ix.dims[d]
		u := en.uids[d]
		if len(dim.eq) > 0 {
			for _, i := range dim.eq[u] {
				sc.run(i)
			}
		}
		if len(dim.in) > 0 {
			for _, i := range dim.in[u] {
				sc.run(i)
			}
			if e := en.ents[d]; e != nil {
				if !e.manyAncestors && len(e.ancestors) <= len(dim.inKeys) {
					for _, a := range e.ancestors {
						for _, i := range dim.in[a] {
							sc.run(i)
						}
					}
				} else {
					for _, k := range dim.inKeys {
						if k != u && e.hasAncestor(k) {
							for _, i := range dim.in[k] {
								sc.run(i)
							}
						}
					}
				}
			}
		}
		if len(dim.is) > 0 {
			for _, i := range dim.is[en.types[d]] {
				sc.run(i)
			}
		}
	}
}
