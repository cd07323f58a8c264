package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// flipper answers every request with the opposite of the engine's
// decision, so every test is a finding. Once the run is over (the
// findings are being minimized) its first answer interrupts the
// minimization and, like an implementation that has hung, does not
// return until release is closed (or 40 seconds have passed): only a
// session that stops waiting for the minimizer ends in time.
type flipper struct {
	diff.Implementation
	stops   *stopper
	release <-chan struct{}
}

func (flipper) Name() string { return "flipper" }

func (f flipper) Authorize(in *diff.Input, reqs []*syntax.Request) ([]diff.Answer, error) {
	if f.stops.over(stageRun) {
		if f.stops.current() == stageMinimize {
			f.stops.interrupt()
		}
		select {
		case <-f.release:
		case <-time.After(40 * time.Second):
		}
		return nil, errors.New("stopped")
	}
	answers, err := f.Implementation.Authorize(in, reqs)
	for i := range answers {
		answers[i].Response.Decision = 1 - answers[i].Response.Decision
	}
	return answers, err
}

// unsupportedAll skips every test.
type unsupportedAll struct{ diff.Implementation }

func (unsupportedAll) Name() string                   { return "partial" }
func (unsupportedAll) Unsupported(*diff.Input) string { return "everything" }

// sessionResult is what a session left: its error, output and files.
type sessionResult struct {
	err            error
	stdout, stderr string
	out            string
	elapsed        time.Duration
}

func runSession(t *testing.T, cfg diff.Config, stops *stopper, shrinkTime time.Duration) sessionResult {
	t.Helper()
	var stdout, stderr bytes.Buffer
	out := t.TempDir()
	s := &session{
		cfg: cfg, out: out, jobs: 2, stdout: &stdout, stderr: &stderr,
		fopts: findingsOptions{reference: "model", shrinkTime: shrinkTime, totalTime: 2 * shrinkTime},
	}
	start := time.Now()
	err := s.execute(stops)
	return sessionResult{err, stdout.String(), stderr.String(), out, time.Since(start)}
}

