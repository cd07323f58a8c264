// Command runmutants measures the bug-finding power of crosscheck: for
// each planted bug of mutants/ (a patch), it copies the repository's HEAD
// to a temporary directory, applies the patch, builds bin/crosscheck and
// runs the default run,
//
//	crosscheck run --duration D --stop-after 1 --out DIR --json
//
// with no other flags (the defaults decide the targets and the
// implementations; --run-args adds some): the run ends at its first
// finding, which is all a mutant needs, so a caught mutant costs the
// seconds it took to catch rather than the whole duration. It then reads the run's
// summary.json. A mutant is caught when the run fails with at least one
// finding; the table says by which check (the first finding's kind,
// target, implementations and what differed) and after how many seconds
// of the run. It ends with "N passed, N failed", passed meaning caught,
// and exits 1 when a mutant was not caught.
//
// A mutant that does not build counts as caught by the build, and is
// listed apart: it measures nothing. A patch that is malformed or no
// longer applies is STALE, a run that fails without a finding RUN ERROR:
// both count as failed.
//
// Usage:
//
//	go run ./mutants/runmutants [--duration 60s] [--jobs 1] [--out DIR] [--run-args '...'] [NAME|GLOB...]
//
// The duration defaults to $MUTANT_DURATION, else 60s. Each run's summary
// and report stay in DIR/<mutant>/; DIR/results.md and DIR/results.json
// hold the table.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	code, err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "runmutants:", err)
	}
	os.Exit(code)
}

// run is the command: its exit code is 0 when every mutant was caught, 1
// when one was not, 2 on a usage error (with err).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) (int, error) {
	fs := flag.NewFlagSet("runmutants", flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := 60 * time.Second
	if env := os.Getenv("MUTANT_DURATION"); env != "" {
		d, err := time.ParseDuration(env)
		if err != nil || d <= 0 {
			return 2, fmt.Errorf("MUTANT_DURATION=%q is not a positive duration", env)
		}
		def = d
	}
	var (
		c       config
		jobs    int
		dir     string
		runArgs string
	)
	fs.StringVar(&c.Repo, "repo", ".", "the repository whose HEAD is mutated")
	fs.StringVar(&dir, "mutants", "", "the folder of patches (default REPO/mutants)")
	fs.DurationVar(&c.Duration, "duration", def, "each run's --duration (default $MUTANT_DURATION, else 60s)")
	fs.IntVar(&jobs, "jobs", 1, "mutants run at once (1-16)")
	fs.StringVar(&c.Out, "out", "", "directory for the results and each run's output (default mutants-out/<UTC timestamp>)")
	fs.StringVar(&runArgs, "run-args", "", "extra arguments for crosscheck run, split at spaces (e.g. '--target all --impl all')")
	fs.DurationVar(&c.Slack, "slack", 5*time.Minute, "how long past --duration a run may take (build excluded) before it is stopped")
	if err := fs.Parse(args); err != nil {
		return 2, err
	}
	if c.Duration <= 0 || jobs < 1 || jobs > 16 {
		return 2, fmt.Errorf("--duration must be positive and --jobs from 1 to 16")
	}
	c.RunArgs = strings.Fields(runArgs)
	if dir == "" {
		dir = filepath.Join(c.Repo, "mutants")
	}
	mutants, err := loadMutants(dir, fs.Args())
	if err != nil {
		return 2, err
	}
	if c.Out == "" {
		c.Out = filepath.Join("mutants-out", time.Now().UTC().Format("20060102T150405Z"))
	}
	if c.Out, err = filepath.Abs(c.Out); err != nil {
		return 2, err
	}
	if c.Repo, err = filepath.Abs(c.Repo); err != nil {
		return 2, err
	}
	if err := os.MkdirAll(c.Out, 0o755); err != nil {
		return 2, err
	}

	fmt.Fprintf(stderr, "runmutants: %d mutants, %v each, %d at a time, run args %q, writing to %s\n",
		len(mutants), c.Duration, jobs, runArgs, c.Out)
	results := runAll(ctx, c, mutants, jobs, func(r *Result) {
		fmt.Fprintf(stderr, "%-45s %-12s %-10s %s (%.0fs)\n", r.Mutant, r.Area, r.Status, r.Check, r.WallSeconds)
	})
	heading := fmt.Sprintf("Mutants: default run for %v", c.Duration)
	if runArgs != "" {
		heading += ", with " + strings.Join(c.RunArgs, " ")
	}
	writeTable(stdout, heading, results)
	if err := writeResults(c.Out, heading, results); err != nil {
		return 2, err
	}
	if ctx.Err() != nil {
		return 1, fmt.Errorf("interrupted")
	}
	for _, r := range results {
		if !r.Status.Passed() {
			return 1, nil
		}
	}
	return 0, nil
}

// runAll runs the mutants, jobs at a time, and returns their results in
// the mutants' order; done sees each as it finishes. After an interrupt
// the mutants not started are left out.
func runAll(ctx context.Context, c config, mutants []*mutant, jobs int, done func(*Result)) []*Result {
	results := make([]*Result, len(mutants))
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		sem = make(chan struct{}, jobs)
	)
	for i, m := range mutants {
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if ctx.Err() != nil {
			break
		}
		wg.Go(func() {
			defer func() { <-sem }()
			r := runMutant(ctx, c, m)
			mu.Lock()
			results[i] = r
			done(r)
			mu.Unlock()
		})
	}
	wg.Wait()
	var out []*Result
	for _, r := range results {
		if r != nil {
			out = append(out, r)
		}
	}
	return out
}
