package main

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Status is what became of one mutant.
type Status string

const (
	// Caught: the run failed with at least one finding.
	Caught Status = "caught"
	// CaughtByBuild: the mutated code does not build. It counts as
	// caught, but measures nothing: the patch should be rewritten.
	CaughtByBuild Status = "build"
	// Escaped: the run ended without a finding.
	Escaped Status = "ESCAPED"
	// Stale: the patch is malformed or no longer applies to HEAD.
	Stale Status = "STALE"
	// RunError: the run failed without a finding (bad flags, too many
	// inconclusive tests, killed after its deadline...).
	RunError Status = "RUN ERROR"
)

// Passed reports whether the status counts as the mutant being caught.
func (s Status) Passed() bool { return s == Caught || s == CaughtByBuild }

// Result is one mutant's outcome.
type Result struct {
	Mutant      string `json:"mutant"`
	Area        string `json:"area"`
	Description string `json:"description"`
	Status      Status `json:"status"`
	// Check names what caught it: the first finding signature of the run
	// ("mismatch abac [model,engine] on decision"), or for the other
	// statuses why not.
	Check string `json:"check"`
	// Signatures are all the run's finding signatures with their counts.
	Signatures []string `json:"signatures,omitempty"`
	// FirstFindingSeconds is when the run's first finding came, in
	// seconds since its start.
	FirstFindingSeconds float64 `json:"first_finding_seconds,omitempty"`
	// Tests is the number of tests the run ran.
	Tests int `json:"tests"`
	// WallSeconds is the whole time spent on the mutant: copy, apply,
	// build, run and the run's minimization of its findings.
	WallSeconds float64 `json:"wall_seconds"`
	// RunDir is where the run wrote its summary and report.
	RunDir string `json:"run_dir,omitempty"`
}

// config is what every mutant is run with.
type config struct {
	Repo     string        // the repository whose HEAD is mutated
	Duration time.Duration // the run's --duration
	RunArgs  []string      // extra arguments for crosscheck run (none: the defaults decide)
	Out      string        // the directory of the results; each run writes into Out/<mutant>
	// Slack is how long past Duration a run may take (start-up,
	// minimizing findings) before it is killed.
	Slack time.Duration
}

// runMutant copies the repository's HEAD to a temporary directory,
// applies the mutant there, builds bin/crosscheck and runs the default
// run, then reads its summary.json. It never fails: what goes wrong is the
// result's status.
func runMutant(ctx context.Context, c config, m *mutant) *Result {
	start := time.Now()
	r := &Result{Mutant: m.Name, Area: m.Area(), Description: m.Description}
	defer func() { r.WallSeconds = time.Since(start).Seconds() }()
	fail := func(s Status, format string, args ...any) *Result {
		r.Status, r.Check = s, fmt.Sprintf(format, args...)
		return r
	}
	if m.Malformed != "" {
		return fail(Stale, "malformed patch: %s", m.Malformed)
	}
	tmp, err := os.MkdirTemp("", "mutant-"+m.Name+"-")
	if err != nil {
		return fail(RunError, "%v", err)
	}
	defer os.RemoveAll(tmp)
	src := filepath.Join(tmp, "src")
	if err := copyHead(ctx, c.Repo, src); err != nil {
		return fail(RunError, "copying HEAD: %v", err)
	}
	if nm := filepath.Join(c.Repo, "node_modules"); exists(nm) {
		if err := os.Symlink(nm, filepath.Join(src, "node_modules")); err != nil {
			return fail(RunError, "%v", err)
		}
	}
	patch, err := filepath.Abs(m.Path)
	if err != nil {
		return fail(RunError, "%v", err)
	}
	// GIT_CEILING_DIRECTORIES keeps git apply from finding a repository
	// around the temporary directory: the copy is plain files.
	env := append(os.Environ(), "GIT_CEILING_DIRECTORIES="+tmp)
	if out, err := command(ctx, src, env, "git", "apply", "--check", patch); err != nil {
		return fail(Stale, "does not apply to HEAD: %s", firstLine(out, err))
	}
	if out, err := command(ctx, src, env, "git", "apply", patch); err != nil {
		return fail(Stale, "does not apply to HEAD: %s", firstLine(out, err))
	}
	// -trimpath keeps the temporary directory out of the build, so the
	// build cache serves every package the patch does not change.
	if out, err := command(ctx, src, env, "go", "build", "-trimpath", "-o", "bin/crosscheck", "./cmd/crosscheck"); err != nil {
		return fail(CaughtByBuild, "does not build: %s", firstLine(out, err))
	}

	r.RunDir = filepath.Join(c.Out, m.Name)
	args := append([]string{"run", "--duration", c.Duration.String(), "--stop-after", "1", "--out", r.RunDir, "--json"}, c.RunArgs...)
	runCtx, cancel := context.WithTimeout(ctx, c.Duration+c.Slack)
	defer cancel()
	out, runErr := command(runCtx, src, env, filepath.Join(src, "bin", "crosscheck"), args...)
	if runCtx.Err() != nil && ctx.Err() == nil {
		out = fmt.Sprintf("stopped %v after its --duration", c.Slack)
	}
	sum, err := readSummary(filepath.Join(r.RunDir, "summary.json"))
	if err != nil {
		return fail(RunError, "no summary (%v): %s", err, lastLine(out, runErr))
	}
	r.Tests, r.FirstFindingSeconds = sum.Tests, sum.FirstFindingSeconds
	for _, s := range sum.Signatures {
		r.Signatures = append(r.Signatures, fmt.Sprintf("%s (%d)", s.Signature, s.Count))
	}
	switch {
	case sum.FindingsTotal > 0 && runErr != nil:
		r.Status, r.Check = Caught, sum.firstSignature()
	case runErr != nil:
		return fail(RunError, "the run failed without a finding: %s", lastLine(out, runErr))
	default:
		r.Status, r.Check = Escaped, fmt.Sprintf("no finding in %d tests", sum.Tests)
	}
	return r
}

