package cedarjson

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ParseEntityUIDJSON reads an entity uid: {"type": T, "id": I} or
// {"__entity": {"type": T, "id": I}}.
func ParseEntityUIDJSON(filename string, src []byte) (syntax.EntityUID, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parseJSON()
	if err != nil {
		return syntax.EntityUID{}, err
	}
	return d.entityUID(n, nil)
}

// ParseValue reads one Cedar value in entity-JSON form as a restricted
// expression. With a non-nil type the value is read against it, as an
// attribute of that type would be.
func ParseValue(filename string, src []byte, ty syntax.Type) (syntax.Expr, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parseJSON()
	if err != nil {
		return nil, err
	}
	return d.typedValue(n, nil, ty)
}

// ParseContext reads a request context, which must be a JSON object. With
// a non-nil schema it is read against the context type the schema
// declares for action (an empty record when the action applies to
// nothing), and an undeclared action is an error.
func ParseContext(filename string, src []byte, schema *syntax.Schema, action syntax.EntityUID) (*syntax.RecordExpr, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parseJSON()
	if err != nil {
		return nil, err
	}
	return d.context(n, nil, schema, action)
}

func (d *decoder) context(n *node, p *path, schema *syntax.Schema, action syntax.EntityUID) (*syntax.RecordExpr, error) {
	if err := d.expect(n, p, objectNode, "a context record"); err != nil {
		return nil, err
	}
	if schema == nil {
		fields, err := d.plainFields(n, p)
		if err != nil {
			return nil, err
		}
		return &syntax.RecordExpr{Pos: d.pos(n.off), Fields: fields}, nil
	}
	def := schema.Actions[action]
	if def == nil {
		return nil, d.errorf(n, p, KindUndeclaredAction, "action %s is not declared in the schema", action)
	}
	ctxType := &syntax.RecordType{}
	if def.AppliesTo != nil && def.AppliesTo.Context != nil {
		ctxType = def.AppliesTo.Context
	}
	return d.typedRecord(n, p, ctxType)
}

// ParseRequest reads a request object
// {"principal": UID, "action": UID, "resource": UID, "context": {...}};
// context is optional and defaults to the empty record. With a non-nil
// schema the context is read as ParseContext reads it. The request is not
// validated against the schema (see the validator for that).
func ParseRequest(filename string, src []byte, schema *syntax.Schema) (*syntax.Request, error) {
	d := &decoder{filename: filename, src: src}
	n, err := d.parseJSON()
	if err != nil {
		return nil, err
	}
	var p *path
	if err := d.fields(n, p, "a request", []string{"principal", "action", "resource"}, "context"); err != nil {
		return nil, err
	}
	req := &syntax.Request{}
	for _, f := range []struct {
		key string
		dst *syntax.EntityUID
	}{{"principal", &req.Principal}, {"action", &req.Action}, {"resource", &req.Resource}} {
		uid, err := d.entityUID(n.get(f.key), p.field(f.key))
		if err != nil {
			return nil, err
		}
		*f.dst = uid
	}
	if c := n.get("context"); c != nil {
		ctx, err := d.context(c, p.field("context"), schema, req.Action)
		if err != nil {
			return nil, err
		}
		req.Context = ctx
	} else {
		req.Context = &syntax.RecordExpr{Fields: []syntax.Field{}}
	}
	return req, nil
}
