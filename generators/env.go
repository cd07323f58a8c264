package generators

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// env is what a policy's conditions may assume: the request types its
// scope admits. A condition is generated to type check in every request
// environment of the schema that the scope does not rule out statically
// (the validator types the scope as False in the others, and && short
// circuits the conditions away there).
type env struct {
	// principal and resource are the fixed types of the request
	// variables, or "" when the scope admits several.
	principal, resource syntax.EntityType
	// principals and resources list the admitted types.
	principals, resources []syntax.EntityType
	// actions lists the admitted actions.
	actions []syntax.EntityUID
	// context holds the context attributes that every admitted action
	// declares with the same type and requiredness.
	context *syntax.RecordType
	// paths lists the attribute and tag accesses available, with their
	// types; literal is an entity literal some paths start from.
	paths []path
	// classes and classOf (the class of each path, -1 for none) are set
	// by typeClasses on first use (classesDone).
	classes     []pathClass
	classOf     []int8
	classesDone bool
}

// step is one access of a path: `.attr`, or `.getTag(attr)` when tag is
// set. An optional step needs a guard before it may be taken.
type step struct {
	attr     string
	tag      bool
	required bool
}

// path is a chain of accesses from a root expression, with the type of
// the result. The root is a request variable, or the entity literal
// entity when that is set. A path of depth n > 0 is the path at index
// parent of its environment's paths followed by the step last (see
// env.steps).
type path struct {
	entity  *syntax.EntityUID
	key     string // the root, for telling paths and guards apart
	typ     syntax.Type
	last    step
	parent  int32
	depth   uint8
	rootVar syntax.Var
	// noValue marks a root that may only be extended, not used itself.
	noValue bool
}

// steps returns the steps of p, a path of e, in buf.
func (e *env) steps(p *path, buf *[maxPathSteps]step) []step {
	n := int(p.depth)
	for i := n - 1; i >= 0; i-- {
		buf[i] = p.last
		p = &e.paths[p.parent]
	}
	return buf[:n]
}

// root returns a new expression for the root of p.
func (g *gen) root(p *path) syntax.Expr {
	if p.entity != nil {
		return g.entityLit(*p.entity)
	}
	return syntax.VarExpr(p.rootVar)
}

// maxPathSteps bounds the length of access chains.
const maxPathSteps = 3

// maxPaths bounds the number of paths of an environment.
const maxPaths = 80

// newEnv builds the environment for the given admitted actions and
// request types, and enumerates its access paths.
func (g *gen) newEnv(actions []syntax.EntityUID, principals, resources []syntax.EntityType) *env {
	var e *env
	if n := len(g.freeEnvs); n > 0 {
		// A released environment, its buffers kept for reuse.
		e, g.freeEnvs = g.freeEnvs[n-1], g.freeEnvs[:n-1]
		*e = env{paths: e.paths[:0], classes: e.classes[:0], classOf: e.classOf[:0]}
	} else {
		e = &env{}
	}
	e.actions, e.principals, e.resources = actions, principals, resources
	if len(principals) == 1 {
		e.principal = principals[0]
	}
	if len(resources) == 1 {
		e.resource = resources[0]
	}
	e.context = g.commonContext(actions)
	g.enumeratePaths(e)
	return e
}

// commonContext returns the context attributes shared, with equal types
// and requiredness, by every action in actions.
func (g *gen) commonContext(actions []syntax.EntityUID) *syntax.RecordType {
	if len(actions) == 0 {
		return &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
	}
	first := g.si.schema.Actions[actions[0]].AppliesTo.Context
	if len(actions) == 1 {
		// Its own context (schema types are not changed once built).
		return first
	}
	out := &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
	for _, at := range g.attrs(first) {
		k := at.name
		ok := true
		for _, a := range actions[1:] {
			other := g.si.schema.Actions[a].AppliesTo.Context.Attrs[k]
			if other == nil || other.Required != at.Required || !typeEqual(other.Type, at.Type) {
				ok = false
				break
			}
		}
		if ok {
			out.Attrs[k] = at.AttributeType
		}
	}
	return out
}

