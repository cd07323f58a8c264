package cedarjson

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// ignorePos compares syntax trees without their positions.
var ignorePos = cmp.Comparer(func(a, b syntax.Pos) bool { return true })

// checkEntitiesRoundTrip parses entity JSON, writes it back and parses
// the output again, expecting equal entities.
func checkEntitiesRoundTrip(t *testing.T, name string, src []byte, schema *syntax.Schema) {
	t.Helper()
	es, err := ParseEntities(name, src, schema)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	out, err := MarshalEntities(es)
	if err != nil {
		t.Errorf("%s: marshal: %v", name, err)
		return
	}
	back, err := ParseEntities(name+" (written)", out, nil)
	if err != nil {
		t.Errorf("%s: reading the written entities: %v\n%s", name, err, out)
		return
	}
	if diff := cmp.Diff(es, back, ignorePos); diff != "" {
		t.Errorf("%s: entities changed in the round trip (-read +reread):\n%s", name, diff)
	}
}

func TestSampleDataEntities(t *testing.T) {
	dir := testdata.Require(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, "entities.json") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		checkEntitiesRoundTrip(t, p, src, nil)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no entities files found")
	}
	t.Logf("%d entities files round-tripped", n)
}

func TestCorpusEntitiesWithoutSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	n := testdata.CorpusFiles(t, ".entities.json", func(name string, src []byte) {
		checkEntitiesRoundTrip(t, name, src, nil)
	})
	if n < 1000 {
		t.Fatalf("only %d entities files in the corpus", n)
	}
	t.Logf("%d corpus entities files round-tripped", n)
}

// TestCorpusRequests reads the principal, action, resource and context of
// every request of every corpus test.
func TestCorpusRequests(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	requests := 0
	testdata.CorpusFiles(t, ".json", func(name string, src []byte) {
		if strings.HasSuffix(name, ".entities.json") {
			return
		}
		d := &decoder{filename: name, src: src}
		root, err := d.parseJSON()
		if err != nil {
			t.Errorf("%s: %v", name, err)
			return
		}
		reqs := root.get("requests")
		if reqs == nil {
			t.Errorf("%s: no requests", name)
			return
		}
		for i, r := range reqs.elems {
			p := (*path)(nil).field("requests").elem(i)
			for _, k := range []string{"principal", "action", "resource"} {
				if _, err := d.entityUID(r.get(k), p.field(k)); err != nil {
					t.Errorf("%s: %v", name, err)
				}
			}
			if _, err := d.context(r.get("context"), p.field("context"), nil, syntax.EntityUID{}); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			requests++
		}
	})
	if requests < 10000 {
		t.Fatalf("only %d requests", requests)
	}
	t.Logf("%d corpus requests read", requests)
}

// TestCorpusEntitiesWithSchema parses every corpus entities file with the
// schema of its test, as the integration tests are meant to be read.
func TestCorpusEntitiesWithSchema(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	files := testdata.CorpusArchive(t)
	n, noSchema := 0, 0
	for name, src := range files {
		base, ok := strings.CutSuffix(name, ".entities.json")
		if !ok {
			continue
		}
		schemaSrc, ok := files[base+".cedarschema"]
		if !ok {
			noSchema++
			continue
		}
		s, err := schema.ParseCedar(base+".cedarschema", schemaSrc)
		if err != nil {
			// The schema package's tests own this failure.
			t.Logf("%s: schema does not parse: %v", base, err)
			noSchema++
			continue
		}
		checkEntitiesRoundTrip(t, name, src, s)
		n++
	}
	if n < 1000 {
		t.Fatalf("only %d entities files checked with a schema (%d without)", n, noSchema)
	}
	t.Logf("%d corpus entities files parsed with their schema and round-tripped; %d had no usable schema", n, noSchema)
}
