package engine

import "github.com/cedar-crosscheck/crosscheck/syntax"

// index finds the policies whose scope can match a request. Each policy
// is filed under exactly one key of one request variable, chosen by its
// most selective scope constraint (== or in on the principal, then the
// resource, then the action; then `is` on the principal or resource);
// policies with no such constraint are always candidates. Because a
// request variable's own uid and its ancestors are distinct keys, every
// policy is found at most once, and the full scope is still checked
// during evaluation, so the index only skips policies whose scope is
// false, which can never be satisfied nor raise an error.
type index struct {
	dims   [3]dimIndex
	always []int32
}

// dimIndex files policies under one request variable.
type dimIndex struct {
	eq     map[uid][]int32 // `var == E`
	in     map[uid][]int32 // `var in E` and `var is T in E`
	inKeys []uid
	is     map[syntax.EntityType][]int32 // `var is T`
}

func buildIndex(policies []*policy) index {
	var ix index
	for d := range ix.dims {
		ix.dims[d] = dimIndex{eq: map[uid][]int32{}, in: map[uid][]int32{}, is: map[syntax.EntityType][]int32{}}
	}
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
			ix.dims[d].eq[s.e] = append(ix.dims[d].eq[s.e], i)
			return
		case syntax.ScopeIn, syntax.ScopeIsIn:
			ix.dims[d].in[s.e] = append(ix.dims[d].in[s.e], i)
			return
		}
	}
	for _, d := range [2]int{0, 2} {
		if s := &p.scopes[d]; s.op == syntax.ScopeIs {
			ix.dims[d].is[s.typ] = append(ix.dims[d].is[s.typ], i)
			return
		}
	}
	ix.always = append(ix.always, i)
}

// candidates calls sc.run for every policy whose scope may match the
// request in en, each exactly once.
func (ix *index) candidates(en *env, sc *scratch) {
	for _, i := range ix.always {
		sc.run(i)
	}
	for d := range ix.dims {
		dim := &ix.dims[d]
		u := en.vars[d].e
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
				if len(e.ancestors) <= len(dim.inKeys) {
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