// enumeratePaths lists the accesses reachable from the request variables
// whose type is fixed, from context, and from one entity literal: the
// first maxPaths of a breadth-first walk.
func (g *gen) enumeratePaths(e *env) {
	paths := e.paths[:0]
	if e.principal != "" {
		paths = append(paths, path{rootVar: syntax.VarPrincipal, key: "principal", typ: &syntax.EntityRefType{Name: e.principal}})
	}
	if e.resource != "" {
		paths = append(paths, path{rootVar: syntax.VarResource, key: "resource", typ: &syntax.EntityRefType{Name: e.resource}})
	}
	// With several actions, context's type differs between them: only
	// the shared attributes may be read, and context itself is no value
	// of a known type.
	paths = append(paths, path{rootVar: syntax.VarContext, key: "context", typ: e.context, noValue: len(e.actions) != 1})
	if g.chance(25) {
		t := pick(g.draw, g.si.types)
		uid := g.entityOf(t)
		paths = append(paths, path{entity: &uid, key: uid.String(), typ: &syntax.EntityRefType{Name: t}})
	}
	// paths is its own queue: the walk visits them in order, and stops
	// after visiting maxPaths of them. The children of every visited
	// path are drawn (they make random choices) but kept only while
	// there is room.
	for i := 0; i < len(paths) && i < maxPaths; i++ {
		if paths[i].depth < maxPathSteps {
			paths = g.appendChildren(paths, i)
		}
	}
	e.paths = paths[:min(len(paths), maxPaths)]
}

// releaseEnv gives e, which must not be used again, to the next newEnv
// for reuse. (Environments nest: each is done with before the one it was
// made in.)
func (g *gen) releaseEnv(e *env) {
	g.freeEnvs = append(g.freeEnvs, e)
}

// appendChildren appends to paths the one-step extensions of paths[i]:
// its attributes, and for an entity type with tags, a few tag keys. It
// appends nothing once paths holds maxPaths.
func (g *gen) appendChildren(paths []path, i int) []path {
	p := paths[i]
	extend := func(s step, t syntax.Type) {
		if len(paths) < maxPaths {
			paths = append(paths, path{rootVar: p.rootVar, entity: p.entity, key: p.key, typ: t, last: s, parent: int32(i), depth: p.depth + 1})
		}
	}
	switch t := p.typ.(type) {
	case *syntax.RecordType:
		for _, at := range g.attrs(t) {
			extend(step{attr: at.name, required: at.Required}, at.Type)
		}
	case *syntax.EntityRefType:
		def := g.si.def(t.Name)
		if def == nil || def.IsEnum() {
			return paths
		}
		for _, at := range g.attrs(def.Shape) {
			extend(step{attr: at.name, required: at.Required}, at.Type)
		}
		if def.Tags != nil && g.s.Tags {
			var keys [2]string
			for _, k := range distinctInto(g.draw, keys[:0], tagKeyPool, 2) {
				extend(step{attr: k, tag: true}, def.Tags)
			}
		}
	}
	return paths
}

// pathClass is a type of the value paths of an environment (the type of
// the first such path, by typeEqual) and how many paths have it.
type pathClass struct {
	typ syntax.Type
	n   int
}

// typeClasses groups the paths of e that are values by type, in the
// order of the types' first paths, and sets e.classOf. It is computed
// once per environment.
func (e *env) typeClasses() []pathClass {
	if e.classesDone {
		return e.classes
	}
	e.classesDone = true
	e.classOf = slices.Grow(e.classOf[:0], len(e.paths))[:len(e.paths)]
next:
	for i := range e.paths {
		p := &e.paths[i]
		e.classOf[i] = -1
		if p.noValue {
			continue
		}
		for c := range e.classes {
			if typeEqual(e.classes[c].typ, p.typ) {
				e.classes[c].n++
				e.classOf[i] = int8(c)
				continue next
			}
		}
		e.classOf[i] = int8(len(e.classes))
		e.classes = append(e.classes, pathClass{typ: p.typ, n: 1})
	}
	return e.classes
}

// classOfType returns the class of e's value paths of type t and their
// number, or -1 and 0 when there are none.
func (e *env) classOfType(t syntax.Type) (int, int) {
	for c, pc := range e.typeClasses() {
		if typeEqual(pc.typ, t) {
			return c, pc.n
		}
	}
	return -1, 0
}

// pickOfType returns a random path of class c (of n paths): what pick
// would choose from the slice of them.
func (g *gen) pickOfType(e *env, c, n int) path {
	k := g.intn(n)
	for i, pc := range e.classOf {
		if int(pc) == c {
			if k == 0 {
				return e.paths[i]
			}
			k--
		}
	}
	panic("generators: pickOfType out of range")
}

// countPaths returns the number of paths of e that match.
func (e *env) countPaths(match func(*path) bool) int {
	n := 0
	for i := range e.paths {
		if match(&e.paths[i]) {
			n++
		}
	}
	return n
}

// nthPath returns the k-th (from 0) path of e that matches.
func (e *env) nthPath(match func(*path) bool, k int) path {
	for i := range e.paths {
		if match(&e.paths[i]) {
			if k == 0 {
				return e.paths[i]
			}
			k--
		}
	}
	panic("generators: nthPath out of range")
}

// pickPath returns a random path of e among those that match, n of
// them: what pick would choose from the slice of them.
func (g *gen) pickPath(e *env, match func(*path) bool, n int) path {
	return e.nthPath(match, g.intn(n))
}
