package engine

import (
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// ParsePolicies parses Cedar policy text (ids policy0, policy1, ... in
// text order) and compiles it.
func ParsePolicies(filename string, src []byte) (*PolicySet, error) {
	ast, err := parser.ParsePolicySet(filename, src)
	if err != nil {
		return nil, err
	}
	return NewPolicySet(ast)
}

// ParsePoliciesJSON parses a policy set in Cedar's policy JSON format
// (static policies, templates and template links) and compiles it.
func ParsePoliciesJSON(filename string, src []byte) (*PolicySet, error) {
	ast, err := cedarjson.UnmarshalPolicySet(filename, src)
	if err != nil {
		return nil, err
	}
	return NewPolicySet(ast)
}

// ParseEntities reads entity JSON into a store. With a schema, values are
// read against their declared types, entities are checked for
// conformance, and the schema's action entities are added.
func ParseEntities(filename string, src []byte, schema *syntax.Schema) (*EntityStore, error) {
	data, err := cedarjson.ParseEntities(filename, src, schema)
	if err != nil {
		return nil, err
	}
	return NewEntityStore(data, schema)
}

// ParseRequest reads a request in JSON,
// {"principal": UID, "action": UID, "resource": UID, "context": {...}},
// reading the context against the schema when one is given.
func ParseRequest(filename string, src []byte, schema *syntax.Schema) (Request, error) {
	r, err := cedarjson.ParseRequest(filename, src, schema)
	if err != nil {
		return Request{}, err
	}
	return NewRequest(*r)
}
