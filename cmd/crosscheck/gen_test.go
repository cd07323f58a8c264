package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestGenWritesReplayableTests(t *testing.T) {
	for _, mode := range []string{"typed", "untyped", "rbac", "expr"} {
		t.Run(mode, func(t *testing.T) {
			dir := t.TempDir()
			code, out, errs := runCLI(t, "gen", "--count", "30", "--seed", "3", "--mode", mode, "--out", dir)
			if code != exitOK {
				t.Fatalf("gen: exit %d\nstdout: %s\nstderr: %s", code, out, errs)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "corpus-tests", "*.json"))
			tests := 0
			for _, f := range files {
				if !strings.HasSuffix(f, ".entities.json") {
					tests++
				}
			}
			if tests != 30 {
				t.Fatalf("gen wrote %d test files, want 30", tests)
			}
			// The model must agree with the answers it wrote, after the
			// round trip through the files.
			code, out, errs = runCLI(t, "replay", "--impl", "model", dir)
			if code != exitOK {
				t.Fatalf("replay of generated tests: exit %d\n%s\n%s", code, out, errs)
			}
		})
	}
}

func TestGenIsDeterministic(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if code, _, errs := runCLI(t, "gen", "--count", "10", "--seed", "9", "--out", dir); code != exitOK {
			t.Fatalf("gen: exit %d: %s", code, errs)
		}
	}
	names := func(dir string) []string {
		es, err := os.ReadDir(filepath.Join(dir, "corpus-tests"))
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range es {
			out = append(out, e.Name())
		}
		return out
	}
	na, nb := names(a), names(b)
	if !slices.Equal(na, nb) {
		t.Fatalf("two runs with the same seed wrote different files:\n%v\n%v", na, nb)
	}
	for _, n := range na {
		x, _ := os.ReadFile(filepath.Join(a, "corpus-tests", n))
		y, _ := os.ReadFile(filepath.Join(b, "corpus-tests", n))
		if string(x) != string(y) {
			t.Fatalf("%s differs between two runs with the same seed", n)
		}
	}
}

func TestGenStats(t *testing.T) {
	code, out, errs := runCLI(t, "gen", "--count", "20", "--out", t.TempDir(), "--stats")
	if code != exitOK {
		t.Fatalf("gen --stats: exit %d: %s", code, errs)
	}
	for _, want := range []string{"policies", "allow", "validate", "construct", "scope principal"} {
		if !strings.Contains(out, want) {
			t.Errorf("--stats output lacks %q:\n%s", want, out)
		}
	}
}

func TestGenUsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{
		{"gen", "--count", "1"},                                  // no --out
		{"gen", "--count", "0", "--out", dir},                    // nothing to do
		{"gen", "--count", "1", "--mode", "bogus", "--out", dir}, // unknown mode
		{"gen", "--count", "x", "--out", dir},                    // not a number
		{"gen", "--count", "1", "--out", dir, "extra"},           // no arguments
	} {
		if code, _, _ := runCLI(t, args...); code != exitUsage {
			t.Errorf("%v: exit %d, want %d", args, code, exitUsage)
		}
	}
	// An output path that is a file cannot be written to.
	file := filepath.Join(dir, "file")
	os.WriteFile(file, []byte("x"), 0o644)
	if code, _, _ := runCLI(t, "gen", "--count", "1", "--out", file); code != exitUsage {
		t.Errorf("gen into a file: exit %d, want %d", code, exitUsage)
	}
}

func TestGenSettingsFlags(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCLI(t, "gen", "--count", "5", "--requests", "2", "--policies", "1", "--max-depth", "1", "--faults", "0", "--out", dir)
	if code != exitOK {
		t.Fatalf("gen: exit %d: %s", code, errs)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "corpus-tests", "*.json"))
	for _, f := range files {
		if strings.HasSuffix(f, ".entities.json") {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var test struct {
			Requests []json.RawMessage `json:"requests"`
		}
		if err := json.Unmarshal(data, &test); err != nil {
			t.Fatal(err)
		}
		if len(test.Requests) != 2 {
			t.Errorf("%s: %d requests, want 2", f, len(test.Requests))
		}
	}
}

func TestGenJSONSchema(t *testing.T) {
	dir := t.TempDir()
	if code, _, errs := runCLI(t, "gen", "--count", "20", "--json-schema", "--out", dir); code != exitOK {
		t.Fatalf("gen --json-schema: exit %d: %s", code, errs)
	}
	schemas, _ := filepath.Glob(filepath.Join(dir, "corpus-tests", "*.cedarschema.json"))
	if len(schemas) != 20 {
		t.Fatalf("wrote %d JSON schemas, want 20", len(schemas))
	}
	if code, out, errs := runCLI(t, "replay", "--impl", "model", dir); code != exitOK {
		t.Fatalf("replay with JSON schemas: exit %d\n%s\n%s", code, out, errs)
	}
}
