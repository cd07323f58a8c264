package main

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// endless is an endless standard input, like /dev/zero.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// runCLIInput runs the command line with stdin and returns its exit code,
// stdout, and stderr followed by the error the command returned, as run
// would print it.
func runCLIInput(t *testing.T, stdin io.Reader, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	root := newRootCmd()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(&out)
	root.SetErr(&errb)
	code := exitOK
	if err := root.Execute(); err != nil {
		code = exitCodeOf(err)
		errb.WriteString("crosscheck: " + err.Error() + "\n")
	}
	return code, out.String(), errb.String()
}

// Every file a command reads goes through the one bounded reader: a
// device, a directory or an endless standard input is a quick error
// (exit 2) saying so, never a read that grows until memory runs out.
func TestInputsAreBounded(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero here")
	}
	policies, entities, schemaFile := authzFixture(t)
	dir := t.TempDir()
	huge := filepath.Join(dir, "report.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(64<<20 + 1) // sparse: one byte over the limit
	f.Close()
	request := []string{"--principal", `User::"alice"`, "--action", `Action::"view"`, "--resource", `Photo::"x"`}
	authorize := func(args ...string) []string { return append(append([]string{"authorize"}, request...), args...) }
	const device = "/dev/zero: is a device, not a regular file"
	const tooLarge = "input too large: larger than 64 MiB, the limit on one input file"
	cases := []struct {
		name  string
		stdin io.Reader
		args  []string
		want  string
	}{
		{"authorize --policies /dev/zero", nil, authorize("--policies", "/dev/zero"), device},
		{"authorize --policies DIR", nil, authorize("--policies", dir), "is a directory, not a regular file"},
		{"authorize --entities /dev/zero", nil, authorize("--policies", policies, "--entities", "/dev/zero"), device},
		{"authorize --schema /dev/zero", nil, authorize("--policies", policies, "--entities", entities, "--schema", "/dev/zero"), device},
		{"authorize --context @/dev/zero", nil, authorize("--policies", policies, "--schema", schemaFile, "--context", "@/dev/zero"), device},
		{"authorize --policies HUGE", nil, authorize("--policies", huge), tooLarge},
		{"format /dev/zero", nil, []string{"format", "/dev/zero"}, device},
		{"format - (endless)", endless{}, []string{"format", "-"}, "standard input: " + tooLarge},
		{"translate /dev/zero", nil, []string{"translate", "--to", "json", "/dev/zero"}, device},
		{"translate - (endless)", endless{}, []string{"translate", "--to", "json", "-"}, "standard input: " + tooLarge},
		{"authorize --request-json /dev/zero", nil, []string{"authorize", "--policies", policies, "--request-json", "/dev/zero"}, device},
		{"authorize --template-linked /dev/zero", nil, authorize("--policies", policies, "--template-linked", "/dev/zero"), device},
		{"authorize --policies - (endless)", endless{}, authorize("--policies", "-"), "standard input: " + tooLarge},
		{"validate --schema /dev/zero", nil, []string{"validate", "--schema", "/dev/zero", "--policies", policies}, device},
		{"validate --policies HUGE", nil, []string{"validate", "--schema", schemaFile, "--policies", huge}, tooLarge},
		{"check-parse --entities /dev/zero", nil, []string{"check-parse", "--entities", "/dev/zero"}, device},
		{"check-parse --schema DIR", nil, []string{"check-parse", "--schema", dir}, "is a directory, not a regular file"},
		{"check-parse (endless standard input)", endless{}, []string{"check-parse"}, "standard input: " + tooLarge},
		{"link --policies /dev/zero", nil, []string{"link", "--policies", "/dev/zero", "--template-id", "t", "--new-id", "l"}, device},
		{"link --template-linked /dev/zero", nil, []string{"link", "--policies", policies, "--template-linked", "/dev/zero", "--template-id", "t", "--new-id", "l"}, device},
		{"translate-schema /dev/zero", nil, []string{"translate-schema", "--to", "json", "/dev/zero"}, device},
		{"translate-schema - (endless)", endless{}, []string{"translate-schema", "--to", "cedar", "-"}, "standard input: " + tooLarge},
		{"report render /dev/zero", nil, []string{"report", "render", "/dev/zero"}, device},
		{"report render HUGE", nil, []string{"report", "render", huge}, tooLarge},
		{"report merge HUGE", nil, []string{"report", "merge", "-o", t.TempDir(), huge}, tooLarge},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			code, _, errOut := runCLIInput(t, c.stdin, c.args...)
			if code != exitUsage || !strings.Contains(errOut, c.want) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errOut, exitUsage, c.want)
			}
			if d := time.Since(start); d > 20*time.Second {
				t.Errorf("took %v to refuse the input", d)
			}
		})
	}
}

// brokenTestTree writes a directory holding one valid test (the loader's
// fixture, with its files) and one test file that does not parse.
func brokenTestTree(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "tests")
	for _, f := range []string{"tests/photos/1.json", "tests/photos/policies_1.cedar", "sample-data/photos/entities.json", "sample-data/photos/schema.cedarschema"} {
		data, err := os.ReadFile(filepath.Join(replayFixtures, f))
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(f)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	broken := "{\n  \"policies\": \"tests/photos/policies_1.cedar\",\n  \"shouldValidate\": true,,\n"
	if err := os.WriteFile(filepath.Join(dir, "tests/photos/2.json"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// tarGz packs the files under dir into a .tar.gz.
func tarGz(t *testing.T, dir string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		tw.WriteHeader(&tar.Header{Name: filepath.ToSlash(rel), Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg})
		tw.Write(data)
		return nil
	})
	tw.Close()
	zw.Close()
	p := filepath.Join(t.TempDir(), "corpus.tar.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// A test file that does not parse is a load error naming it with
// line:col (exit 2), in a directory and in an archive, not a silent skip
// that leaves "4 passed, 0 failed".
func TestReplayBrokenTestFile(t *testing.T) {
	dir := brokenTestTree(t)
	const want = "tests/photos/2.json:3:26: invalid character ','"
	for _, path := range []string{dir, tarGz(t, dir)} {
		code, out, errOut := runCLIInput(t, nil, "replay", path)
		if code != exitUsage || !strings.Contains(errOut, want) {
			t.Errorf("replay %s: exit %d, stdout:\n%s\nstderr:\n%s\nwant exit %d and %q", path, code, out, errOut, exitUsage, want)
		}
	}
}

func TestCorpusGotestsBrokenTestFile(t *testing.T) {
	dir := brokenTestTree(t)
	code, _, errOut := runCLIInput(t, nil, "corpus", "gotests", "--dir", dir, "-o", filepath.Join(t.TempDir(), "gen_test.go"))
	if want := "tests/photos/2.json:3:26: invalid character ','"; code != exitUsage || !strings.Contains(errOut, want) {
		t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", code, errOut, exitUsage, want)
	}
}
