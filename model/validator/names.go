package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// checkNames is the pass that rejects names the schema does not declare
// anywhere in a policy, scope included, even in code that typing skips
// because it can never run: entity literals of undeclared types, actions
// that are not declared, ids outside an enumerated type, and `is` tests
// against undeclared types.
//
// It walks e with syntax.Inspect, which visits a node shared by several
// (the x of `x is T in y`, the prefixes of `e has a.b.c`) once.
func checkNames(ix *schemaIndex, e syntax.Expr, report func(*typeError)) {
	syntax.Inspect(e, func(x syntax.Expr) bool {
		switch x := x.(type) {
		case *syntax.Literal:
			if uid, ok := x.Value.(syntax.EntityUID); ok && !ix.isKnownUID(uid) {
				report(unknownUIDError(ix, x, uid))
			}
		case *syntax.Is:
			if !ix.isKnownType(x.Type) {
				report(errorf(UnrecognizedEntityType, x, "entity type %s is not declared in the schema", x.Type))
			}
		}
		return true
	})
}

// unknownUIDError says why an entity literal is not allowed: its id is
// not one of its enumerated type's ids, it names an undeclared action, or
// its type is not declared.
func unknownUIDError(ix *schemaIndex, e syntax.Expr, uid syntax.EntityUID) *typeError {
	if d, ok := ix.entityType(uid.Type); ok && d.IsEnum() {
		return errorf(InvalidEnumEntity, e, "%s is not one of the ids of the enumerated type %s", uid, uid.Type)
	}
	if ix.actionTypes[uid.Type] || uid.Type.IsAction() {
		return errorf(UnrecognizedActionId, e, "action %s is not declared in the schema", uid)
	}
	return errorf(UnrecognizedEntityType, e, "entity type %s is not declared in the schema", uid.Type)
}
