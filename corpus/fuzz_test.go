package corpus

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzLoadTest feeds arbitrary test-file JSON to the loader, with the
// fixtures' policy, schema and entity files available to reference: the
// loader must return a test or an error naming the file, never panic.
func FuzzLoadTest(f *testing.F) {
	files := map[string][]byte{}
	for root, names := range map[string][]string{
		"testdata/layout": {
			"tests/photos/policies_1.cedar", "sample-data/photos/entities.json", "sample-data/photos/schema.cedarschema",
			"corpus-tests/0a1b2c.cedar", "corpus-tests/0a1b2c.entities.json", "corpus-tests/0a1b2c.cedarschema",
		},
		"testdata/legacy": {"tests/old/policies.cedar", "sample-data/schema.json", "sample-data/entities.json"},
	} {
		for _, n := range names {
			data, err := os.ReadFile(filepath.Join(root, n))
			if err != nil {
				f.Fatal(err)
			}
			files[n] = data
		}
	}
	src := &archiveSource{path: "fuzz.tar.gz", files: files}
	for _, p := range []string{
		"testdata/layout/tests/photos/1.json", "testdata/layout/corpus-tests/0a1b2c.json",
		"testdata/legacy/tests/old/1.json", "testdata/illtyped/1.json",
	} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		tt, err := loadTest(src, "tests/fuzz/1.json", data)
		if (tt == nil) == (err == nil) {
			t.Fatalf("loadTest returned test %v and error %v", tt, err)
		}
		if err != nil && !strings.HasPrefix(err.Error(), "fuzz.tar.gz:tests/fuzz/1.json") {
			t.Errorf("error does not name the test file: %v", err)
		}
	})
}
