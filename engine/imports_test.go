package engine

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestSharesNothingWithTheModel checks the architecture rule: the engine
// (its tests included) never imports the reference model, so that the
// two implementations can only agree by both being right.
func TestSharesNothingWithTheModel(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no source files: %v", err)
	}
	fset := token.NewFileSet()
	for _, f := range files {
		ast, err := parser.ParseFile(fset, f, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range ast.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if strings.HasPrefix(path, "github.com/cedar-crosscheck/crosscheck/model") ||
				strings.HasPrefix(path, "github.com/cedar-crosscheck/crosscheck/diff") {
				t.Errorf("%s imports %s", f, path)
			}
		}
	}
}