func (r sessionResult) check(t *testing.T, code int, verdict string, interrupted bool) {
	t.Helper()
	if got := exitCodeOf(r.err); r.err == nil && code != exitOK || r.err != nil && got != code {
		t.Errorf("error %v (exit %d), want exit %d\nstdout:\n%s\nstderr:\n%s", r.err, got, code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "\n"+verdict+"\n") {
		t.Errorf("stdout lacks the verdict %q:\n%s", verdict, r.stdout)
	}
	var sum struct{ Interrupted bool }
	b, err := os.ReadFile(filepath.Join(r.out, "summary.json"))
	if err != nil || json.Unmarshal(b, &sum) != nil || sum.Interrupted != interrupted {
		t.Errorf("summary.json: %v, interrupted %v, want %v", err, sum.Interrupted, interrupted)
	}
	for _, name := range []string{"report.json", "report.md", "report.html"} {
		if _, err := os.Stat(filepath.Join(r.out, name)); err != nil {
			t.Errorf("%s not written: %v", name, err)
		}
	}
	if interrupted {
		// The report's status says what the verdict says.
		md, _ := os.ReadFile(filepath.Join(r.out, "report.md"))
		if !strings.Contains(string(md), "**"+verdict+"**") {
			t.Errorf("report.md does not open with %q:\n%.300s", verdict, md)
		}
	}
}

// TestInterruptDuringMinimization interrupts a run at its first finding,
// then again when the minimization starts: the findings must be saved
// unminimized and the summary and report written, at once.
func TestInterruptDuringMinimization(t *testing.T) {
	var stderr syncBuffer
	stops := newStopper(context.Background(), &stderr, nil)
	var once sync.Once
	release := make(chan struct{})
	t.Cleanup(func() { close(release) }) // the abandoned minimizer then gives up at once
	cfg := diff.Config{
		Target: diff.TargetABAC, Impls: []diff.Implementation{diff.Model(), flipper{diff.Engine(), stops, release}},
		Seed: 1, Duration: time.Hour, Jobs: 2,
		OnFinding: func(*diff.Finding) { once.Do(stops.interrupt) },
	}
	r := runSession(t, cfg, stops, time.Minute)
	r.check(t, exitFailed, "FAIL (interrupted)", true)
	if r.elapsed > 30*time.Second {
		t.Errorf("the interrupted session took %v", r.elapsed)
	}
	msgs := stderr.String()
	for _, re := range []string{
		`interrupted: finishing the tests under way, then minimizing \d+ findings? \(Ctrl-C again to stop minimizing and save them unminimized\)`,
		`interrupted: saving \d+ findings? unminimized, then writing the report \(Ctrl-C again to quit at once; the summary is saved\)`,
	} {
		if !regexp.MustCompile(re).MatchString(msgs) {
			t.Errorf("interrupt messages lack %q:\n%s", re, msgs)
		}
	}
	if strings.Contains(r.stderr, "minimized in") || !strings.Contains(r.stderr, "finding saved: ") {
		t.Errorf("the findings should be saved unminimized:\n%s", r.stderr)
	}
	saved, _ := filepath.Glob(filepath.Join(r.out, "findings", "corpus-tests", "*.json"))
	if len(saved) == 0 {
		t.Errorf("no finding saved under %s", r.out)
	}
	if stops.current() != stageCount {
		t.Errorf("stage %d after both interrupts", stops.current())
	}
}

func TestSessionVerdicts(t *testing.T) {
	for _, c := range []struct {
		name        string
		impls       []diff.Implementation
		interrupt   bool // before the run starts
		code        int
		verdict     string
		interrupted bool
	}{
		{"pass", []diff.Implementation{diff.Model(), diff.Engine()}, false, exitOK, "PASS", false},
		{"interrupted", []diff.Implementation{diff.Model(), diff.Engine()}, true, exitFailed, "INCOMPLETE (interrupted)", true},
		{"nothing compared", []diff.Implementation{diff.Model(), unsupportedAll{diff.Engine()}}, false, exitFailed, "INCOMPLETE (nothing compared)", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stderr syncBuffer
			stops := newStopper(context.Background(), &stderr, nil)
			if c.interrupt {
				stops.interrupt()
			}
			cfg := diff.Config{Target: diff.TargetABAC, Impls: c.impls, Seed: 1, Count: 4, Jobs: 2}
			runSession(t, cfg, stops, time.Second).check(t, c.code, c.verdict, c.interrupted)
		})
	}
}

func TestStopper(t *testing.T) {
	type step struct {
		op   string // "interrupt" or "finish N"
		want int    // the current stage after it
	}
	for _, c := range []struct {
		name     string
		steps    []step
		stopped  [stageCount]bool
		messages int
	}{
		{"two interrupts", []step{{"interrupt", stageMinimize}, {"interrupt", stageCount}, {"interrupt", stageCount}}, [stageCount]bool{true, true}, 2},
		{"run finished first", []step{{"finish 0", stageMinimize}, {"interrupt", stageCount}}, [stageCount]bool{false, true}, 1},
		{"interrupt then finish", []step{{"interrupt", stageMinimize}, {"finish 0", stageMinimize}, {"finish 1", stageCount}}, [stageCount]bool{true, false}, 1},
		{"no interrupt", []step{{"finish 0", stageMinimize}, {"finish 1", stageCount}}, [stageCount]bool{}, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var w syncBuffer
			released := 0
			s := newStopper(context.Background(), &w, func() { released++ })
			s.say(stageRun, func() string { return "stop run" })
			s.say(stageMinimize, func() string { return "stop minimize" })
			for _, st := range c.steps {
				switch st.op {
				case "interrupt":
					s.interrupt()
				case "finish 0":
					s.finish(stageRun)
				case "finish 1":
					s.finish(stageMinimize)
				}
				if got := s.current(); got != st.want {
					t.Fatalf("after %s: stage %d, want %d", st.op, got, st.want)
				}
			}
			for i, want := range c.stopped {
				if got := s.ctx(i).Err() != nil; got != want {
					t.Errorf("stage %d stopped %v, want %v", i, got, want)
				}
			}
			if released != 1 {
				t.Errorf("released %d times, want once when no stage is left", released)
			}
			if got := strings.Count(w.String(), "stop "); got != c.messages {
				t.Errorf("%d messages, want %d:\n%s", got, c.messages, w.String())
			}
		})
	}
}

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
