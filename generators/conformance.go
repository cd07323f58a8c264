package generators

import (
	"slices"
	"sort"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Conformance faults: a request or an entity that does not conform to
// the schema, so that request and entity validation see both answers.
// They are off unless Settings.ConformanceFaultPercent is set: the other
// tests need conforming requests and entities (the validator soundness
// property is checked only on them, and a test file read with its schema
// cannot hold a non-conforming context).
const (
	// FaultContextType gives a request's context attribute a value of
	// another type.
	FaultContextType FaultKind = "context-type"
	// FaultPrincipalType gives a request a principal of a type its action
	// does not apply to.
	FaultPrincipalType FaultKind = "principal-type"
	// FaultMissingAttr removes a required attribute from an entity or a
	// request's context.
	FaultMissingAttr FaultKind = "missing-attribute"
	// FaultExtraAttr adds an undeclared attribute to an entity or a
	// request's context.
	FaultExtraAttr FaultKind = "extra-attribute"
	// FaultParentType gives an entity a parent of a type that is not
	// among the types its ancestors may have.
	FaultParentType FaultKind = "parent-type"
	// FaultTagType gives an entity a tag of the wrong type, or a tag on a
	// type that declares none.
	FaultTagType FaultKind = "tag-type"
	// FaultResourceType gives a request a resource of a type its action
	// does not apply to.
	FaultResourceType FaultKind = "resource-type"
	// FaultUndeclaredAction gives a request an action the schema does not
	// declare.
	FaultUndeclaredAction FaultKind = "undeclared-action"
	// FaultActionParents leaves out the entity of a group that is in
	// groups itself, drops one parent of an action entity that has some
	// (its declared ancestors are then not all reached), or gives an
	// action without groups a group.
	FaultActionParents FaultKind = "action-parents"
)

// requestFaults are the conformance faults of a request.
var requestFaults = []FaultKind{FaultContextType, FaultPrincipalType, FaultResourceType, FaultUndeclaredAction, FaultMissingAttr, FaultExtraAttr}

// entityFaults are the conformance faults of the entities, drawn
// uniformly; FaultActionParents is listed twice, because it applies to
// fewer tests (it needs action entities, and its most telling form a
// group with groups of its own) and a bug of the action closure is
// caught only by it (mutants/validator-entities-action-closure-through-schema).
var entityFaults = []FaultKind{FaultMissingAttr, FaultExtraAttr, FaultParentType, FaultTagType, FaultActionParents, FaultActionParents}

// injectConformanceFaults makes each request non-conforming in
// ConformanceFaultPercent% of cases, independently, and one entity in
// three times as many tests (at most 90%) (request validation is compared request by
// request, so several faulty requests tell apart, while one faulty
// entity decides the whole set). A fault that cannot apply to the test is
// skipped. It draws nothing when the setting is off, so that the other
// tests stay the same.
func (g *gen) injectConformanceFaults(t *Test) {
	pct := g.s.ConformanceFaultPercent
	if pct <= 0 || t.Schema == nil {
		return
	}
	for i := range t.Requests {
		if g.chance(pct) {
			f := Fault{Kind: pick(g.draw, requestFaults), Request: i}
			if g.requestFault(t, i, f.Kind) {
				t.Faults = append(t.Faults, f)
			}
		}
	}
	// Entity faults share one test among five kinds: more often, so
	// that each kind is common, yet a tenth of the tests keep
	// conforming entities.
	if g.chance(min(90, pct*3)) {
		f := Fault{Kind: pick(g.draw, entityFaults)}
		ok := false
		if f.Kind == FaultActionParents {
			ok = g.actionParentsFault(t, &f)
		} else {
			ok = g.entityFault(t, f.Kind, &f)
		}
		if ok {
			t.Faults = append(t.Faults, f)
		}
	}
}

// requestFault makes request i non-conforming.
func (g *gen) requestFault(t *Test, i int, kind FaultKind) bool {
	req := &t.Requests[i]
	ctx, _ := req.Context.(*syntax.RecordExpr)
	if ctx == nil {
		ctx = &syntax.RecordExpr{}
	}
	ctx = &syntax.RecordExpr{Pos: ctx.Pos, Fields: cloneFields(ctx.Fields)}
	switch kind {
	case FaultPrincipalType, FaultResourceType:
		d := t.Schema.Actions[req.Action]
		if d == nil || d.AppliesTo == nil {
			return false
		}
		allowed, target := d.AppliesTo.PrincipalTypes, &req.Principal
		if kind == FaultResourceType {
			allowed, target = d.AppliesTo.ResourceTypes, &req.Resource
		}
		var others []syntax.EntityType
		for _, name := range sortedTypes(t.Schema) {
			if !slices.Contains(allowed, name) {
				others = append(others, name)
			}
		}
		if len(others) == 0 {
			return false
		}
		*target = syntax.EntityUID{Type: pick(g.draw, others), ID: pick(g.draw, stringPool)}
		return true
	case FaultUndeclaredAction:
		req.Action = syntax.EntityUID{Type: req.Action.Type, ID: "undeclaredAction"}
		return true
	case FaultContextType:
		if len(ctx.Fields) == 0 {
			return false
		}
		j := g.intn(len(ctx.Fields))
		ctx.Fields[j].Value = wrongTyped(ctx.Fields[j].Value)
	case FaultMissingAttr:
		d := t.Schema.Actions[req.Action]
		if d == nil || d.AppliesTo == nil {
			return false
		}
		j := requiredField(ctx.Fields, d.AppliesTo.Context)
		if j < 0 {
			return false
		}
		ctx.Fields = slices.Delete(ctx.Fields, j, j+1)
	case FaultExtraAttr:
		ctx.Fields = addUndeclared(ctx.Fields)
	}
	req.Context = ctx
	return true
}

// entityFault makes one non-action entity non-conforming; f.Entity
// records it. The entity is copied, so that no other part of the test
// shares the change.
func (g *gen) entityFault(t *Test, kind FaultKind, f *Fault) bool {
	var cands []int
	for i, e := range t.Entities {
		if !e.UID.Type.IsAction() && t.Schema.EntityTypes[e.UID.Type] != nil {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 {
		return false
	}
	i := pick(g.draw, cands)
	old := t.Entities[i]
	e := &syntax.EntityData{Pos: old.Pos, UID: old.UID, Parents: slices.Clone(old.Parents), Attrs: cloneFields(old.Attrs), Tags: cloneFields(old.Tags)}
	d := t.Schema.EntityTypes[e.UID.Type]
	f.Entity = e.UID
	switch kind {
	case FaultMissingAttr:
		j := requiredField(e.Attrs, d.Shape)
		if j < 0 {
			return false
		}
		e.Attrs = slices.Delete(e.Attrs, j, j+1)
	case FaultExtraAttr:
		e.Attrs = addUndeclared(e.Attrs)
	case FaultParentType:
		var others []syntax.EntityType
		for _, name := range sortedTypes(t.Schema) {
			// Not a transitive ancestor type either: a parent may have any
			// type an ancestor may have.
			if !slices.Contains(d.MemberOfTypes, name) && !g.si.ancestorTypes[e.UID.Type][name] && t.Schema.EntityTypes[name].Enum == nil {
				others = append(others, name)
			}
		}
		if len(others) == 0 {
			return false
		}
		e.Parents = append(e.Parents, syntax.EntityUID{Type: pick(g.draw, others), ID: pick(g.draw, stringPool)})
	case FaultTagType:
		if d.Tags != nil && len(e.Tags) > 0 {
			j := g.intn(len(e.Tags))
			e.Tags[j].Value = wrongTyped(e.Tags[j].Value)
		} else if d.Tags == nil {
			e.Tags = append(e.Tags, syntax.Field{Key: pick(g.draw, stringPool), Value: syntax.Long(1)})
		} else {
			return false
		}
	}
	t.Entities[i] = e
	return true
}

// actionParentsFault changes the action entities: a group with groups
// of its own left out, or one action's parents changed: one dropped
// when it has some, else a declared group added.
func (g *gen) actionParentsFault(t *Test, f *Fault) bool {
	var cands []int
	for i, e := range t.Entities {
		if e.UID.Type.IsAction() && t.Schema.Actions[e.UID] != nil {
			cands = append(cands, i)
		}
	}
	if len(cands) == 0 || len(g.si.groups) == 0 {
		return false
	}
	// A group that has groups of its own left out of the data: the
	// actions in it list it, and Cedar closes their parents through the
	// given entities only, so they lack its groups. Taken whenever the
	// test has such a group: it is the form that tells a closure through
	// the given entities from one through the schema.
	{
		var nested []int
		for _, i := range cands {
			if len(t.Entities[i].Parents) > 0 && slices.Contains(g.si.groups, t.Entities[i].UID) {
				nested = append(nested, i)
			}
		}
		if len(nested) > 0 {
			i := pick(g.draw, nested)
			f.Entity = t.Entities[i].UID
			t.Entities = slices.Delete(slices.Clone(t.Entities), i, i+1)
			return true
		}
	}
	i := pick(g.draw, cands)
	old := t.Entities[i]
	e := &syntax.EntityData{Pos: old.Pos, UID: old.UID, Parents: slices.Clone(old.Parents)}
	if len(e.Parents) > 0 {
		j := g.intn(len(e.Parents))
		e.Parents = slices.Delete(e.Parents, j, j+1)
	} else {
		grp := pick(g.draw, g.si.groups)
		if grp == e.UID {
			return false
		}
		e.Parents = append(e.Parents, grp)
	}
	f.Entity = e.UID
	t.Entities[i] = e
	return true
}

// wrongTyped returns a value whose type differs from v's: a Long for a
// string literal, a string for anything else.
func wrongTyped(v syntax.Expr) syntax.Expr {
	if lit, ok := v.(*syntax.Literal); ok {
		if _, isStr := lit.Value.(string); isStr {
			return syntax.Long(7)
		}
	}
	return syntax.String("not-the-declared-type")
}

// requiredField returns the index in fields of a required attribute of
// rt, or -1.
func requiredField(fields []syntax.Field, rt *syntax.RecordType) int {
	if rt == nil {
		return -1
	}
	for j, fl := range fields {
		if a := rt.Attrs[fl.Key]; a != nil && a.Required {
			return j
		}
	}
	return -1
}

// undeclaredAttr is an attribute name no generated schema declares.
const undeclaredAttr = "undeclaredAttribute"

func addUndeclared(fields []syntax.Field) []syntax.Field {
	return append(fields, syntax.Field{Key: undeclaredAttr, Value: syntax.Long(1)})
}

func sortedTypes(s *syntax.Schema) []syntax.EntityType {
	out := make([]syntax.EntityType, 0, len(s.EntityTypes))
	for name := range s.EntityTypes {
		out = append(out, name)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
