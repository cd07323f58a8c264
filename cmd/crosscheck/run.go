package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
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

// register adds the flags, with the defaults target and impls.
func (f *runFlags) register(cmd *cobra.Command, target diff.Target, impls string) {
	fl := cmd.Flags()
	fl.StringVar(&f.target, "target", string(target), "what to check: "+targetNames())
	fl.StringVar(&f.impls, "impl", impls, "implementations to compare, the reference first: "+strings.Join(diff.ImplementationNames, ",")+", exec:'CMD ARGS' (a protocol server, docs/protocol.md), or all: every installed one")
	fl.Int64Var(&f.seed, "seed", 0, "seed of the run; a test is determined by (seed, index) (default: from the clock, and printed)")
	fl.DurationVar(&f.timeout, "timeout", diff.DefaultTimeout, "abandon a test (and record a finding) after this long (positive)")
}

func targetNames() string {
	var names []string
	for _, t := range diff.Targets() {
		names = append(names, string(t))
	}
	return strings.Join(names, "|")
}

// wasmDriver, when not empty, replaces cedar-wasm's driver (tests fake a
// failing engine with it).
var wasmDriver string

// open parses the target and opens the implementations, with as many
// cedar-wasm processes as jobs, at most one per CPU (0: one per CPU).
// release must be called when done.
func (f *runFlags) open(jobs int) (diff.Target, []diff.Implementation, []string, func(), error) {
	target, err := diff.ParseTarget(f.target)
	if err != nil {
		return "", nil, nil, nil, usageError("--target: %v", err)
	}
	if err := positive("timeout", f.timeout); err != nil {
		return "", nil, nil, nil, err
	}
	names := diff.SplitImplNames(f.impls)
	impls, notes, release, err := diff.Open(names, cedarwasm.Options{Processes: jobs, Timeout: f.timeout, Driver: wasmDriver})
	switch {
	case errors.Is(err, cedarwasm.ErrNotInstalled):
		return "", nil, nil, nil, inputError(fmt.Errorf("%w\n(install Node.js 20 or later with npm; plain cedar-wasm also needs `npm ci` or `make npm` in the crosscheck repository, cedar-wasm@VERSION installs itself; or leave cedar-wasm out of --impl)", err))
	case err != nil:
		return "", nil, nil, nil, usageError("--impl: %v", err)
	}
	return target, impls, notes, release, nil
}

