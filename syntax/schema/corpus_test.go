package schema

import (
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

// schemaFile is one .cedarschema file of the official test data.
type schemaFile struct {
	name string
	src  []byte
}

// officialSchemas returns every .cedarschema file of the integration tests:
// those under sample-data and tests, and those inside the corpus archive.
func officialSchemas(t *testing.T) []schemaFile {
	t.Helper()
	dir := testdata.Require(t)
	var out []schemaFile
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".cedarschema") {
			return err
		}
		src, err := os.ReadFile(path)
		out = append(out, schemaFile{path, src})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	testdata.CorpusFiles(t, ".cedarschema", func(name string, src []byte) {
		out = append(out, schemaFile{name, src})
	})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	if len(out) < 3000 {
		t.Fatalf("found only %d schema files", len(out))
	}
	return out
}

// TestOfficialSchemas checks, on every official .cedarschema file, that it
// parses and resolves, that formatting is idempotent and keeps the
// meaning, that the JSON translation resolves to the same schema, and that
// printing the resolved schema in either format and reading it back gives
// the same resolved schema, and that JSON translated back to text does too.
func TestOfficialSchemas(t *testing.T) {
	files := officialSchemas(t)
	var failures int
	fail := func(f schemaFile, format string, args ...any) {
		failures++
		if failures <= 20 {
			t.Errorf("%s: "+format, append([]any{f.name}, args...)...)
		}
	}
	stats := map[string]int{}
	for _, f := range files {
		want, err := ParseCedar(f.name, f.src)
		if err != nil {
			fail(f, "does not resolve: %v", err)
			continue
		}
		stats["resolved"]++
		stats["entity types"] += len(want.EntityTypes)
		stats["actions"] += len(want.Actions)

		formatted, err := Format(f.name, f.src)
		if err != nil {
			fail(f, "Format: %v", err)
			continue
		}
		again, err := Format(f.name, formatted)
		if err != nil || string(again) != string(formatted) {
			fail(f, "Format is not idempotent (err %v):\n%s", err, lineDiff(string(formatted), string(again)))
			continue
		}
		if got, err := ParseCedar("formatted", formatted); err != nil {
			fail(f, "formatted text does not resolve: %v", err)
		} else if d := cmp.Diff(want, got); d != "" {
			fail(f, "formatting changed the schema (-want +got):\n%s", d)
		}

		ast, _ := ParseCedarFile(f.name, f.src)
		js, err := PrintJSON(ast)
		if err != nil {
			fail(f, "PrintJSON: %v", err)
			continue
		}
		if again, err := FormatJSON("json", js); err != nil || string(again) != string(js) {
			fail(f, "FormatJSON is not idempotent (err %v):\n%s", err, lineDiff(string(js), string(again)))
		}
		if got, err := ParseJSON("json", js); err != nil {
			fail(f, "JSON translation does not resolve: %v\n%s", err, js)
		} else if d := cmp.Diff(want, got); d != "" {
			fail(f, "text -> JSON changed the schema (-text +json):\n%s", d)
		}

		text, err := CedarText(want)
		if err != nil {
			fail(f, "CedarText: %v", err)
			continue
		}
		if got, err := ParseCedar("printed", text); err != nil {
			fail(f, "printed resolved schema does not resolve: %v\n%s", err, text)
		} else if d := cmp.Diff(want, got); d != "" {
			fail(f, "printing the resolved schema changed it (-want +got):\n%s", d)
		}
		rjs, err := JSONText(want)
		if err != nil {
			fail(f, "JSONText: %v", err)
			continue
		}
		if got, err := ParseJSON("printed.json", rjs); err != nil {
			fail(f, "printed resolved JSON does not resolve: %v", err)
		} else if d := cmp.Diff(want, got); d != "" {
			fail(f, "printing the resolved schema as JSON changed it (-want +got):\n%s", d)
		}
		// JSON -> text: the printed JSON, read as an AST and printed as text.
		jf, err := ParseJSONFile("printed.json", rjs)
		if err != nil {
			fail(f, "ParseJSONFile: %v", err)
			continue
		}
		jtext, err := PrintCedar(jf)
		if err != nil {
			fail(f, "PrintCedar of JSON: %v", err)
		} else if got, err := ParseCedar("from-json", jtext); err != nil {
			fail(f, "JSON translated to text does not resolve: %v\n%s", err, jtext)
		} else if d := cmp.Diff(want, got); d != "" {
			fail(f, "JSON -> text changed the schema (-want +got):\n%s", d)
		}
	}
	t.Logf("%d schema files; %v", len(files), stats)
	if failures > 0 {
		t.Errorf("%d failures", failures)
	}
}

// lineDiff shows the first differing line of two texts.
func lineDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return "line " + strconv.Itoa(i+1) + ":\n- " + x + "\n+ " + y
		}
	}
	return "(equal)"
}
