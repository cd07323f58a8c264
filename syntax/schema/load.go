package schema

import (
	"path/filepath"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ParseCedar parses and resolves a schema in the Cedar schema text format.
func ParseCedar(filename string, src []byte) (*syntax.Schema, error) {
	f, err := ParseCedarFile(filename, src)
	if err != nil {
		return nil, err
	}
	return Resolve(f)
}

// ParseJSON parses and resolves a schema in the JSON schema format.
func ParseJSON(filename string, src []byte) (*syntax.Schema, error) {
	f, err := ParseJSONFile(filename, src)
	if err != nil {
		return nil, err
	}
	return Resolve(f)
}

// IsJSONPath reports whether a schema file is read as JSON: its name ends
// in ".json". Everything else is read as the text format.
func IsJSONPath(path string) bool { return strings.EqualFold(filepath.Ext(path), ".json") }

// Load reads (within the input limits of internal/input) and resolves the
// schema file at path: JSON if its name ends
// in ".json", the text format otherwise (normally ".cedarschema").
func Load(path string) (*syntax.Schema, error) {
	src, err := input.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if IsJSONPath(path) {
		return ParseJSON(path, src)
	}
	return ParseCedar(path, src)
}

// LoadFile reads the schema file at path into its unresolved AST, choosing
// the format as Load does.
func LoadFile(path string) (*File, error) {
	src, err := input.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if IsJSONPath(path) {
		return ParseJSONFile(path, src)
	}
	return ParseCedarFile(path, src)
}
