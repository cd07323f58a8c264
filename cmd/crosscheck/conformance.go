package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/corpus/findings"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/reports"
)

func init() { subcommands = append(subcommands, newConformanceCmd) }

// conformanceSkip, given for --integration-tests or --regressions,
// leaves that source out.
const conformanceSkip = "none"

// The source names of a conformance report.
const (
	officialSource    = "official integration tests"
	regressionsSource = "corpus/regressions"
)

type conformanceFlags struct {
	impl, out, reference, official, regressions string
	replayParse                                 string
	overwrite                                   bool
	count                                       uint64
	seed                                        int64
	jobs                                        int
	timeout, shrinkTime, shrinkTotal            time.Duration
}

func newConformanceCmd() *cobra.Command {
	var f conformanceFlags
	cmd := &cobra.Command{
		Use:   "conformance --impl X [--out DIR [--overwrite]] [--count N] [--seed S]",
		Short: "Report how one implementation conforms to Cedar, per feature area",
		Long: `conformance checks one implementation (--impl: model, engine, cedar-go,
cedar-wasm, or a protocol server exec:'CMD ARGS', docs/protocol.md) and
writes the report an implementer wants. It replays

  - the official Cedar integration tests, when found (the tests/ folder
    and corpus-tests-dev.tar.gz of --integration-tests, by default
    $CEDAR_INTEGRATION_TESTS or ../shared/cedar-integration-tests beside
    the repository), judged by the answers recorded in them;
  - the regression corpus (--regressions, by default corpus/regressions
    of the repository holding the working directory), likewise;
  - --count generated tests (abac, rbac, expr, abac-untyped and
    validation in a fixed cycle by index, determined by --seed and the
    index), judged by the reference: the official engine, cedar-wasm,
    when it is installed, else the reference model (the report says
    which, and why).

Each test's requests are one check and its shouldValidate flag another.
Parsing has checks of its own: the implementation's verdict (parses or
not) is compared with the reference's on each corpus test's policy
file, on each policy set re-spelled (generators/spelling) and broken
twice, and, for a protocol server that lists parse-schema, on each
schema in Cedar syntax. model and engine share one parser, cedar-go has
its own, a protocol server is asked through parse-policies (a server
without it is unsupported there). For the corpus the reference is the
official engine when installed, else the reference model, as for the
generated tests.

A check counts in every feature area its test touches: decimal, ipaddr,
datetime, duration, templates, entities and hierarchy, errors,
validation, parsing, and other for the rest. A check the implementation answers "unsupported" for is listed
under its feature and never counted as a failure; documented differences
(diff/known*.go, docs/known-differences.md) are counted apart as known.

The first failure of each signature is minimized with the shrinker (at
most --shrink-time each, --shrink-total in all) against the reference
and saved in the corpus layout under DIR/findings; every failure has the
command that replays it: the minimized test, else the original; a
generated validation test or a text whose parse verdicts differ is saved
as it is (findings/, findings/parse/) and replayed from there
(--replay-parse FILE checks one saved text again, writing no report).

The report goes to DIR/conformance.json, conformance.md and a
self-contained conformance.html (each written atomically), with the
versions of Crosscheck, of each implementation (a protocol server's from
its handshake), the Cedar language, Go, the OS and the CPU. The output
directory is claimed as run claims it: a new crosscheck-out/<timestamp>
without --out; an --out that holds a conformance.json, or that another
command is writing, is refused unless --overwrite.

The verdict is PASS (every compared check passed), FAIL, or INCOMPLETE
(nothing compared): every check was unsupported, known or inconclusive.

Exit codes: 0 PASS; 1 FAIL, INCOMPLETE, or the implementation was
inconclusive on more than 5% of its checks; 2 bad flags, an
implementation that is not installed or does not start, an --out that
cannot be written or is taken, or a corpus file that cannot be read
(the report is still written).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error { return f.run(cmd) },
	}
	fl := cmd.Flags()
	fl.StringVar(&f.impl, "impl", "", "the implementation to check: model, engine, cedar-go, cedar-wasm or exec:'CMD ARGS' (required)")
	fl.StringVarP(&f.out, "out", "o", "", "directory for the report, refused if it holds a conformance.json (default: a new crosscheck-out/<timestamp>[-N])")
	fl.BoolVar(&f.overwrite, "overwrite", false, "write into --out even if it holds a conformance.json or another command's lock")
	fl.Uint64Var(&f.count, "count", 10000, "generated tests to check (at least 1)")
	fl.Int64Var(&f.seed, "seed", 1, "seed of the generated tests")
	fl.IntVar(&f.jobs, "jobs", min(max(runtime.NumCPU(), jobsRange.Min), jobsRange.Max), "tests checked at once ("+jobsRange.String()+")")
	fl.DurationVar(&f.timeout, "timeout", diff.DefaultTimeout, "abandon a test after this long (positive)")
	fl.StringVar(&f.reference, "reference", referenceAuto, "judge of the generated tests: auto (cedar-wasm when installed, else model), cedar-wasm or model")
	fl.StringVar(&f.official, "integration-tests", "", "folder of the official integration tests (default: found as the tests do), or none")
	fl.StringVar(&f.regressions, "regressions", "", "the regression corpus (default: corpus/regressions of the repository), or none")
	fl.StringVar(&f.replayParse, "replay-parse", "", "only compare the parse verdicts of --impl and the reference on this saved text (a failure's replay command), write no report")
	fl.DurationVar(&f.shrinkTime, "shrink-time", 5*time.Second, "longest time to minimize one failure (0: do not minimize)")
	fl.DurationVar(&f.shrinkTotal, "shrink-total", 2*time.Minute, "longest time to minimize all failures")
	return cmd
}

func (f *conformanceFlags) run(cmd *cobra.Command) error {
	stderr := cmd.ErrOrStderr()
	if f.impl == "" {
		return usageError("--impl is required (one of %s)", replayImplNames())
	}
	if len(diff.SplitImplNames(f.impl)) != 1 || f.impl == "all" {
		return usageError("--impl names one implementation, have %q", f.impl)
	}
	if f.count == 0 {
		return usageError("--count must be at least 1")
	}
	if err := firstError(inRange("jobs", f.jobs, jobsRange), positive("timeout", f.timeout),
		notNegative("shrink-time", f.shrinkTime), notNegative("shrink-total", f.shrinkTotal)); err != nil {
		return err
	}
	if !slices.Contains([]string{referenceAuto, "cedar-wasm", "model"}, f.reference) {
		return usageError("--reference: unknown %q (want auto, cedar-wasm or model)", f.reference)
	}
	wasm := cedarwasm.Options{Processes: f.jobs, Timeout: f.timeout, Driver: wasmDriver}
	impls, _, release, err := diff.Open([]string{f.impl}, wasm)
	switch {
	case errors.Is(err, cedarwasm.ErrNotInstalled):
		return inputError(fmt.Errorf("%w\n(install Node.js 20 or later and run `npm ci` in the crosscheck repository)", err))
	case err != nil && strings.HasPrefix(f.impl, diff.ExecPrefix):
		return inputError(fmt.Errorf("--impl: %w", err))
	case err != nil:
		return usageError("--impl: %v", err)
	}
	defer release()
	impl := impls[0]
	ref, refNote, closeRef, err := f.openReference(impl.Name(), wasm)
	if err != nil {
		return err
	}
	defer closeRef()
	if f.replayParse != "" {
		return replayParse(cmd.OutOrStdout(), impl, ref, f.replayParse)
	}

	started := time.Now()
	dir, unlock, err := claimOutFor(f.out, f.overwrite, started, reports.ConformanceJSONFile, "a conformance report's")
	if err != nil {
		return inputError(err)
	}
	defer unlock()
	progress := func(msg string) { fmt.Fprintln(stderr, "crosscheck conformance:", msg) }
	progress(fmt.Sprintf("checking %s against %s, writing to %s", impl.Name(), ref.Name(), dir))

	s := &conformanceSession{impl: impl, ref: ref, implName: impl.Name(), seed: f.seed, jobs: f.jobs, testTimeout: f.timeout, configs: map[diff.Target]*diff.Config{}}
	for _, t := range conformanceCycle {
		s.configs[t] = &diff.Config{Target: t, Impls: []diff.Implementation{ref, impl}, Seed: f.seed, Timeout: f.timeout}
	}
	c := &reports.Conformance{
		Impl: impl.Name(), Reference: ref.Name(), ReferenceNote: refNote, Seed: f.seed, Started: started.UTC(),
		Versions: diff.VersionsOf([]diff.Implementation{ref, impl}), Command: f.command(),
	}
	var walkErr error
	for _, src := range f.corpusSources() {
		if src.Skipped != "" {
			c.Sources = append(c.Sources, src.ConformanceSource)
			continue
		}
		progress("replaying " + src.Name + " (" + src.Path + ")")
		for _, p := range src.paths {
			n, err := s.corpusSource(src.Name, p, src.knownRoot)
			src.Tests += n
			if err != nil && walkErr == nil {
				walkErr = err
			}
		}
		c.Sources = append(c.Sources, src.ConformanceSource)
	}
	progress(fmt.Sprintf("checking %d generated tests (seed %d)", f.count, f.seed))
	s.generated(f.count)
	c.Sources = append(c.Sources, reports.ConformanceSource{Name: generatedSource, Tests: int(f.count),
		Path: fmt.Sprintf("seed %d, judged by %s", f.seed, ref.Name())})

	m := &minimizer{ref: ref, impl: impl, perTest: f.shrinkTime, deadline: time.Now().Add(f.shrinkTotal),
		saver: &findings.Saver{Dir: filepath.Join(dir, "findings"), Reference: ref, Versions: c.Versions.String()}}
	if ref.Name() != "model" {
		m.modelSaver = &findings.Saver{Dir: m.saver.Dir, Reference: diff.Model(), Versions: m.saver.Versions}
	}
	if f.shrinkTime == 0 {
		m.deadline = time.Time{}
	}
	s.report(c, m, progress)
	if sup, ok := impl.(diff.Supervised); ok {
		h := sup.Health()
		c.Health = &h
	}
	c.Elapsed = reports.Duration(time.Since(started))
	if err := reports.WriteConformance(dir, c); err != nil {
		return inputError(fmt.Errorf("writing the report: %w", err))
	}
	writeConformanceSummary(cmd.OutOrStdout(), c, dir)
	switch {
	case walkErr != nil:
		return inputError(walkErr)
	case len(c.LoadErrors) > 0:
		for _, le := range c.LoadErrors {
			fmt.Fprintln(stderr, "crosscheck: cannot load test:", le)
		}
		return &exitError{code: exitUsage}
	case c.Verdict() != "PASS":
		return checkFailed()
	case c.Total.Inconclusive*100 > 5*(c.Total.Compared()+c.Total.Inconclusive):
		fmt.Fprintf(stderr, "crosscheck conformance: %s was inconclusive on %d of %d checks (over 5%%): its answers did not really test anything\n",
			impl.Name(), c.Total.Inconclusive, c.Total.Compared()+c.Total.Inconclusive)
		return checkFailed()
	}
	return nil
}

// openReference opens the judge of the generated tests, and says why
// when it is not the official engine.
func (f *conformanceFlags) openReference(implName string, wasm cedarwasm.Options) (diff.Implementation, string, func(), error) {
	useModel := func(note string) (diff.Implementation, string, func(), error) {
		return diff.Model(), note, func() {}, nil
	}
	switch {
	case f.reference == "model":
		return useModel("chosen with --reference model")
	case f.reference == referenceAuto && implName == "cedar-wasm":
		return useModel("the implementation under test is the official engine")
	}
	w, err := diff.CedarWasm(wasm)
	switch {
	case errors.Is(err, cedarwasm.ErrNotInstalled) && f.reference == referenceAuto:
		return useModel(fmt.Sprintf("the official engine is not installed: %v", err))
	case errors.Is(err, cedarwasm.ErrNotInstalled):
		return nil, "", nil, inputError(fmt.Errorf("--reference cedar-wasm: %w", err))
	case err != nil:
		return nil, "", nil, inputError(fmt.Errorf("the reference cedar-wasm: %w", err))
	}
	return w, "", w.Close, nil
}

// corpusSource is a ConformanceSource with the paths to replay.
type corpusSource struct {
	reports.ConformanceSource
	paths     []string
	knownRoot string
}

// corpusSources finds the official tests and the regression corpus.
func (f *conformanceFlags) corpusSources() []corpusSource {
	official := corpusSource{ConformanceSource: reports.ConformanceSource{Name: officialSource}}
	switch dir := f.official; {
	case dir == conformanceSkip:
		official.Skipped = "--integration-tests none"
	default:
		if dir == "" {
			dir = testdata.IntegrationTestsDir()
		}
		if dir == "" {
			official.Skipped = testdata.Missing()
			break
		}
		official.Path = dir
		for _, part := range []string{testdata.HandWrittenDir, testdata.ArchiveFile} {
			if p := filepath.Join(dir, part); exists(p) {
				official.paths = append(official.paths, p)
			}
		}
		if len(official.paths) == 0 {
			official.Skipped = fmt.Sprintf("%s holds neither %s/ nor %s", dir, testdata.HandWrittenDir, testdata.ArchiveFile)
		}
	}
	regr := corpusSource{ConformanceSource: reports.ConformanceSource{Name: regressionsSource}}
	switch dir := f.regressions; {
	case dir == conformanceSkip:
		regr.Skipped = "--regressions none"
	default:
		if dir == "" {
			if root := testdata.RepoRoot(); root != "" {
				dir = filepath.Join(root, "corpus", "regressions")
			}
		}
		if dir == "" || !exists(dir) {
			regr.Skipped = "not found (run from the repository, or give --regressions)"
			break
		}
		regr.Path, regr.paths = dir, []string{dir}
		regr.knownRoot = filepath.Dir(dir) // diff/known.go names cases "regressions/<name>"
	}
	return []corpusSource{official, regr}
}

func exists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// command is the command line that reruns the check.
func (f *conformanceFlags) command() string {
	s := fmt.Sprintf("crosscheck conformance --impl %s --count %d --seed %d", diff.ShellQuote(f.impl), f.count, f.seed)
	if f.reference != referenceAuto {
		s += " --reference " + f.reference
	}
	for flag, v := range map[string]string{"--integration-tests": f.official, "--regressions": f.regressions} {
		if v != "" {
			s += " " + flag + " " + diff.ShellQuote(v)
		}
	}
	return s
}

// writeConformanceSummary prints the per-area table, the verdict and
// the count line.
func writeConformanceSummary(w io.Writer, c *reports.Conformance, dir string) {
	fmt.Fprintf(w, "%s against %s (corpus tests: their recorded answers)\n", c.Impl, c.Reference)
	fmt.Fprintf(w, "%-24s %9s %7s %7s %6s %12s %13s\n", "area", "pass rate", "passed", "failed", "known", "unsupported", "inconclusive")
	for _, a := range append(append([]reports.AreaCounts{}, c.Areas...), c.Total) {
		rate := "n/a"
		if r := a.PassRate(); r >= 0 {
			rate = fmt.Sprintf("%.1f%%", 100*r)
		}
		fmt.Fprintf(w, "%-24s %9s %7d %7d %6d %12d %13d\n", a.Area, rate, a.Passed, a.Failed, a.Known, a.Unsupported, a.Inconclusive)
	}
	for _, u := range c.Unsupported {
		fmt.Fprintf(w, "unsupported: %s (%d checks)\n", u.Feature, u.Checks)
	}
	for i, fl := range c.Failures {
		if i == 10 {
			fmt.Fprintf(w, "... and %d more failures in the report\n", len(c.Failures)-10+c.FailuresNotListed)
			break
		}
		fmt.Fprintf(w, "FAIL %s: %s\n    replay: %s\n", fl.Test, fl.Check, fl.Replay)
	}
	fmt.Fprintf(w, "report: %s\n", filepath.Join(dir, reports.ConformanceHTMLFile))
	fmt.Fprintf(w, "verdict: %s\n", c.Verdict())
	fmt.Fprintf(w, "%d passed, %d failed\n", c.Total.Passed, c.Total.Failed)
}
