package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/internal/input/inputtest"
)

// copyTree copies the files under src (relative to the package) into
// the folder sub of a new temporary directory and returns that folder.
func copyTree(t *testing.T, src, sub string) string {
	t.Helper()
	dst := filepath.Join(t.TempDir(), sub)
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dst
}

// walkAll walks path and returns the names of the tests that loaded and
// the load errors.
func walkAll(t *testing.T, path string) ([]string, []string) {
	t.Helper()
	var loaded, errs []string
	err := Walk(path, func(tt *Test, err error) error {
		if err != nil {
			errs = append(errs, err.Error())
		} else {
			loaded = append(loaded, tt.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("Walk(%s): %v", path, err)
	}
	return loaded, errs
}

// Every .json file of a directory or an archive is a test or named by
// one; anything else is a load error with its name (and line:col when it
// does not parse), never silently passed over.
func TestWalkReportsJSONThatIsNotATest(t *testing.T) {
	const brokenTest = "{\n  \"policies\": \"tests/photos/policies_1.cedar\",\n  \"requests\": [\n}\n"
	cases := []struct {
		name    string
		file    string // added under testdata/layout, relative to it
		content string
		want    string // substring of the one load error; "" for none
	}{
		{"a broken test", "tests/photos/2.json", brokenTest, "tests/photos/2.json:4:1: invalid character '}'"},
		{"an empty file", "tests/photos/2.json", "", "tests/photos/2.json: unexpected end of JSON input"},
		{"a test that lost its policies field", "tests/photos/2.json", `{"requests": []}`, `tests/photos/2.json: not a test (a test is a JSON object with a "policies" field) and not named`},
		{"an entities file no test names", "corpus-tests/ffff.entities.json", "[]", "corpus-tests/ffff.entities.json: not a test"},
		{"a broken file no test names", "sample-data/photos/extra.json", "[1,", "sample-data/photos/extra.json:1:3: unexpected end"},
		{"a broken test with an entities file", "corpus-tests/dddd.json", `{"policies": "corpus-tests/dddd.cedar", "entities": "corpus-tests/dddd.entities.json", "schema": 7}`, `corpus-tests/dddd.json: test file: field "schema" must be a non-empty file name`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyTree(t, "testdata/layout", "layout")
			if err := os.WriteFile(filepath.Join(dir, c.file), []byte(c.content), 0o644); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(c.content, "dddd.entities.json") {
				// A test names its entities file even when it does not load.
				os.WriteFile(filepath.Join(dir, "corpus-tests/dddd.entities.json"), []byte("[]"), 0o644)
			}

			for _, path := range []string{dir, writeArchiveFrom(t, dir)} {
				loaded, errs := walkAll(t, path)
				if len(loaded) != 2 {
					t.Errorf("%s: loaded %q, want the 2 valid tests", path, loaded)
				}
				if len(errs) != 1 || !strings.Contains(errs[0], filepath.ToSlash(c.file)) || !strings.Contains(errs[0], c.want) {
					t.Errorf("%s: load errors %q, want one containing %q", path, errs, c.want)
				}
			}
		})
	}
}

// writeArchiveFrom packs the files under dir into a .tar.gz.
func writeArchiveFrom(t *testing.T, dir string) string {
	t.Helper()
	members := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			members[filepath.ToSlash(rel)] = p
		}
		return nil
	})
	return writeArchive(t, members)
}

// The regression corpus make test replays: a broken test file among them
// is a load error naming it, so that the suite cannot shrink unnoticed.
func TestLoadRegressionsWithBrokenTest(t *testing.T) {
	dir := copyTree(t, "regressions", "regressions")
	before, err := Load(dir)
	if err != nil || len(before) < 100 {
		t.Fatalf("the copied regressions: %d tests, %v", len(before), err)
	}
	broken := filepath.Join(dir, "and-right-not-bool.json")
	data, _ := os.ReadFile(broken)
	if err := os.WriteFile(broken, data[:len(data)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	after, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "and-right-not-bool.json:") {
		t.Fatalf("Load with a truncated test: %d tests, error %v; want an error naming the file", len(after), err)
	}
	// Its policies, schema and entities files are named by no test now;
	// the .json among them is reported too.
	if !strings.Contains(err.Error(), "and-right-not-bool.entities.json: not a test") {
		t.Errorf("the orphaned entities file is not reported: %v", err)
	}
	if len(after) != len(before)-1 {
		t.Errorf("%d tests loaded, want %d", len(after), len(before)-1)
	}
}

// A reference to a directory or a device says what it names, not that
// it was not found.
func TestLoadReferenceToNonFile(t *testing.T) {
	dir := copyTree(t, "testdata/layout", "layout")
	test := filepath.Join(dir, "tests/photos/1.json")
	src, _ := os.ReadFile(test)
	for _, c := range []struct{ ref, want string }{
		{"tests", "tests: is a directory, not a regular file"},
		{"/dev/zero", "/dev/zero: is a device, not a regular file"},
	} {
		os.WriteFile(test, []byte(strings.Replace(string(src), `"tests/photos/policies_1.cedar"`, `"`+c.ref+`"`, 1)), 0o644)
		_, err := LoadFile(test)
		if err == nil || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "not found") {
			t.Errorf("policies %q: %v; want %q", c.ref, err, c.want)
		}
	}
}

// A gzip bomb (about 1 MB expanding to 1 GiB) is refused before the
// loader has allocated more than 100 MiB.
func TestLoadArchiveBomb(t *testing.T) {
	bomb := inputtest.GzipBomb(t, 1024, 1<<20)
	var err error
	alloc := allocated(func() { _, err = Load(bomb) })
	if !errors.Is(err, input.ErrTooLarge) {
		t.Fatalf("Load of a gzip bomb: %v; want input.ErrTooLarge", err)
	}
	if alloc > 100<<20 {
		t.Errorf("refusing the bomb allocated %d MiB; want at most 100 MiB", alloc>>20)
	}
	t.Logf("refused after allocating %.1f MiB in total: %v", float64(alloc)/(1<<20), err)
}

// allocated returns how many bytes fn allocated on the heap in total,
// which bounds the peak of memory in use during fn.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
