package schema

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// builtinTypes are the types of the `__cedar` namespace. Unless the empty
// namespace declares an entity or common type of the same name, each is
// also reachable by its bare name.
var builtinTypes = map[string]syntax.Type{
	"Bool":     &syntax.PrimitiveType{Kind: syntax.BoolType},
	"Long":     &syntax.PrimitiveType{Kind: syntax.LongType},
	"String":   &syntax.PrimitiveType{Kind: syntax.StringType},
	"ipaddr":   &syntax.ExtensionType{Name: "ipaddr"},
	"decimal":  &syntax.ExtensionType{Name: "decimal"},
	"datetime": &syntax.ExtensionType{Name: "datetime"},
	"duration": &syntax.ExtensionType{Name: "duration"},
}

// reservedCommonTypeNames cannot name a common type, in either format,
// because the JSON format would read them as its own type keywords.
var reservedCommonTypeNames = map[string]bool{
	"Bool": true, "Boolean": true, "Entity": true, "Extension": true,
	"Long": true, "Record": true, "Set": true, "String": true,
}

const cedarNamespace = "__cedar"

// Resolve checks the schema f and returns its resolved form. Names are
// looked up as Cedar looks them up: an unqualified name N used in
// namespace NS means NS::N if that is declared and N otherwise; at each of
// these a common type wins over an entity type, and the built-in types are
// the common types of `__cedar` (also reachable unqualified, unless the
// empty namespace declares the name itself). Common types are inlined; the
// resulting syntax.Type values may be shared between several uses and must
// be treated as immutable.
//
// Sets of names in the result (memberOfTypes, memberOf, principal and
// resource types) are deduplicated and sorted; annotations are sorted by
// key and always have a value ("" when none was written); an action that
// applies to no request (no appliesTo, or an empty principal or resource
// list) has a nil AppliesTo.
func Resolve(f *File) (*syntax.Schema, error) {
	r := &resolver{
		commons:     map[string]*commonDef{},
		entities:    map[string]*entityDef{},
		actions:     map[syntax.EntityUID]*actionDef{},
		actionTypes: map[string]bool{},
		aliases:     map[string]bool{},
		commonTypes: map[string]syntax.Type{},
		inProgress:  map[string]bool{},
	}
	r.collect(f)
	if len(r.errs) == 0 {
		r.checkShadowing()
	}
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	for name := range builtinTypes {
		if r.entities[name] == nil && r.commons[name] == nil {
			r.aliases[name] = true
		}
	}
	s := r.resolveAll()
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	r.checkActionCycles(s)
	if len(r.errs) > 0 {
		return nil, r.errs
	}
	return s, nil
}

type commonDef struct {
	ns   string
	decl *CommonTypeDecl
}

type entityDef struct {
	ns   string
	name Ident
	decl *EntityDecl
}

type actionDef struct {
	ns   string
	name ActionName
	decl *ActionDecl
}

type resolver struct {
	errs syntax.ErrorList

	// Declarations by fully qualified name, and their order.
	commons      map[string]*commonDef
	entities     map[string]*entityDef
	actions      map[syntax.EntityUID]*actionDef
	commonOrder  []string
	entityOrder  []string
	actionOrder  []syntax.EntityUID
	actionTypes  map[string]bool // NS::Action for each namespace with actions
	aliases      map[string]bool // built-in names reachable unqualified
	commonTypes  map[string]syntax.Type
	inProgress   map[string]bool
	namespaceSet map[string]syntax.Pos
}

func (r *resolver) errorf(pos syntax.Pos, kind, msg string) {
	r.errs = append(r.errs, errorf(pos, kind, msg))
}

func qualify(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "::" + name
}

func hasCedarComponent(name string) bool {
	for _, part := range strings.Split(name, "::") {
		if part == cedarNamespace {
			return true
		}
	}
	return false
}

func actionType(ns string) syntax.EntityType { return syntax.EntityType(qualify(ns, "Action")) }
