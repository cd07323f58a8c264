package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

func init() { subcommands = append(subcommands, newRunCmd) }

// runFlags are the flags run and repro share.
type runFlags struct {
	target  string
	impls   string
	seed    int64
	timeout time.Duration
}

func (f *runFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringVar(&f.target, "target", string(diff.TargetABAC), "what to check: "+targetNames())
	fl.StringVar(&f.impls, "impl", "model,engine", "implementations to compare, the reference first: "+strings.Join(diff.ImplementationNames, ",")+" (or all: every installed one)")
	fl.Int64Var(&f.seed, "seed", 0, "seed of the run; a test is determined by (seed, index) (default: from the clock, and printed)")
	fl.DurationVar(&f.timeout, "timeout", diff.DefaultTimeout, "abandon a test (and record a finding) after this long")
}

func targetNames() string {
	var names []string
	for _, t := range diff.Targets() {
		names = append(names, string(t))
	}
	return strings.Join(names, "|")
}

// open parses the target and opens the implementations, with as many
// cedar-wasm processes as jobs (0: one per CPU). release must be called
// when done.
func (f *runFlags) open(jobs int) (diff.Target, []diff.Implementation, []string, func(), error) {
	target, err := diff.ParseTarget(f.target)
	if err != nil {
		return "", nil, nil, nil, usageError("--target: %v", err)
	}
	if f.timeout <= 0 {
		return "", nil, nil, nil, usageError("--timeout must be positive")
	}
	var names []string
	for n := range strings.SplitSeq(f.impls, ",") {
		if n = strings.TrimSpace(n); n != "" {
			names = append(names, n)
		}
	}
	impls, notes, release, err := diff.Open(names, cedarwasm.Options{Processes: jobs, Timeout: f.timeout})
	switch {
	case errors.Is(err, cedarwasm.ErrNotInstalled):
		return "", nil, nil, nil, inputError(fmt.Errorf("%w\n(install Node.js 20 or later and run `npm ci` or `make npm` in the crosscheck repository, or leave cedar-wasm out of --impl)", err))
	case err != nil:
		return "", nil, nil, nil, usageError("--impl: %v", err)
	}
	return target, impls, notes, release, nil
}

