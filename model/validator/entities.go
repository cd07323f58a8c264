package validator

import (
	"fmt"
	"sort"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ValidateEntities checks entity data against a schema. An entity of a
// declared type must have a valid id (for an enumerated type), attributes
// that form an instance of the type's shape (no undeclared attribute,
// every required one), parents whose types the type may be a member of,
// and tags only if the type declares a tag type, each an instance of it.
// An action entity must be a declared action, without attributes or tags,
// whose ancestors are exactly those the schema declares, its ancestors
// being its parents closed transitively through the parents the given
// action entities list (as Cedar closes the data before it compares an
// action entity with its declaration): an action may list only its direct
// groups when the groups are given with theirs. Any other entity type is
// an error.
// Unlike the Lean specification, the schema's actions need not all be
// present: the entity readers add them. The error is a syntax.ErrorList
// with one error per offending entity.
func ValidateEntities(schema *syntax.Schema, entities []*syntax.EntityData) error {
	ix := newSchemaIndex(schema)
	actionParents := map[syntax.EntityUID][]syntax.EntityUID{}
	for _, ed := range entities {
		if ed != nil && ix.actionTypes[ed.UID.Type] {
			actionParents[ed.UID] = append(actionParents[ed.UID], ed.Parents...)
		}
	}
	var errs syntax.ErrorList
	for _, ed := range entities {
		if ed == nil {
			continue
		}
		if err := validateEntity(ix, ed, actionParents); err != nil {
			if !err.Pos.IsValid() {
				err.Pos = ed.Pos
			}
			errs = append(errs, err)
		}
	}
	return errs.Err()
}

func validateEntity(ix *schemaIndex, ed *syntax.EntityData, actionParents map[syntax.EntityUID][]syntax.EntityUID) *syntax.Error {
	uid := ed.UID
	d, ok := ix.entityType(uid.Type)
	if !ok {
		if ix.actionTypes[uid.Type] {
			return validateActionEntity(ix, ed, actionParents)
		}
		return &syntax.Error{Kind: "UnrecognizedEntityType",
			Msg: fmt.Sprintf("entity %s: type %s is not declared in the schema", uid, uid.Type)}
	}
	if d.IsEnum() && !contains(d.Enum, uid.ID) {
		return &syntax.Error{Kind: "InvalidEnumEntity",
			Msg: fmt.Sprintf("entity %s: %s is not one of the ids %q of the enumerated type %s", uid, syntax.Quote(uid.ID), d.Enum, uid.Type)}
	}
	name := "entity " + uid.String()
	if err := recordInstanceOf(ix, ed.Pos, ed.Attrs, ix.attrs[uid.Type], name); err != nil {
		return err
	}
	for _, p := range ed.Parents {
		if !ix.typeAncestors[uid.Type][p.Type] {
			return &syntax.Error{Kind: "InvalidParent",
				Msg: fmt.Sprintf("%s has parent %s, but type %s is not a member of type %s in the schema", name, p, uid.Type, p.Type)}
		}
		if !ix.isKnownUID(p) {
			return &syntax.Error{Kind: "InvalidParent", Msg: fmt.Sprintf("%s has parent %s, which the schema does not allow", name, p)}
		}
	}
	tagType, tagsAllowed := ix.tags[uid.Type]
	if !tagsAllowed && len(ed.Tags) > 0 {
		return &syntax.Error{Kind: "TagsNotAllowed",
			Msg: fmt.Sprintf("%s has tags, but type %s declares none", name, uid.Type)}
	}
	for _, f := range ed.Tags {
		if err := instanceOf(ix, f.Value, tagType, name+" tag "+syntax.Quote(f.Key)); err != nil {
			return err
		}
	}
	return nil
}

// validateActionEntity checks an action given as entity data against the
// schema's declaration of it. actionParents holds the parents each given
// action entity lists.
func validateActionEntity(ix *schemaIndex, ed *syntax.EntityData, actionParents map[syntax.EntityUID][]syntax.EntityUID) *syntax.Error {
	uid := ed.UID
	d := ix.schema.Actions[uid]
	switch {
	case d == nil:
		return &syntax.Error{Kind: "UnrecognizedActionId", Msg: fmt.Sprintf("action %s is not declared in the schema", uid)}
	case len(ed.Attrs) > 0:
		return &syntax.Error{Kind: "InvalidActionEntity", Msg: fmt.Sprintf("action %s has attributes; actions have none", uid)}
	case len(ed.Tags) > 0:
		return &syntax.Error{Kind: "InvalidActionEntity", Msg: fmt.Sprintf("action %s has tags; actions have none", uid)}
	}
	want := ix.actionAncestors[uid]
	got := map[syntax.EntityUID]bool{}
	var reach func(u syntax.EntityUID)
	reach = func(u syntax.EntityUID) {
		for _, p := range actionParents[u] {
			if !got[p] {
				got[p] = true
				reach(p)
			}
		}
	}
	reach(uid)
	for _, p := range sortedUIDs(got) {
		if !want[p] {
			return &syntax.Error{Kind: "InvalidActionEntity",
				Msg: fmt.Sprintf("action %s has ancestor %s, which is not among its ancestors in the schema", uid, p)}
		}
	}
	for _, p := range sortedUIDs(want) {
		if !got[p] {
			return &syntax.Error{Kind: "InvalidActionEntity",
				Msg: fmt.Sprintf("action %s lacks the ancestor %s that the schema declares", uid, p)}
		}
	}
	return nil
}

func sortedUIDs(set map[syntax.EntityUID]bool) []syntax.EntityUID {
	out := make([]syntax.EntityUID, 0, len(set))
	for u := range set {
		out = append(out, u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Type != out[j].Type {
			return out[i].Type < out[j].Type
		}
		return out[i].ID < out[j].ID
	})
	return out
}
