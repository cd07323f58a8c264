package engine

import "github.com/cedar-crosscheck/crosscheck/syntax"

// env is the per-request state evaluation reads: the request variables,
// the entity store, and the store's entities for the three request uids,
// looked up once per request.
type env struct {
	store *EntityStore
	vars  [4]value // indexed by syntax.Var
	uids  [3]uid   // the uids of vars[0:3]
	ents  [3]*entity
	types [3]syntax.EntityType
}

// entity returns the entity with uid u, or nil if the store has none.
func (en *env) entity(u uid) *entity {
	for i := range en.ents {
		if e := en.ents[i]; e != nil && e.uid == u {
			return e
		}
	}
	if en.store == nil {
		return nil
	}
	return en.store.entities[u]
}

// inEntity is Cedar's `a in b` for two entities: a == b, or b is an
// ancestor of a. A missing a has no ancestors.
func (en *env) inEntity(a, b uid) bool {
	if a == b {
		return true
	}
	e := en.entity(a)
	return e != nil && e.hasAncestor(b)
}

// inVar is `v in u` for request variable d (0 principal, 1 action, 2
// resource).
func (en *env) inVar(d int, u uid) bool {
	if en.uids[d] == u {
		return true
	}
	e := en.ents[d]
	return e != nil && e.hasAncestor(u)
}
