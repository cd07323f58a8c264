package printer_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// checkCedarFile parses one policy file of the official tests, prints it,
// parses the result back to the same AST, and formats it idempotently.
func checkCedarFile(t *testing.T, name string, src []byte) int {
	t.Helper()
	ps, err := parser.ParsePolicySet(name, src)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return 0
	}
	text := printer.PolicySet(ps)
	back, err := parser.ParsePolicySet(name+" (printed)", []byte(text))
	if err != nil {
		t.Errorf("%s: printed text does not parse: %v\n%s", name, err, text)
		return 0
	}
	if diff := cmp.Diff(ps, back, ignorePos); diff != "" {
		t.Errorf("%s: print/parse changed the AST (-want +got)\n%s", name, diff)
	}
	once, err := printer.Format(name, src)
	if err != nil {
		t.Errorf("%s: Format: %v", name, err)
		return 0
	}
	twice, err := printer.Format(name, once)
	if err != nil || string(twice) != string(once) {
		t.Errorf("%s: Format is not idempotent (%v):\n%s\n---\n%s", name, err, once, twice)
	}
	formatted, err := parser.ParsePolicySet(name+" (formatted)", once)
	if err != nil {
		t.Errorf("%s: formatted text does not parse: %v", name, err)
	} else if diff := cmp.Diff(ps, formatted, ignorePos); diff != "" {
		t.Errorf("%s: Format changed the AST (-want +got)\n%s", name, diff)
	}
	return len(ps.Policies)
}

// TestIntegrationTestPolicies checks every .cedar file of the official
// integration tests (tests/ and sample-data/).
func TestIntegrationTestPolicies(t *testing.T) {
	dir := testdata.Require(t)
	files, policies := 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".cedar") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files++
		policies += checkCedarFile(t, path, src)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no .cedar files under %s", dir)
	}
	t.Logf("%d files, %d policies", files, policies)
}

// TestCorpusArchivePolicies checks every .cedar file of the corpus archive,
// read directly from the tar.gz.
func TestCorpusArchivePolicies(t *testing.T) {
	path := testdata.RequireCorpusArchive(t)
	files, policies := 0, 0
	testdata.CorpusFiles(t, ".cedar", func(name string, src []byte) {
		files++
		policies += checkCedarFile(t, name, src)
	})
	if files < 1000 {
		t.Fatalf("only %d .cedar files in %s", files, path)
	}
	t.Logf("%d files, %d policies", files, policies)
}
