package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeMain stands in for cmd/crosscheck: its run writes a summary.json
// with one finding and exits 1 when bug is true, and a clean summary
// otherwise; it records its arguments in args.txt.
const fakeMain = `package main

import (
	"os"
	"path/filepath"
	"strings"
)

const bug = false

func main() {
	out := ""
	for i, a := range os.Args {
		if a == "--out" {
			out = os.Args[i+1]
		}
	}
	os.MkdirAll(out, 0o755)
	os.WriteFile(filepath.Join(out, "args.txt"), []byte(strings.Join(os.Args[1:], " ")), 0o644)
	sum := ` + "`" + `{"tests": 10, "findings_total": 0, "signatures": [], "findings": []}` + "`" + `
	if bug {
		sum = ` + "`" + `{"tests": 10, "findings_total": 3, "first_finding_seconds": 1.5,
			"signatures": [{"signature": "mismatch abac [model,engine] on decision", "count": 3}],
			"findings": [{"kind": "mismatch", "target": "abac", "impls": ["model", "engine"], "on": ["decision"]}]}` + "`" + `
	}
	os.WriteFile(filepath.Join(out, "summary.json"), []byte(sum), 0o644)
	if bug {
		os.Exit(1)
	}
}
`

// fakeRepo makes a git repository holding fakeMain as cmd/crosscheck and
// a mutants folder with one patch per outcome, each made by editing the
// file and taking git diff.
func fakeRepo(t *testing.T) string {
	t.Helper()
	for _, tool := range []string{"git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed", tool)
		}
	}
	repo := t.TempDir()
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", append([]string{"-C", repo, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	write := func(name, text string) {
		t.Helper()
		p := filepath.Join(repo, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	main := "cmd/crosscheck/main.go"
	write("go.mod", "module fake\n\ngo 1.26\n")
	write(main, fakeMain)
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "fake")
	patch := func(name, header, edited string) {
		t.Helper()
		write(main, edited)
		diff := git("diff")
		git("checkout", "--", main)
		write("mutants/"+name+".patch", header+diff)
	}
	const header = "# description: d\n# trigger: t\n"
	patch("caught", header, strings.Replace(fakeMain, "bug = false", "bug = true", 1))
	patch("escaped", header, strings.Replace(fakeMain, "const bug", "// a comment\nconst bug", 1))
	patch("build", header, strings.Replace(fakeMain, "bug = false", "bug = undefined", 1))
	patch("stale", header, strings.Replace(fakeMain, "bug = false", "bug = true", 1))
	// The stale patch's context no longer matches HEAD.
	p := filepath.Join(repo, "mutants", "stale.patch")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, bytes.ReplaceAll(b, []byte(" func main() {"), []byte(" func mainly() {")), 0o644)
	patch("malformed", "# trigger: t\n", strings.Replace(fakeMain, "bug = false", "bug = true", 1))
	return repo
}

func TestRunMutants(t *testing.T) {
	if testing.Short() {
		t.Skip("builds five copies of a fake repository")
	}
	repo := fakeRepo(t)
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	code, err := run(context.Background(), []string{
		"--repo", repo, "--out", out, "--duration", "2s", "--jobs", "2",
		"--run-args", "--target all  --impl model,engine",
	}, &stdout, &stderr)
	if err != nil || code != 1 {
		t.Fatalf("run = %d, %v; want 1 (some mutants not caught)\n%s", code, err, stderr.String())
	}
	want := map[string]struct {
		status Status
		check  string
	}{
		"build":     {CaughtByBuild, "does not build: "},
		"caught":    {Caught, "mismatch abac [model,engine] on decision"},
		"escaped":   {Escaped, "no finding in 10 tests"},
		"malformed": {Stale, `malformed patch: no "# description:" line`},
		"stale":     {Stale, "does not apply to HEAD: "},
	}
	text := stdout.String()
	for name, w := range want {
		row := ""
		for l := range strings.SplitSeq(text, "\n") {
			if strings.HasPrefix(l, "| "+name+" |") {
				row = l
			}
		}
		if row == "" {
			t.Errorf("no row for %s in\n%s", name, text)
			continue
		}
		caught := "no: " + string(w.status)
		switch w.status {
		case Caught:
			caught = "yes"
		case CaughtByBuild:
			caught = "by the build"
		}
		if !strings.Contains(row, "| "+caught+" |") || !strings.Contains(row, w.check) {
			t.Errorf("row %q, want %q and a check starting %q", row, caught, w.check)
		}
	}
	if !strings.Contains(text, "| caught | cmd/crosscheck | yes | mismatch abac [model,engine] on decision | 1.5 | 10 |") {
		t.Errorf("the caught row lacks its area, time or tests:\n%s", text)
	}
	if !strings.Contains(text, "caught only by the build (badly written mutants, they measure nothing): build\n") {
		t.Errorf("the build-caught mutant is not listed apart:\n%s", text)
	}
	if !strings.HasSuffix(text, "\n2 passed, 3 failed\n") {
		t.Errorf("last line: want 2 passed, 3 failed:\n%s", text)
	}
	args, err := os.ReadFile(filepath.Join(out, "caught", "args.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if w := "run --duration 2s --stop-after 1 --out " + filepath.Join(out, "caught") + " --json --target all --impl model,engine"; string(args) != w {
		t.Errorf("crosscheck got %q, want %q", args, w)
	}
	for _, f := range []string{"results.md", "results.json"} {
		b, err := os.ReadFile(filepath.Join(out, f))
		if err != nil || !bytes.Contains(b, []byte("escaped")) {
			t.Errorf("%s: %v, %q", f, err, b)
		}
	}
	// Only the two files and the runs' directories: no temporary file
	// is left behind.
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

func TestLoadMutantsSelection(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"engine-a", "engine-b", "model-c"} {
		text := "# description: d\n# trigger: t\ndiff --git a/x b/x\n--- a/x\n+++ b/" + strings.SplitN(n, "-", 2)[0] + "/x.go\n"
		if err := os.WriteFile(filepath.Join(dir, n+".patch"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		patterns []string
		want     string // names joined, or the error's start
	}{
		{nil, "engine-a engine-b model-c"},
		{[]string{"engine-*"}, "engine-a engine-b"},
		{[]string{"model-c.patch", "engine-b"}, "engine-b model-c"},
		{[]string{"nothing"}, `error: no patch in`},
	}
	for _, tt := range tests {
		ms, err := loadMutants(dir, tt.patterns)
		got := ""
		if err != nil {
			got = "error: " + err.Error()
		}
		for _, m := range ms {
			got = strings.TrimSpace(got + " " + m.Name)
			if m.Area() != strings.SplitN(m.Name, "-", 2)[0] {
				t.Errorf("%s: area %q", m.Name, m.Area())
			}
		}
		if !strings.HasPrefix(got, tt.want) {
			t.Errorf("loadMutants(%q) = %q, want %q", tt.patterns, got, tt.want)
		}
	}
}

// TestMutantsApply checks that every planted bug of the repository
// still applies to the code: a stale patch measures nothing.
func TestMutantsApply(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	ms, err := loadMutants("..", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, m := range ms {
		if m.Malformed != "" {
			t.Errorf("%s: %s", m.Name, m.Malformed)
			continue
		}
		cmd := exec.CommandContext(ctx, "git", "apply", "--check", filepath.Join("mutants", m.Name+".patch"))
		cmd.Dir = filepath.Join("..", "..")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("%s does not apply: %v\n%s", m.Name, err, out)
		}
	}
}
