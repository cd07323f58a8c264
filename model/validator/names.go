package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// checkNames is the pass that rejects names the schema does not declare
// anywhere in a policy, scope included, even in code that typing skips
// because it can never run: entity literals of undeclared types, actions
// that are not declared, ids outside an enumerated type, and `is` tests
// against undeclared types.
func checkNames(ix *schemaIndex, e syntax.Expr, report func(*typeError)) {
	switch e := e.(type) {
	case *syntax.Literal:
		if uid, ok := e.Value.(syntax.EntityUID); ok && !ix.isKnownUID(uid) {
			report(unknownUIDError(ix, e, uid))
		}
	case *syntax.Is:
		if !ix.isKnownType(e.Type) {
			report(errorf(UnrecognizedEntityType, e, "entity type %s is not declared in the schema", e.Type))
		}
		checkNames(ix, e.Left, report)
	case *syntax.Unary:
		checkNames(ix, e.Arg, report)
	case *syntax.Binary:
		if is, in, ok := syntax.AsIsIn(e); ok {
			// x is T in y: x is checked once, with the Is.
			checkNames(ix, is, report)
			checkNames(ix, in.Right, report)
			return
		}
		checkNames(ix, e.Left, report)
		checkNames(ix, e.Right, report)
	case *syntax.If:
		checkNames(ix, e.Cond, report)
		checkNames(ix, e.Then, report)
		checkNames(ix, e.Else, report)
	case *syntax.GetAttr:
		checkNames(ix, e.Left, report)
	case *syntax.Has:
		checkNames(ix, e.Left, report)
	case *syntax.Like:
		checkNames(ix, e.Left, report)
	case *syntax.SetExpr:
		for _, x := range e.Elems {
			checkNames(ix, x, report)
		}
	case *syntax.RecordExpr:
		for _, f := range e.Fields {
			checkNames(ix, f.Value, report)
		}
	case *syntax.Call:
		for _, x := range e.Args {
			checkNames(ix, x, report)
		}
	}
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
