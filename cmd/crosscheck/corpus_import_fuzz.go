package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/corpus/findings"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/diff/shrink"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

// fuzzTarget is a fuzz target of diff/fuzz_test.go that builds a test
// from its bytes (generators.FromBytes), as import-fuzz rebuilds it.
type fuzzTarget struct {
	target diff.Target
	mode   generators.Mode
	// build returns the test of the values, or an error saying what
	// values the target takes.
	build func(vals []any, mode generators.Mode) (*generators.Test, error)
	// impls are the implementations the target compares by default.
	impls string
}

var fuzzTargets = map[string]fuzzTarget{
	"FuzzABAC":       {diff.TargetABAC, generators.ModeTyped, bytesOnly, ""},
	"FuzzRBAC":       {diff.TargetRBAC, generators.ModeRBAC, bytesOnly, ""},
	"FuzzExpr":       {diff.TargetExpr, generators.ModeExpr, bytesOnly, ""},
	"FuzzValidation": {diff.TargetValidation, generators.ModeTyped, untypedAndBytes, "model,cedar-go"},
}

func bytesOnly(vals []any, mode generators.Mode) (*generators.Test, error) {
	data, ok := oneValue[[]byte](vals, 0, 1)
	if !ok {
		return nil, fmt.Errorf("want one []byte value, have %s", describeValues(vals))
	}
	s := generators.DefaultSettings()
	s.Mode = mode
	return generators.FromBytes(s, data), nil
}

func untypedAndBytes(vals []any, mode generators.Mode) (*generators.Test, error) {
	untyped, ok1 := oneValue[bool](vals, 0, 2)
	data, ok2 := oneValue[[]byte](vals, 1, 2)
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("want a bool and a []byte value, have %s", describeValues(vals))
	}
	s := generators.DefaultSettings()
	s.Mode = mode
	if untyped {
		s.Mode = generators.ModeUntyped
	}
	return generators.FromBytes(s, data), nil
}

func oneValue[T any](vals []any, i, n int) (T, bool) {
	var zero T
	if len(vals) != n {
		return zero, false
	}
	v, ok := vals[i].(T)
	return v, ok
}

func describeValues(vals []any) string {
	var types []string
	for _, v := range vals {
		types = append(types, fmt.Sprintf("%T", v))
	}
	return "(" + strings.Join(types, ", ") + ")"
}

func newCorpusImportFuzzCmd() *cobra.Command {
	var out, implList string
	var shrinkTime time.Duration
	cmd := &cobra.Command{
		Use:   "import-fuzz FILE [--out DIR] [--impl LIST]",
		Short: "Turn a go test -fuzz input (testdata/fuzz/FuzzX/...) into a minimized integration test",
		Long: `import-fuzz reads an input of a go test -fuzz corpus (a file under
testdata/fuzz/FuzzX/, "go test fuzz v1" then one typed value a line), builds
the test the fuzz target FuzzX builds from those values, checks it as the
target does, and minimizes the first finding while it keeps its signature,
as run does. The result is saved in the corpus layout
(DIR/corpus-tests/<hash>.json and its files; default DIR: corpus/regressions
of the repository), with the model's answers as the expectations.

Targets: ` + strings.Join(slices.Sorted(maps.Keys(fuzzTargets)), ", ") + `. The authorization targets compare --impl (default: $CROSSCHECK_FUZZ_IMPL,
else model,engine, as the fuzz targets do); FuzzValidation compares model
and cedar-go.

Exit codes: 0 saved (or a duplicate of a saved test), 1 the
implementations agree on the input (nothing to import), 2 a file that is
not a fuzz input, of another target, or of the wrong values (file:line).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in, err := corpus.ReadFuzzFile(args[0])
			if err != nil {
				return inputError(err)
			}
			ft, ok := fuzzTargets[in.Target]
			if !ok {
				return inputError(fmt.Errorf("%s: an input of %s, which does not build tests from bytes (import-fuzz reads inputs of %s)",
					args[0], in.Target, strings.Join(slices.Sorted(maps.Keys(fuzzTargets)), ", ")))
			}
			tc, err := ft.build(in.Values, ft.mode)
			if err != nil {
				return inputError(fmt.Errorf("%s: not an input of %s: %v", args[0], in.Target, err))
			}
			list := ft.impls
			if list == "" {
				if list = implList; list == "" {
					if list = os.Getenv("CROSSCHECK_FUZZ_IMPL"); list == "" {
						list = "model,engine"
					}
				}
			}
			impls, _, release, err := diff.Open(diff.SplitImplNames(list), cedarwasm.Options{Processes: 1})
			if err != nil {
				return usageError("--impl: %v", err)
			}
			defer release()
			cfg := &diff.Config{Target: ft.target, Impls: impls}
			res := cfg.CheckTest(ft.target, tc)
			if !res.Failed() {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s agree on this input of %s: nothing to import\n", args[0], list, in.Target)
				return checkFailed()
			}
			f := res.Findings[0]
			small, st, err := shrink.RunFinding(cfg, f, shrink.Budget{Time: shrinkTime})
			if err != nil {
				small = f.Test
				fmt.Fprintf(cmd.ErrOrStderr(), "crosscheck: not minimized: %v\n", err)
			}
			f.Command = fmt.Sprintf("crosscheck corpus import-fuzz %s --impl %s", diff.ShellQuote(args[0]), diff.ShellQuote(list))
			if out == "" {
				out = filepath.Join(testdata.RepoRoot(), "corpus", "regressions")
			}
			saver := &findings.Saver{Dir: out, Reference: diff.Model(), Versions: diff.VersionsOf(impls).String()}
			path, dup, err := saver.Save(f, small)
			if err != nil {
				return inputError(err)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "%s: %s\n", in.Target, f.Signature())
			fmt.Fprintf(w, "minimized in %v: %d candidates tried, %d kept\n", st.Elapsed.Round(time.Millisecond), st.Steps, st.Accepted)
			if dup {
				fmt.Fprintf(w, "duplicate of %s\n", path)
			} else {
				fmt.Fprintf(w, "saved %s\n", path)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "corpus folder to save under (default corpus/regressions of the repository)")
	cmd.Flags().StringVar(&implList, "impl", "", "implementations to compare, the reference first (default $CROSSCHECK_FUZZ_IMPL, else model,engine)")
	cmd.Flags().DurationVar(&shrinkTime, "shrink-time", 30*time.Second, "longest time to minimize")
	return cmd
}
