package generators

import (
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The rarity cases of schemas, the validator, request and entity
// validation, the data readers and the parser. The schema cases hold of
// the generated schema; the validator and validation cases of the
// validation target's shapes and conformance faults (Test.Shapes,
// Test.Faults); the data and parser cases of the parse target's tests
// (Test.ParseChecks), from which that target derives the input named
// (package diff, check_parse*.go): every such test gets it when the
// condition holds.

func init() {
	reg := func(area, name, desc string, match func(*Test) bool) {
		registerRarity(RarityCase{Name: name, Area: area, Description: desc, Match: match})
	}
	reg("schema", "schema-action-group-depth-3", "an action whose groups form a memberOf chain of depth 3 or more", func(t *Test) bool {
		return t.Schema != nil && maxActionDepth(t.Schema) >= 3
	})
	reg("schema", "schema-action-in-several-groups", "an action or group that is a member of two or more groups", func(t *Test) bool {
		if t.Schema == nil {
			return false
		}
		for _, a := range t.Schema.Actions {
			if len(a.MemberOf) >= 2 {
				return true
			}
		}
		return false
	})
	reg("schema", "schema-two-namespaces", "entity types in two or more namespaces, referring to each other by qualified name", func(t *Test) bool {
		if t.Schema == nil {
			return false
		}
		nss := map[string]bool{}
		for name := range t.Schema.EntityTypes {
			nss[name.Namespace()] = true
		}
		return len(nss) >= 2
	})
	reg("schema", "schema-tags-optional-enum", "an entity type with tags, an optional attribute and an enumerated type in one schema", func(t *Test) bool {
		if t.Schema == nil {
			return false
		}
		var tags, optional, enum bool
		for _, d := range t.Schema.EntityTypes {
			tags = tags || d.Tags != nil
			enum = enum || d.IsEnum()
			if d.Shape != nil {
				for _, a := range d.Shape.Attrs {
					optional = optional || !a.Required
				}
			}
		}
		return tags && optional && enum
	})
	parse := func(name, desc string, match func(*Test) bool) {
		reg("parser-data", name, desc, func(t *Test) bool { return t.ParseChecks && match(t) })
	}
	parse("parse-unary-run-4-or-5", "a parse test with a condition: its text gets a run of 4 (valid) or 5 (rejected) ! or - around a condition, half each", func(t *Test) bool {
		return t.Policies != nil && slices.ContainsFunc(t.Policies.Policies, func(p *syntax.Policy) bool { return len(p.Conditions) > 0 })
	})
	parse("schema-common-types-namespaced", "a parse test whose schema has a namespace with attributes: written with common types (chains, extension names, uses across namespaces)", func(t *Test) bool {
		if t.Schema == nil {
			return false
		}
		for name, d := range t.Schema.EntityTypes {
			if name.Namespace() != "" && d.Shape != nil && len(d.Shape.Attrs) > 0 {
				return true
			}
		}
		return false
	})
	parse("schema-duplicate-attribute", "a parse test whose schema has a record attribute: a schema text repeats one, first or last declaration of another type", func(t *Test) bool {
		return t.Schema != nil && slices.ContainsFunc(sortedTypes(t.Schema), func(n syntax.EntityType) bool {
			d := t.Schema.EntityTypes[n]
			return d.Shape != nil && len(d.Shape.Attrs) > 0
		})
	})
	parse("entity-json-parent-added", "a parse test with entities: entity JSON with a parent of another type added, read with the schema", func(t *Test) bool {
		return t.Schema != nil && slices.ContainsFunc(t.Entities, func(e *syntax.EntityData) bool { return !e.UID.Type.IsAction() })
	})
	for _, s := range validatorShapes {
		reg("validator", "validator-shape-"+s, "a validation test whose added policy has the shape "+s, func(t *Test) bool {
			return slices.Contains(t.Shapes, s)
		})
	}
	reg("validator", "validator-record-lub-different-keys", "a validation test joining records with different attribute sets (if-then-else or a set literal)", func(t *Test) bool {
		if !slices.Contains(t.Shapes, ShapeRecordLUB) && !slices.Contains(t.Shapes, ShapeSetOfRecords) {
			return false
		}
		found := false
		for _, p := range t.Policies.Policies {
			if !strings.HasPrefix(p.ID, "shape") || len(p.Conditions) == 0 {
				continue
			}
			syntax.Inspect(p.Conditions[0].Body, func(e syntax.Expr) bool {
				var a, b syntax.Expr
				switch e := e.(type) {
				case *syntax.If:
					a, b = e.Then, e.Else
				case *syntax.SetExpr:
					if len(e.Elems) == 2 {
						a, b = e.Elems[0], e.Elems[1]
					}
				}
				ra, okA := a.(*syntax.RecordExpr)
				rb, okB := b.(*syntax.RecordExpr)
				found = found || okA && okB && fieldKeys(ra) != fieldKeys(rb)
				return !found
			})
		}
		return found
	})
	for _, k := range []FaultKind{FaultPrincipalType, FaultResourceType, FaultContextType, FaultUndeclaredAction,
		FaultMissingAttr, FaultExtraAttr, FaultParentType, FaultTagType, FaultActionParents} {
		reg("validation", "conformance-"+string(k), "a validation test with the conformance fault "+string(k), func(t *Test) bool {
			return slices.ContainsFunc(t.Faults, func(f Fault) bool { return f.Kind == k })
		})
	}
	reg("validation", "conformance-action-group-left-out", "entity data without the entity of an action group that is in groups itself (the actions listing it lack its groups)", func(t *Test) bool {
		for _, f := range t.Faults {
			if f.Kind != FaultActionParents || t.Schema == nil {
				continue
			}
			if d := t.Schema.Actions[f.Entity]; d == nil || len(d.MemberOf) == 0 {
				continue
			}
			if !slices.ContainsFunc(t.Entities, func(e *syntax.EntityData) bool { return e.UID == f.Entity }) {
				return true
			}
		}
		return false
	})
}

// maxActionDepth is the length of the longest memberOf chain from an
// action of s.
func maxActionDepth(s *syntax.Schema) int {
	memo := map[syntax.EntityUID]int{}
	var depth func(u syntax.EntityUID, seen int) int
	depth = func(u syntax.EntityUID, seen int) int {
		if d, ok := memo[u]; ok {
			return d
		}
		a := s.Actions[u]
		if a == nil || seen > len(s.Actions) {
			return 0
		}
		best := 0
		for _, p := range a.MemberOf {
			best = max(best, 1+depth(p, seen+1))
		}
		memo[u] = best
		return best
	}
	best := 0
	for u := range s.Actions {
		best = max(best, depth(u, 0))
	}
	return best
}

func fieldKeys(r *syntax.RecordExpr) string {
	keys := make([]string, len(r.Fields))
	for i, f := range r.Fields {
		keys[i] = f.Key
	}
	slices.Sort(keys)
	return strings.Join(keys, ",")
}
