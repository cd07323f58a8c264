package validator

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ValidateRequest checks that a request is one of the schema's request
// environments: its action is declared and applies to requests, the
// principal's and resource's types are among the action's appliesTo types
// (with valid ids, for enumerated types), and the context is an instance
// of the action's context type. A nil context counts as the empty record.
// The error is a *syntax.Error whose Kind names the problem.
func ValidateRequest(schema *syntax.Schema, req *syntax.Request) error {
	if err := validateRequest(newSchemaIndex(schema), req); err != nil {
		return err
	}
	return nil
}

func validateRequest(ix *schemaIndex, req *syntax.Request) *syntax.Error {
	d := ix.schema.Actions[req.Action]
	if d == nil {
		return &syntax.Error{Kind: "UndeclaredAction", Msg: fmt.Sprintf("action %s is not declared in the schema", req.Action)}
	}
	if d.AppliesTo == nil {
		return &syntax.Error{Kind: "InvalidAction", Msg: fmt.Sprintf("action %s applies to no request: it declares no appliesTo", req.Action)}
	}
	if err := requestEntity(ix, "principal", req.Principal, req.Action, d.AppliesTo.PrincipalTypes); err != nil {
		return err
	}
	if err := requestEntity(ix, "resource", req.Resource, req.Action, d.AppliesTo.ResourceTypes); err != nil {
		return err
	}
	return validateContext(ix, d, req.Context)
}

// ValidateContext checks that a context (nil: the empty record) is an
// instance of the context type of a declared action that applies to
// requests, as ValidateRequest does; the error is a *syntax.Error.
func ValidateContext(schema *syntax.Schema, action syntax.EntityUID, ctx syntax.Expr) error {
	ix := newSchemaIndex(schema)
	d := ix.schema.Actions[action]
	if d == nil || d.AppliesTo == nil {
		return &syntax.Error{Kind: "UndeclaredAction", Msg: fmt.Sprintf("action %s is not declared in the schema as applying to requests", action)}
	}
	if err := validateContext(ix, d, ctx); err != nil {
		return err
	}
	return nil
}

func validateContext(ix *schemaIndex, d *syntax.ActionDef, ctx syntax.Expr) *syntax.Error {
	rt := fromSchemaRecord(d.AppliesTo.Context)
	switch c := ctx.(type) {
	case nil:
		return recordInstanceOf(ix, syntax.Pos{}, nil, rt, "context")
	case *syntax.RecordExpr:
		return recordInstanceOf(ix, c.Pos, c.Fields, rt, "context")
	default:
		return &syntax.Error{Pos: c.Position(), Kind: "InvalidContext", Msg: "context must be a record"}
	}
}

// requestEntity checks the principal or resource of a request.
func requestEntity(ix *schemaIndex, role string, uid, action syntax.EntityUID, allowed []syntax.EntityType) *syntax.Error {
	if !contains(allowed, uid.Type) {
		return &syntax.Error{Kind: "Invalid" + capitalize(role) + "Type",
			Msg: fmt.Sprintf("%s %s has type %s, but action %s applies only to %s types %v", role, uid, uid.Type, action, role, allowed)}
	}
	if !ix.isKnownUID(uid) {
		err := unknownUIDError(ix, &syntax.Literal{Value: uid}, uid)
		return &syntax.Error{Kind: string(err.kind), Msg: role + ": " + err.msg}
	}
	return nil
}

func capitalize(s string) string {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return s
	}
	return string(s[0]-'a'+'A') + s[1:]
}
