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
}

// step is one access of a path: `.attr`, or `.getTag(attr)` when tag is
// set. An optional step needs a guard before it may be taken.
type step struct {
	attr     string
	tag      bool
	required bool
}

// path is a chain of accesses from a root expression, with the type of
// the result.
type path struct {
	root  func() syntax.Expr
	key   string // the root, for telling paths and guards apart
	steps []step
	typ   syntax.Type
	// noValue marks a root that may only be extended, not used itself.
	noValue bool
}

// maxPathSteps bounds the length of access chains.
const maxPathSteps = 3

// newEnv builds the environment for the given admitted actions and
// request types, and enumerates its access paths.
func (g *gen) newEnv(actions []syntax.EntityUID, principals, resources []syntax.EntityType) *env {
	e := &env{actions: actions, principals: principals, resources: resources}
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
	out := &syntax.RecordType{Attrs: map[string]*syntax.AttributeType{}}
	if len(actions) == 0 {
		return out
	}
	first := g.si.schema.Actions[actions[0]].AppliesTo.Context
	for _, k := range sortedAttrs(first) {
		at := first.Attrs[k]
		ok := true
		for _, a := range actions[1:] {
			other := g.si.schema.Actions[a].AppliesTo.Context.Attrs[k]
			if other == nil || other.Required != at.Required || !typeEqual(other.Type, at.Type) {
				ok = false
				break
			}
		}
		if ok {
			out.Attrs[k] = at
		}
	}
	return out
}

// enumeratePaths lists the accesses reachable from the request variables
// whose type is fixed, from context, and from one entity literal.
func (g *gen) enumeratePaths(e *env) {
	var roots []path
	if e.principal != "" {
		roots = append(roots, path{root: varRoot(syntax.VarPrincipal), key: "principal", typ: &syntax.EntityRefType{Name: e.principal}})
	}
	if e.resource != "" {
		roots = append(roots, path{root: varRoot(syntax.VarResource), key: "resource", typ: &syntax.EntityRefType{Name: e.resource}})
	}
	// With several actions, context's type differs between them: only
	// the shared attributes may be read, and context itself is no value
	// of a known type.
	roots = append(roots, path{root: varRoot(syntax.VarContext), key: "context", typ: e.context, noValue: len(e.actions) != 1})
	if g.chance(25) {
		t := pick(g.draw, g.si.types)
		uid := g.entityOf(t)
		roots = append(roots, path{root: func() syntax.Expr { return syntax.Entity(uid) }, key: uid.String(), typ: &syntax.EntityRefType{Name: t}})
	}
	const maxPaths = 80
	queue := roots
	for len(queue) > 0 && len(e.paths) < maxPaths {
		p := queue[0]
		queue = queue[1:]
		e.paths = append(e.paths, p)
		if len(p.steps) >= maxPathSteps {
			continue
		}
		for _, c := range g.children(p) {
			queue = append(queue, c)
		}
	}
}

func varRoot(v syntax.Var) func() syntax.Expr {
	return func() syntax.Expr { return syntax.VarExpr(v) }
}

// children returns the one-step extensions of a path: its attributes,
// and for an entity type with tags, a few tag keys.
func (g *gen) children(p path) []path {
	var out []path
	extend := func(s step, t syntax.Type) {
		steps := append(slices.Clip(p.steps), s)
		out = append(out, path{root: p.root, key: p.key, steps: steps, typ: t})
	}
	switch t := p.typ.(type) {
	case *syntax.RecordType:
		for _, k := range sortedAttrs(t) {
			extend(step{attr: k, required: t.Attrs[k].Required}, t.Attrs[k].Type)
		}
	case *syntax.EntityRefType:
		def := g.si.def(t.Name)
		if def == nil || def.IsEnum() {
			return nil
		}
		for _, k := range sortedAttrs(def.Shape) {
			extend(step{attr: k, required: def.Shape.Attrs[k].Required}, def.Shape.Attrs[k].Type)
		}
		if def.Tags != nil && g.s.Tags {
			for _, k := range distinct(g.draw, tagKeyPool, 2) {
				extend(step{attr: k, tag: true}, def.Tags)
			}
		}
	}
	return out
}

// pathsOf returns the paths of e whose type is t.
func (e *env) pathsOf(t syntax.Type) []path {
	var out []path
	for _, p := range e.paths {
		if !p.noValue && typeEqual(p.typ, t) {
			out = append(out, p)
		}
	}
	return out
}
