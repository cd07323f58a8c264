package main

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// A request file (--request-json) is the official CLI's format:
//
//	{"principal": "User::\"alice\"", "action": "Action::\"view\"",
//	 "resource": "Photo::\"x\"", "context": {"ip": "10.0.0.1"}}
//
// Each uid is Cedar text in a JSON string; an entity-JSON uid
// ({"type": "User", "id": "alice"}, or wrapped in "__entity") is accepted
// too. The context is optional (the empty record when absent) and is
// read against the schema when there is one.

// requestRoles are the request's fields, in the order they are checked.
var requestRoles = []string{"principal", "action", "resource", "context"}

// readRequestJSON reads a request file. where holds the position of each
// field, so that a later check (request validation) can point at it.
func readRequestJSON(path string, sch *syntax.Schema) (req syntax.Request, where map[string]syntax.Pos, err error) {
	src, err := input.ReadFile(path)
	if err != nil {
		return req, nil, err
	}
	fields, err := jsonElems(path, src, "object")
	if err != nil {
		return req, nil, err
	}
	byRole := map[string]jsonValue{}
	where = map[string]syntax.Pos{}
	for _, f := range fields {
		at := posAt(path, src, f.off)
		if !slices.Contains(requestRoles, f.key) {
			return req, nil, &syntax.Error{Pos: at, Kind: "UnknownField",
				Msg: fmt.Sprintf("unknown field %s: a request has the fields principal, action, resource and context", strconv.Quote(f.key))}
		}
		if _, dup := byRole[f.key]; dup {
			return req, nil, &syntax.Error{Pos: at, Kind: "DuplicateKey", Msg: fmt.Sprintf("the field %s is given twice", strconv.Quote(f.key))}
		}
		byRole[f.key] = f
		where[f.key] = at
	}
	for _, u := range []struct {
		role string
		dst  *syntax.EntityUID
	}{{"principal", &req.Principal}, {"action", &req.Action}, {"resource", &req.Resource}} {
		v, ok := byRole[u.role]
		if !ok {
			return req, nil, &syntax.Error{Pos: posAt(path, src, firstNonSpace(src)), Kind: "MissingField",
				Msg: fmt.Sprintf("the request has no %s: it needs principal, action and resource", strconv.Quote(u.role))}
		}
		if *u.dst, err = requestUID(path, src, u.role, v); err != nil {
			return req, nil, err
		}
	}
	if sch != nil && sch.Actions[req.Action] == nil {
		return req, nil, &syntax.Error{Pos: where["action"], Kind: "UndeclaredAction",
			Msg: fmt.Sprintf("action %s is not declared in the schema (%s)", req.Action, declaredActions(sch))}
	}
	if v, ok := byRole["context"]; ok {
		ctx, err := cedarjson.ParseContext(path, masked(src, v), sch, req.Action)
		if err != nil {
			return req, nil, err
		}
		req.Context = ctx
	} else {
		req.Context = &syntax.RecordExpr{Fields: []syntax.Field{}}
	}
	return req, where, nil
}

// requestUID reads the uid of one request field.
func requestUID(path string, src []byte, role string, v jsonValue) (syntax.EntityUID, error) {
	at := posAt(path, src, v.off)
	switch {
	case len(v.raw) > 0 && v.raw[0] == '"':
		var text string
		if err := json.Unmarshal(v.raw, &text); err != nil {
			return syntax.EntityUID{}, &syntax.Error{Pos: at, Kind: "InvalidJSON", Msg: trimJSONPrefix(err)}
		}
		uid, err := parser.ParseEntityUID(text)
		if err != nil {
			return syntax.EntityUID{}, &syntax.Error{Pos: at, Kind: "InvalidEntityUID",
				Msg: fmt.Sprintf("%s %s is not an entity uid such as User::\"alice\": %v", role, strconv.Quote(text), err)}
		}
		return uid, nil
	case len(v.raw) > 0 && v.raw[0] == '{':
		return cedarjson.ParseEntityUIDJSON(path, masked(src, v))
	}
	return syntax.EntityUID{}, &syntax.Error{Pos: at, Kind: "InvalidEntityUID",
		Msg: fmt.Sprintf("%s must be an entity uid: a string such as \"User::\\\"alice\\\"\" or {\"type\": \"User\", \"id\": \"alice\"}", role)}
}

func firstNonSpace(src []byte) int {
	for i, c := range src {
		if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
			return i
		}
	}
	return 0
}

// validateRequest checks the request against the schema, as the official
// CLI does when given one, and blames the field at fault: where maps each
// request field to its position (in a request file) or to the flag that
// gave it.
func validateRequest(sch *syntax.Schema, req *syntax.Request, where map[string]syntax.Pos) error {
	err := validator.ValidateRequest(sch, req)
	if err == nil {
		return nil
	}
	se := syntax.FirstError(err)
	if se == nil {
		return err
	}
	out := *se
	if !out.Pos.IsValid() {
		out.Pos = where[requestRoleOf(se)]
	}
	out.Msg = "the request does not conform to the schema: " + out.Msg
	return &out
}

// requestRoleOf tells which field of the request a validation error is
// about.
func requestRoleOf(e *syntax.Error) string {
	switch {
	case e.Kind == "InvalidPrincipalType" || strings.HasPrefix(e.Msg, "principal"):
		return "principal"
	case e.Kind == "InvalidResourceType" || strings.HasPrefix(e.Msg, "resource"):
		return "resource"
	case e.Kind == "UndeclaredAction" || e.Kind == "InvalidAction":
		return "action"
	}
	return "context"
}
