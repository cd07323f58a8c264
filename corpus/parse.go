package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// This file is the glue to the syntax packages: everything the loader
// parses goes through these functions.

// isPolicyJSON reports whether a test's policy file is policy JSON (the
// extension of the format for policies that Cedar text cannot carry back):
// by its name, which ends in ".json".
func isPolicyJSON(ref string) bool { return strings.HasSuffix(ref, ".json") }

func parsePolicies(file string, src []byte) (*syntax.PolicySet, error) {
	return parser.ParsePolicySet(file, src)
}

// parseSchema reads a schema in Cedar syntax, which the current tests
// use, or in JSON syntax, which older tests used: by the file extension,
// and by the content when the extension says neither.
func parseSchema(file string, src []byte) (*syntax.Schema, error) {
	switch {
	case strings.HasSuffix(file, ".cedarschema"):
		return schema.ParseCedar(file, src)
	case filepath.Ext(file) == ".json", bytes.HasPrefix(bytes.TrimSpace(src), []byte("{")):
		return schema.ParseJSON(file, src)
	}
	return schema.ParseCedar(file, src)
}

// parseEntities reads the entities with the schema, as upstream does:
// implicit entity and extension forms are resolved, the entities must
// conform, and the schema's action entities are added.
func parseEntities(file string, src []byte, s *syntax.Schema) ([]*syntax.EntityData, error) {
	return cedarjson.ParseEntities(file, src, s)
}

// parseContext reads a request context with the schema and the request's
// action, which give the context its type.
func parseContext(file string, src []byte, s *syntax.Schema, action syntax.EntityUID) (*syntax.RecordExpr, error) {
	c, err := cedarjson.ParseContext(file, src, s, action)
	if err != nil || s == nil {
		return c, err
	}
	// With the schema, a string where it declares an extension type is
	// read as a call of the type's constructor; the official reader
	// rejects the context when that string is not a value of the type
	// (a context of the wrong type), so this one does too, and a request
	// that need not conform is then read without the schema.
	if _, err := model.NewEnv(&syntax.Request{Context: c}, nil); err != nil {
		return nil, fmt.Errorf("%s: the context does not conform to the schema: %w", file, err)
	}
	return c, nil
}

func parseDecision(s string) (diff.Decision, error) { return diff.ParseDecision(s) }

// parseUID reads an entity uid of a request: {"type": T, "id": I}, the
// explicit {"__entity": {"type": T, "id": I}}, or, as very old tests did,
// the Cedar text T::"I" in a JSON string. file names the test file, for
// messages.
func parseUID(file string, raw json.RawMessage) (syntax.EntityUID, error) {
	var text string
	if json.Unmarshal(raw, &text) == nil {
		return parser.ParseEntityUID(text)
	}
	return cedarjson.ParseEntityUIDJSON(file, raw)
}