func newRunCmd() *cobra.Command {
	var (
		rf       runFlags
		duration time.Duration
		count    uint64
		jobs     int
		shard    string
		out      string
		asJSON   bool
		fopts    findingsOptions
	)
	cmd := &cobra.Command{
		Use:   "run [--target T] [--impl model,engine,...] [--duration D | --count N] [--seed S] [--jobs J] [--shard I/N] [--timeout D] [--out DIR] [--json]",
		Short: "Run a differential test: generated tests through several implementations, compared",
		Long: `run generates tests (a schema, entities, policies and requests) and runs
each through the implementations, comparing every request's decision, set
of reasons and set of erroring policies with the first implementation's
(the reference). On the reference's answers it also checks properties every
Cedar engine has: explicit permit, forbid overrides permit, independence
from the order of policies, and the soundness of the model's validator.

Targets: abac (well-typed tests, the default), abac-untyped (random
structure, many errors), rbac (hierarchies and templates), expr (one
expression per test), validation (the model's validator against the
official one in cedar-wasm; cedar-go's validator is experimental and is
not compared in runs), roundtrip (policies through Cedar text and policy
JSON, entities through entity JSON, schemas through both schema formats),
limits (conditions at the nesting limits: nested exactly 512 levels deep
or just below, flat &&, || and +/- chains of thousands of operands, long
else-if chains; compared among model, engine and cedar-go, never sent to
cedar-wasm, whose stack traps at about 80-130 levels), and all (cycles
through the others by test index).

A disagreement of cedar-go alone, where the model and cedar-wasm agree, is
tolerated only when a rule recognises the trigger of a documented cedar-go
bug in the test (docs/known-differences.md names each rule and its
regression case); such findings are counted apart as known differences
and do not fail the run.

Every test is derived from (seed, index), so any test is rerun, and printed
in full, by "crosscheck repro --seed S --index I --target T --impl ...";
each finding shows that command. --shard I/N runs the indexes equal to I
modulo N, so N machines with one seed cover disjoint tests.

A panic, or a test that takes longer than --timeout, is a finding, and the
run goes on. Ctrl-C stops the run; the summary is still printed and
written. The summary goes to stdout (as JSON with --json), and to
DIR/summary.json (default crosscheck-out/<timestamp>/), beside a report
in three forms: report.json, report.md and a self-contained report.html
(settings, throughput over time, decision mix, error kinds, coverage, and
every finding with its minimized test, diff and replay command).

After the run, the first finding of each signature (which implementations
disagree, and on what) is minimized for up to --shrink-time while it keeps
its signature, and saved in the integration-test layout under --findings
(default DIR/findings/corpus-tests/<hash>.json), with the --reference
implementation's answers as the expectations; a signature saved before
under that folder is not saved again. "crosscheck replay --impl NAME FILE"
replays a saved finding.

The last line is "N passed, N failed", counting tests.

Exit codes: 0 no finding, 1 a finding (mismatch, property violation,
validation disagreement, round-trip failure, panic, timeout, error), 2 bad
flags or an implementation that is not installed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			stderr := cmd.ErrOrStderr()
			if cmd.Flags().Changed("duration") && cmd.Flags().Changed("count") {
				return usageError("--duration and --count exclude each other")
			}
			if duration <= 0 {
				return usageError("--duration must be positive")
			}
			shardI, shardN, err := parseShard(shard)
			if err != nil {
				return usageError("--shard: %v", err)
			}
			if jobs < 0 {
				return usageError("--jobs must not be negative")
			}
			if !slices.Contains(diff.ImplementationNames, fopts.reference) {
				return usageError("--reference: unknown implementation %q (want one of %s)", fopts.reference, strings.Join(diff.ImplementationNames, ", "))
			}
			if !cmd.Flags().Changed("seed") {
				// From the clock, kept below 2^53 so that it survives
				// JSON readers that hold numbers as float64.
				rf.seed = time.Now().UnixNano() & (1<<53 - 1)
			}
			target, impls, notes, release, err := rf.open(jobs)
			if err != nil {
				return err
			}
			defer release()
			for _, n := range notes {
				fmt.Fprintln(stderr, "crosscheck:", n)
			}
			if out == "" {
				out = filepath.Join("crosscheck-out", time.Now().UTC().Format("20060102-150405"))
			}
			cfg := diff.Config{
				Target: target, Impls: impls, Seed: rf.seed, Count: count, Duration: duration,
				Jobs: jobs, Shard: shardI, Shards: shardN, Timeout: rf.timeout,
			}
			tty := isTerminal(stderr)
			if tty {
				cfg.Progress = stderr
			}
			// The first finding of each signature is shown as it is
			// found; the summary lists them all at the end.
			seen := map[diff.Signature]bool{}
			cfg.OnFinding = func(f *diff.Finding) {
				if sig := f.Signature(); !seen[sig] {
					seen[sig] = true
					if tty {
						fmt.Fprint(stderr, "\r\033[K")
					}
					fmt.Fprint(stderr, "new finding: ", f)
				}
			}
			what := fmt.Sprintf("%d tests", count)
			if count == 0 {
				what = duration.String()
			}
			fmt.Fprintf(stderr, "crosscheck run: target %s, implementations %s, %s, seed %d\n",
				target, strings.Join(implNames(impls), ","), what, rf.seed)

			ctx, stop := signal.NotifyContext(contextOf(cmd), os.Interrupt, syscall.SIGTERM)
			defer stop()
			go func() {
				// After the first Ctrl-C, a second one kills the process
				// as usual.
				<-ctx.Done()
				stop()
			}()
			if os.Getenv("GOGC") == "" {
				// The run allocates many short-lived trees; collecting
				// less often is 20-30% faster and the heap stays small.
				debug.SetGCPercent(400)
			}
			sum, err := diff.Run(ctx, cfg)
			if err != nil {
				return usageError("%v", err)
			}
			path, saveErr := sum.Save(out)
			if asJSON {
				if err := sum.WriteJSON(cmd.OutOrStdout()); err != nil {
					return err
				}
			} else {
				sum.WriteText(cmd.OutOrStdout())
			}
			if saveErr != nil {
				return inputError(fmt.Errorf("writing the summary: %w", saveErr))
			}
			fmt.Fprintln(stderr, "summary written to", path)
			if fopts.dir == "" {
				fopts.dir = filepath.Join(out, "findings")
			}
			saved, err := saveFindings(stderr, &cfg, sum, fopts, jobs)
			if err != nil {
				return inputError(err)
			}
			report, err := writeReport(out, sum, saved)
			if err != nil {
				return inputError(fmt.Errorf("writing the report: %w", err))
			}
			fmt.Fprintln(stderr, "report written to", report)
			if !sum.OK() {
				return checkFailed()
			}
			return nil
		},
	}
	rf.register(cmd)
	f := cmd.Flags()
	f.DurationVar(&duration, "duration", diff.DefaultDuration, "how long to run (excludes --count)")
	f.Uint64Var(&count, "count", 0, "run this many tests instead of a duration")
	f.IntVar(&jobs, "jobs", 0, "tests checked at once (default: the number of CPUs)")
	f.StringVar(&shard, "shard", "", "run only shard I of N (I/N, 0 <= I < N): the indexes equal to I modulo N")
	f.StringVarP(&out, "out", "o", "", "directory for summary.json and the report (default crosscheck-out/<timestamp>)")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.StringVar(&fopts.dir, "findings", "", "corpus folder for minimized findings (default DIR/findings)")
	f.StringVar(&fopts.reference, "reference", "model", "implementation whose answers a saved finding expects: model or cedar-wasm")
	f.DurationVar(&fopts.shrinkTime, "shrink-time", 5*time.Second, "longest time to minimize one finding (0: save findings unminimized)")
	fopts.totalTime = 2 * time.Minute
	return cmd
}

// parseShard reads "I/N"; "" is the whole index space.
func parseShard(s string) (i, n uint64, err error) {
	if s == "" {
		return 0, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	if ok {
		i, err = strconv.ParseUint(a, 10, 64)
		if err == nil {
			n, err = strconv.ParseUint(b, 10, 64)
		}
	}
	if !ok || err != nil || n == 0 || i >= n {
		return 0, 0, fmt.Errorf("%q is not I/N with 0 <= I < N", s)
	}
	return i, n, nil
}

func implNames(impls []diff.Implementation) []string {
	var out []string
	for _, impl := range impls {
		out = append(out, impl.Name())
	}
	return out
}

// isTerminal reports whether w is a terminal, where a progress line that
// redraws itself belongs.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

func contextOf(cmd *cobra.Command) context.Context {
	if ctx := cmd.Context(); ctx != nil {
		return ctx
	}
	return context.Background()
}