func newRunCmd() *cobra.Command {
	var (
		rf          runFlags
		duration    time.Duration
		count       uint64
		jobs        int
		shard       shardFlags
		maxIncon    float64
		out         string
		asJSON      bool
		overwrite   bool
		fopts       findingsOptions
		oracleShare float64
		cpuProfile  string
		stopAfter   int
	)
	cmd := &cobra.Command{
		Use:   "run [--target T] [--impl model,engine,...] [--oracle-share F] [--duration D | --count N] [--seed S] [--jobs J] [--shard I/N|auto] [--timeout D] [--out DIR [--overwrite]] [--json] [--cpuprofile FILE] [--stop-after N]",
		Short: "Run a differential test: generated tests through several implementations, compared",
		Long: `run generates tests (a schema, entities, policies and requests) and runs
each through the implementations, comparing every request's decision, set
of reasons and set of erroring policies with the first implementation's
(the reference). On the reference's answers it also checks properties every
Cedar engine has: explicit permit, forbid overrides permit, independence
from the order of policies (on one test in 8), and the soundness of the model's validator.

Without flags it checks every target with every installed implementation
(the first line says which were found) for 60 seconds.

Targets: abac (well-typed tests), abac-untyped (random
structure, many errors), rbac (hierarchies and templates), expr (one
expression per test, whose value is compared too: the model's and the
engine's exactly, the official engine's through extra policies in the same
call that error exactly when its value differs), validation (the model's validator against the
official one in cedar-wasm; cedar-go's validator is experimental and is
not compared in runs), roundtrip (policies through Cedar text and policy
JSON, entities through entity JSON, schemas through both schema formats),
parse (each policy set re-spelled the ways a person writes Cedar, with
comments, odd white space, parentheses, sugar and escapes, then mutated;
our parser and policy JSON against cedar-wasm's, which is the only judge
of the parser: run it with --impl model,cedar-wasm), limits (conditions
at the nesting limits: nested exactly 512 levels deep or just below, flat
&&, || and +/- chains of thousands of operands, long else-if chains;
compared among model, engine and cedar-go, never sent to cedar-wasm,
whose stack traps at about 80-130 levels), partial (requests with some
of principal, action, resource and context attributes unknown: partial
authorization's decision and classifications compared exactly, residuals
by substituting sampled values and evaluating them in the model, among
model, engine and cedar-wasm, whose documented partial quirks are
listed in diff/known_partial.go), and all (the default: cycles
through the others by test index, in fixed proportions measured to give
each a fair share of the time; see README "Defaults"). A parse finding's text is in its
detail; "crosscheck repro" regenerates it from the seed and index (the
corpus layout, which saved findings use, has no way to say "parse this
text").

cedar-wasm, much slower than the others, is asked on an authorization test
only when the test brings something new to the run (a new (effect,
outcome, construct) triple of a policy, or a new decision shape), when the
implementations before it disagree, or when the test falls in the
--oracle-share of the rest (sampled from seed and index); it is asked on
every validation and parse test, and on every test when it is the only
implementation besides the reference. The summary and the report say how
many tests each implementation was asked about, and why. repro always asks
every implementation.

A disagreement of cedar-go alone, where the model and cedar-wasm agree, is
tolerated only when a rule recognises the trigger of a documented cedar-go
bug in the test (docs/known-differences.md names each rule and its
regression case); such findings are counted apart as known differences
and do not fail the run.

Every test is derived from (seed, index), so any test is rerun, and printed
in full, by "crosscheck repro --seed S --index I --target T --impl ...";
each finding shows that command. --shard I/N runs the indexes equal to I
modulo N, so N machines with one seed cover disjoint tests; "crosscheck
report merge" joins their reports.

` + shardHelp + `

A panic, or a test that takes longer than --timeout, is a finding, and the
run goes on. cedar-wasm runs in at most one Node.js process per CPU, and a
run with it checks at most that many tests at once whatever --jobs says (a
test waiting for a process would time out; a process's start-up never
counts against a call's timeout). Its health (tests sent, inconclusive ones,
process restarts and call timeouts) is printed and reported, and a run in
which it was inconclusive on more than --max-inconclusive percent of the
tests sent to it fails: its answers did not really test anything.

A run keeps little and allocates much, so it sets Go's collector to run
less often (GOGC 1600, GOMEMLIMIT 2GiB) unless the environment sets GOGC
or GOMEMLIMIT; --cpuprofile FILE shows where the run's time goes.

The summary goes to stdout (as JSON with --json), and to
DIR/summary.json, beside a report in three forms: report.json, report.md
and a self-contained report.html (settings, throughput over time,
decision mix, error kinds, coverage, and every finding with its minimized
test, diff and replay command).

The output directory is made ready before the run starts: a directory
that cannot be written is an error at once. Without --out each run gets
a new directory, crosscheck-out/<UTC timestamp>, or <timestamp>-2, -3...
when runs start in the same second. An --out that already holds a
summary.json, or that another run is writing (it holds that run's
.crosscheck-run.lock), is refused unless --overwrite is given.

Ctrl-C (or SIGTERM) stops the run after the tests under way, and says what
is left to do; the summary is still printed and written, and the findings
minimized and saved. A second Ctrl-C stops minimizing: the findings are
saved as found, then the report is written. A third one ends the process
at once (every file is written atomically, so none is half written).

After the run, the first finding of each signature (which implementations
disagree, and on what) is minimized for up to --shrink-time while it keeps
its signature, and saved in the integration-test layout under --findings
(default DIR/findings/corpus-tests/<hash>.json), with the --reference
implementation's answers as the expectations (by default the official
engine, cedar-wasm, when the run compared it, else the model, so that a
bug of the model is never saved as the truth); a signature saved before
under that folder is not saved again. "crosscheck replay --impl NAME FILE"
replays a saved finding.

--stop-after N ends the run once it has N findings (known differences do
not count), after the tests under way: enough when all you want is the
first sign of a bug (make mutants uses --stop-after 1). The summary and
the reports say the run stopped early; it is not INCOMPLETE.

The last line is "N passed, N failed", counting tests.

The summary's verdict, printed before the last line, is PASS, FAIL,
INCOMPLETE (interrupted) or INCOMPLETE (nothing compared): the tests ran
but every comparison was skipped as unsupported. A run that cannot compare
anything is refused before it starts: an authorization target (abac,
abac-untyped, rbac, expr, all) with one implementation, or validation
without one whose validator is compared (cedar-wasm).

Exit codes: 0 PASS; 1 anything else: a finding (mismatch, property
violation, validation disagreement, round-trip failure, panic, timeout,
error), too many inconclusive tests (see --max-inconclusive), an
interrupted run, or nothing compared; 2 bad flags (a numeric
flag outside the range its help shows, --count 0), an implementation that
is not installed, an --out that cannot be written or is taken.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			stderr := cmd.ErrOrStderr()
			if cmd.Flags().Changed("duration") && cmd.Flags().Changed("count") {
				return usageError("--duration and --count exclude each other")
			}
			if cmd.Flags().Changed("count") && count == 0 {
				return usageError("--count must be at least 1 (leave it out to run for --duration)")
			}
			shardI, shardN, shardNote, err := shard.resolve(os.LookupEnv)
			if err != nil {
				return err
			}
			if err := firstError(
				inRange("stop-after", stopAfter, stopAfterRange),
				positive("duration", duration),
				inRange("jobs", jobs, jobsRange),
				notNegative("shrink-time", fopts.shrinkTime),
			); err != nil {
				return err
			}
			if count > 0 {
				if err := indexesFit(fmt.Sprintf("--count %d with --shard %d/%d", count, shardI, shardN), shardI, count, shardN); err != nil {
					return err
				}
			}
			if !(maxIncon >= 0 && maxIncon <= 100) {
				return usageError("--max-inconclusive must be a percentage from 0 to 100")
			}
			if !(oracleShare >= 0 && oracleShare <= 1) {
				return usageError("--oracle-share must be a share from 0 to 1")
			}
			if fopts.reference != referenceAuto && !slices.Contains(diff.ImplementationNames, fopts.reference) {
				return usageError("--reference: unknown implementation %q (want %s or one of %s)", fopts.reference, referenceAuto, strings.Join(diff.ImplementationNames, ", "))
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
			if shardNote != "" {
				notes = append(notes, shardNote)
			}
			for _, n := range notes {
				fmt.Fprintln(stderr, "crosscheck:", n)
			}
			cfg := diff.Config{
				Target: target, Impls: impls, Seed: rf.seed, Count: count, Duration: duration,
				Jobs: jobs, Shard: shardI, Shards: shardN, Timeout: rf.timeout,
				MaxInconclusive: maxInconclusive(maxIncon),
				ScheduleOracles: oracleShare < 1, OracleShare: oracleShare,
				StopAfter: stopAfter,
			}
			if err := cfg.CheckCompares(); err != nil {
				return usageError("--impl %s: %v", strings.Join(implNames(impls), ","), err)
			}
			if cpuProfile != "" {
				stopProfile, err := startCPUProfile(cpuProfile)
				if err != nil {
					return inputError(err)
				}
				defer stopProfile()
			}
			dir, unlock, err := claimOut(out, overwrite, time.Now())
			if err != nil {
				return inputError(err)
			}
			defer unlock()
			tty := isTerminal(stderr)
			if tty {
				cfg.Progress = stderr
			}
			what := fmt.Sprintf("%d tests", count)
			if count == 0 {
				what = duration.String()
			}
			fmt.Fprintf(stderr, "crosscheck run: target %s, implementations %s, %s, seed %d, writing to %s\n",
				target, describeImpls(rf.impls, impls), what, rf.seed, dir)
			defer diff.TuneGC()()
			stops, over := notifyStopper(contextOf(cmd), stderr)
			defer over()
			s := &session{
				cfg: cfg, out: dir, fopts: fopts, jobs: jobs, asJSON: asJSON, tty: tty,
				stdout: cmd.OutOrStdout(), stderr: stderr,
			}
			return s.execute(stops)
		},
	}
	rf.register(cmd, diff.TargetAll, "all")
	f := cmd.Flags()
	f.Float64Var(&oracleShare, "oracle-share", diff.DefaultOracleShare, "share (0 to 1) of the authorization tests that bring nothing new on which cedar-wasm is asked too; it is always asked on novel tests, on disagreements, and on every validation and parse test (1: every test)")
	f.DurationVar(&duration, "duration", diff.DefaultDuration, "how long to run (excludes --count)")
	f.Uint64Var(&count, "count", 0, "run this many tests (at least 1) instead of a duration")
	f.IntVar(&stopAfter, "stop-after", 0, "end the run early, after the tests under way, once it has this many findings (known differences do not count; 0: never)")
	f.IntVar(&jobs, "jobs", min(max(runtime.NumCPU(), jobsRange.Min), jobsRange.Max), "tests checked at once ("+jobsRange.String()+"; default: the number of CPUs; with cedar-wasm at most one per Node.js process, one per CPU)")
	f.Float64Var(&maxIncon, "max-inconclusive", 100*diff.DefaultMaxInconclusive, "fail the run when an oracle (cedar-wasm) is inconclusive on more than this percentage of the tests sent to it")
	shard.register(f)
	f.StringVarP(&out, "out", "o", "", "directory for summary.json and the report, refused if it holds a summary.json (default: a new crosscheck-out/<timestamp>[-N])")
	f.BoolVar(&overwrite, "overwrite", false, "write into --out even if it holds a run's summary.json or another run's lock")
	f.BoolVar(&asJSON, "json", false, "print the summary as JSON")
	f.StringVar(&cpuProfile, "cpuprofile", "", "write a CPU profile of the run to `FILE` (read it with go tool pprof)")
	f.StringVar(&fopts.dir, "findings", "", "corpus folder for minimized findings (default DIR/findings)")
	f.StringVar(&fopts.reference, "reference", referenceAuto, "implementation whose answers a saved finding expects: auto (cedar-wasm when it is among --impl, else model), model or cedar-wasm")
	f.DurationVar(&fopts.shrinkTime, "shrink-time", 5*time.Second, "longest time to minimize one finding (0: save findings unminimized; not negative)")
	fopts.totalTime = 2 * time.Minute
	return cmd
}

// startCPUProfile starts writing a CPU profile to path; stop ends it and
// closes the file.
func startCPUProfile(path string) (stop func(), err error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("--cpuprofile: %w", err)
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}, nil
}

// maxInconclusive converts the --max-inconclusive percentage to
// Config.MaxInconclusive, where 0 means the default and "none allowed" is
// negative.
func maxInconclusive(percent float64) float64 {
	if percent == 0 {
		return -1
	}
	return percent / 100
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

// describeImpls lists the implementations of a run and, when --impl asked
// for all of them, says which were not found (the notes printed before
// say why).
func describeImpls(flag string, impls []diff.Implementation) string {
	names := implNames(impls)
	list := strings.Join(names, ",")
	if !slices.Contains(strings.Split(flag, ","), "all") {
		return list
	}
	var missing []string
	for _, n := range diff.ImplementationNames {
		if !slices.Contains(names, n) {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return list + " (every implementation: all are installed)"
	}
	return list + " (every installed one; not found: " + strings.Join(missing, ",") + ", see above)"
}
