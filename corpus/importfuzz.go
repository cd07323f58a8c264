package corpus

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
)

// fuzzHeader is the first line of a go test -fuzz corpus file.
const fuzzHeader = "go test fuzz v1"

// FuzzInput is one input of a go test -fuzz corpus file
// (testdata/fuzz/FuzzX/NAME): the fuzz target it belongs to, named by
// the file's folder, and its values in order, each a []byte, string,
// bool, an integer type (as int64 or uint64) or a float64.
type FuzzInput struct {
	Target string
	Values []any
}

// ReadFuzzFile reads a go test -fuzz corpus file: "go test fuzz v1",
// then one typed value a line (`[]byte("...")`, `uint8(3)`,
// `bool(true)`...). A line that is not one is an error with file:line.
func ReadFuzzFile(path string) (*FuzzInput, error) {
	data, err := input.ReadFile(path)
	if err != nil {
		return nil, err
	}
	in := &FuzzInput{Target: filepath.Base(filepath.Dir(path))}
	lines := strings.Split(string(bytes.TrimRight(data, "\n")), "\n")
	if len(lines) == 0 || strings.TrimSpace(lines[0]) != fuzzHeader {
		return nil, fmt.Errorf("%s:1: not a go test fuzz file (want the first line %q)", path, fuzzHeader)
	}
	for i, line := range lines[1:] {
		if strings.TrimSpace(line) == "" {
			continue
		}
		v, err := fuzzValue(line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %v", path, i+2, err)
		}
		in.Values = append(in.Values, v)
	}
	return in, nil
}

// fuzzValue reads one typed value: a conversion T(literal).
func fuzzValue(line string) (any, error) {
	e, err := parser.ParseExpr(line)
	if err != nil {
		return nil, fmt.Errorf("not a typed value: %v", err)
	}
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 1 {
		return nil, fmt.Errorf("not a typed value T(literal): %s", line)
	}
	typ := line[call.Fun.Pos()-1 : call.Fun.End()-1]
	arg := call.Args[0]
	neg := false
	if u, ok := arg.(*ast.UnaryExpr); ok && u.Op == token.SUB {
		neg, arg = true, u.X
	}
	lit, ok := arg.(*ast.BasicLit)
	if !ok {
		if id, ok := arg.(*ast.Ident); ok && typ == "bool" && (id.Name == "true" || id.Name == "false") {
			return id.Name == "true", nil
		}
		return nil, fmt.Errorf("%s: the value is not a literal", typ)
	}
	text := lit.Value
	if neg {
		text = "-" + text
	}
	switch typ {
	case "[]byte", "string":
		s, err := strconv.Unquote(text)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", typ, err)
		}
		if typ == "string" {
			return s, nil
		}
		return []byte(s), nil
	case "int", "int8", "int16", "int32", "int64", "rune":
		if lit.Kind == token.CHAR {
			r, _, _, err := strconv.UnquoteChar(strings.Trim(lit.Value, "'"), '\'')
			return int64(r), err
		}
		return strconv.ParseInt(text, 0, 64)
	case "uint", "uint8", "uint16", "uint32", "uint64", "byte":
		if lit.Kind == token.CHAR {
			r, _, _, err := strconv.UnquoteChar(strings.Trim(lit.Value, "'"), '\'')
			return uint64(r), err
		}
		return strconv.ParseUint(text, 0, 64)
	case "float32", "float64":
		return strconv.ParseFloat(text, 64)
	}
	return nil, fmt.Errorf("unknown type %s", typ)
}
