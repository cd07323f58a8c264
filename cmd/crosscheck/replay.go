package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

func init() { subcommands = append(subcommands, newReplayCmd) }

// replayImpls are the implementations replay can run, by --impl name.
// An adapter that needs set-up (a subprocess pool) returns its error here.
var replayImpls = map[string]func() (diff.Implementation, error){
	"model":    func() (diff.Implementation, error) { return diff.Model(), nil },
	"engine":   func() (diff.Implementation, error) { return diff.Engine(), nil },
	"cedar-go": func() (diff.Implementation, error) { return diff.CedarGo(), nil },
	// The pool's Node processes end with crosscheck: they exit when their
	// standard input closes.
	"cedar-wasm": func() (diff.Implementation, error) { return diff.CedarWasm(cedarwasm.Options{}) },
}

// replayImpl returns the constructor of the implementation named name:
// one of replayImpls, a cedar-go release "cedar-go@VERSION" (built on
// demand: see diff.CedarGoRelease), a release of the official engine
// "cedar-wasm@VERSION" (installed on demand: see cedarwasm.Install), or a
// protocol server "exec:CMD ARGS" (whose
// processes end when crosscheck does: they exit at the end of their
// standard input).
func replayImpl(name string) (func() (diff.Implementation, error), bool) {
	if spec, ok := strings.CutPrefix(name, diff.ExecPrefix); ok {
		return func() (diff.Implementation, error) { return diff.Exec(spec, diff.ExecOptions{}) }, true
	}
	if release, ok := strings.CutPrefix(name, diff.CedarGoPrefix); ok {
		return func() (diff.Implementation, error) { return diff.CedarGoRelease(release, diff.ExecOptions{}) }, true
	}
	if release, ok := strings.CutPrefix(name, diff.CedarWasmName+"@"); ok {
		return func() (diff.Implementation, error) { return diff.CedarWasm(cedarwasm.Options{Version: release}) }, true
	}
	mk, ok := replayImpls[name]
	return mk, ok
}

// replayImplNames lists the names replayImpl knows, for messages.
func replayImplNames() string {
	return strings.Join(slices.Sorted(maps.Keys(replayImpls)), ", ") + ", cedar-go@VERSION, cedar-wasm@VERSION, exec:'CMD ARGS'"
}

func newReplayCmd() *cobra.Command {
	var impl string
	var asJSON bool
	var timeout time.Duration
	var run string
	cmd := &cobra.Command{
		Use:   "replay [flags] PATH...",
		Short: "Replay integration tests (files, directories or .tar.gz corpora) against an implementation",
		Long: `replay runs every request of every test in the cedar-integration-tests
format found at the given paths through one implementation, and checks the
decision, the set of reasons and the set of erroring policies. It also
checks each test's shouldValidate flag with the implementation's validator,
or the reference model's when the implementation has none, and checks
requests marked validateRequest against the schema.

A PATH is a test .json file, a directory searched recursively, or a
.tar.gz archive laid out like the upstream corpus (corpus-tests/<hash>.json
beside its .cedar, .cedarschema and .entities.json files). In a directory
or an archive every .json file must be a test or a file that a test there
names; any other (a test file that does not parse) is a load error with
its name and line:col.

Each request and each shouldValidate check is one case. Every failure is
printed with its file and a diff (-want +got); the last line is
"N passed, N failed" (", N skipped" when cases were skipped).

Exit codes: 0 all cases passed, 1 a case failed, 2 a path or a test file
could not be read (or is over the input limits: see crosscheck --help), or
no test was found.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := notNegative("timeout", timeout); err != nil {
				return err
			}
			mk, ok := replayImpl(impl)
			if !ok {
				return usageError("unknown implementation %q for --impl (want one of %s)", impl, replayImplNames())
			}
			ropts := corpus.Options{Validator: diff.Model(), Timeout: timeout}
			if run != "" {
				re, err := regexp.Compile(run)
				if err != nil {
					return usageError("--run: %v", err)
				}
				ropts.Match = re.MatchString
			}
			im, err := mk()
			if err != nil {
				return inputError(err)
			}
			rep, err := corpus.ReplayPaths(im, args, ropts)
			for _, le := range rep.LoadErrors {
				fmt.Fprintln(cmd.ErrOrStderr(), "crosscheck: cannot load test:", le)
			}
			if asJSON {
				if werr := writeReplayJSON(cmd.OutOrStdout(), rep); werr != nil {
					return werr
				}
			} else {
				writeReplayText(cmd.OutOrStdout(), rep)
			}
			switch {
			case err != nil:
				return inputError(err)
			case len(rep.LoadErrors) > 0:
				return &exitError{code: exitUsage}
			case rep.Tests == 0:
				// An empty replay passing would hide a wrong path.
				return usageError("no test files found in %s", strings.Join(args, ", "))
			case rep.Failed > 0:
				return checkFailed()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&impl, "impl", "model", "implementation to replay against: model, engine, cedar-go, cedar-wasm (needs `npm ci`) or exec:'CMD ARGS' (a protocol server, docs/protocol.md)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the counts (and failures) as one JSON object")
	cmd.Flags().StringVar(&run, "run", "", "replay only the test files whose names match this regular expression")
	cmd.Flags().DurationVar(&timeout, "timeout", time.Minute, "fail a test that takes longer than this (0: no limit)")
	return cmd
}

func writeReplayText(w io.Writer, rep *corpus.Report) {
	for _, f := range rep.Failures {
		fmt.Fprintf(w, "FAIL %s: %s\n", f.File, f.Case)
		for _, line := range strings.Split(strings.TrimRight(f.Detail, "\n"), "\n") {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
	if len(rep.SkipReasons) > 0 {
		for _, reason := range slices.Sorted(maps.Keys(rep.SkipReasons)) {
			fmt.Fprintf(w, "skipped %d: %s\n", rep.SkipReasons[reason], reason)
		}
	}
	fmt.Fprintln(w, rep.Summary())
}

type replayJSON struct {
	Impl       string           `json:"impl"`
	Tests      int              `json:"tests"`
	Passed     int              `json:"passed"`
	Failed     int              `json:"failed"`
	Skipped    int              `json:"skipped"`
	LoadErrors []string         `json:"loadErrors"`
	Failures   []replayJSONFail `json:"failures"`
	Skips      map[string]int   `json:"skipReasons,omitempty"`
}

type replayJSONFail struct {
	File   string `json:"file"`
	Case   string `json:"case"`
	Detail string `json:"detail"`
}

func writeReplayJSON(w io.Writer, rep *corpus.Report) error {
	out := replayJSON{
		Impl: rep.Impl, Tests: rep.Tests, Passed: rep.Passed, Failed: rep.Failed, Skipped: rep.Skipped,
		LoadErrors: []string{}, Failures: []replayJSONFail{}, Skips: rep.SkipReasons,
	}
	for _, e := range rep.LoadErrors {
		out.LoadErrors = append(out.LoadErrors, e.Error())
	}
	for _, f := range rep.Failures {
		out.Failures = append(out.Failures, replayJSONFail{File: f.File, Case: f.Case, Detail: f.Detail})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