// summary is the part of crosscheck run's summary.json the driver reads.
type summary struct {
	Tests               int     `json:"tests"`
	FindingsTotal       int     `json:"findings_total"`
	FirstFindingSeconds float64 `json:"first_finding_seconds"`
	Signatures          []struct {
		Signature string `json:"signature"`
		Count     int    `json:"count"`
	} `json:"signatures"`
	Findings []struct {
		Kind   string   `json:"kind"`
		Target string   `json:"target"`
		Impls  []string `json:"impls"`
		On     []string `json:"on"`
	} `json:"findings"`
}

// firstSignature is the signature of the run's first finding (Findings
// keeps them in the order found; Signatures is sorted by count).
func (s *summary) firstSignature() string {
	if len(s.Findings) > 0 {
		f := s.Findings[0]
		return fmt.Sprintf("%s %s [%s] on %s", f.Kind, f.Target, strings.Join(f.Impls, ","), strings.Join(f.On, ","))
	}
	if len(s.Signatures) > 0 {
		return s.Signatures[0].Signature
	}
	return "?"
}

func readSummary(p string) (*summary, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, err
	}
	var s summary
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	return &s, nil
}

// copyHead writes the files of repo's HEAD commit (git archive) into dir:
// committed code only, so neither the repository nor its work tree is
// touched, and mutants run in parallel do not see each other.
func copyHead(ctx context.Context, repo, dir string) error {
	cmd := exec.CommandContext(ctx, "git", "-C", repo, "archive", "--format=tar", "HEAD")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	extractErr := extract(tar.NewReader(pipe), dir)
	io.Copy(io.Discard, pipe)
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("git archive: %v: %s", err, strings.TrimSpace(stderr.String()))
	}
	return extractErr
}

// extract writes a tar stream of git archive (regular files, directories
// and symbolic links, with relative names) into dir.
func extract(tr *tar.Reader, dir string) error {
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(name, filepath.Clean(dir)+string(filepath.Separator)) {
			continue // the pax header's entry, or a name outside dir
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(name, 0o755)
		case tar.TypeSymlink:
			err = os.Symlink(h.Linkname, name)
		case tar.TypeReg:
			err = writeFile(name, tr, os.FileMode(h.Mode)&0o777)
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(name string, r io.Reader, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// command runs name in dir and returns what it wrote to stderr, where
// every command the driver runs writes its errors (crosscheck run --json
// writes the summary to stdout, which is not needed: it is in
// summary.json).
func command(ctx context.Context, dir string, env []string, name string, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir, cmd.Env = dir, env
	// The run's SIGTERM handler writes its summary; give it that chance
	// before the kill.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	return stderr.String(), err
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// firstLine is the first non-empty line of a command's output that is
// not a "# package" heading of go build, or its error when there is none.
func firstLine(out string, err error) string {
	for l := range strings.SplitSeq(out, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l
		}
	}
	return fmt.Sprint(err)
}

// lastLine is the last non-empty line of a command's output (crosscheck
// run ends with its verdict and counts), or its error.
func lastLine(out string, err error) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.TrimSpace(lines[i]); l != "" {
			return l
		}
	}
	return fmt.Sprint(err)
}
