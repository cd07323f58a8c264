package main

import (
	"fmt"
	"io"
	"path/filepath"
	"sync"
	"sync/atomic"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// session is what `crosscheck run` does once its flags are checked, its
// implementations open and its output directory claimed: run the tests,
// then write the summary, the findings and the report, in that order, so
// that whatever an interrupt stops, what was found is on disk before the
// process exits.
type session struct {
	cfg    diff.Config
	out    string // the claimed output directory
	fopts  findingsOptions
	jobs   int
	asJSON bool
	tty    bool // stderr is a terminal: progress lines are redrawn in place
	stdout io.Writer
	stderr io.Writer
}

// execute runs the session; stops' stages are stopped by interrupts. The
// error carries the exit code: a check failed (exit 1) unless the
// summary's verdict is PASS.
func (s *session) execute(stops *stopper) error {
	cfg := s.cfg
	// The first finding of each signature is shown as it is found; the
	// summary lists them all at the end.
	var (
		mu         sync.Mutex
		seen       = map[diff.Signature]bool{}
		signatures atomic.Int64
	)
	onFinding := cfg.OnFinding
	cfg.OnFinding = func(f *diff.Finding) {
		mu.Lock()
		first := !seen[f.Signature()]
		seen[f.Signature()] = true
		mu.Unlock()
		if first {
			signatures.Add(1)
			if s.tty {
				fmt.Fprint(s.stderr, "\r\033[K")
			}
			fmt.Fprint(s.stderr, "new finding: ", f)
		}
		if onFinding != nil {
			onFinding(f)
		}
	}
	stops.say(stageRun, func() string {
		n := signatures.Load()
		if n == 0 || s.fopts.shrinkTime == 0 {
			return "interrupted: finishing the tests under way, then writing the summary, the findings and the report"
		}
		return fmt.Sprintf("interrupted: finishing the tests under way, then minimizing %s (Ctrl-C again to stop minimizing and save them unminimized)", plural(int(n), "finding"))
	})
	sum, err := diff.Run(stops.ctx(stageRun), cfg)
	stops.finish(stageRun)
	if err != nil {
		return usageError("%v", err)
	}

	path, saveErr := sum.Save(s.out)
	if s.asJSON {
		if err := sum.WriteJSON(s.stdout); err != nil {
			return err
		}
	} else {
		sum.WriteText(s.stdout)
	}
	if saveErr != nil {
		return inputError(fmt.Errorf("writing the summary: %w", saveErr))
	}
	fmt.Fprintln(s.stderr, "summary written to", path)

	fopts := s.fopts
	if fopts.dir == "" {
		fopts.dir = filepath.Join(s.out, "findings")
	}
	var left atomic.Int64
	stops.say(stageMinimize, func() string {
		return fmt.Sprintf("interrupted: saving %s unminimized, then writing the report (Ctrl-C again to quit at once; the summary is saved)", plural(int(left.Load()), "finding"))
	})
	saved, err := saveFindings(stops.ctx(stageMinimize), s.stderr, &cfg, sum, fopts, s.jobs, &left)
	stops.finish(stageMinimize)
	if err != nil {
		return inputError(err)
	}
	report, err := writeReport(s.out, sum, saved)
	if err != nil {
		return inputError(fmt.Errorf("writing the report: %w", err))
	}
	fmt.Fprintln(s.stderr, "report written to", report)
	if !sum.Succeeded() {
		if s.asJSON {
			fmt.Fprintln(s.stderr, "crosscheck:", sum.Verdict())
		}
		return checkFailed()
	}
	return nil
}

// plural is "1 finding", "2 findings".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
