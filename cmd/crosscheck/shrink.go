package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/corpus/findings"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/shrink"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

func init() { subcommands = append(subcommands, newShrinkCmd) }

func newShrinkCmd() *cobra.Command {
	var implList, out, reference string
	var steps int
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "shrink [flags] FILE",
		Short: "Minimize a saved test on which implementations disagree, and save the result",
		Long: `shrink reads one integration test (a .json test file in the
cedar-integration-tests layout), runs its requests through the
implementations given with --impl, the first being the reference, and
finds the first request on which another implementation answers
differently. It then minimizes the test while that disagreement stays the
same (the same implementations differ on the same parts of the answer:
decision, reasons, errors, or whether they could answer at all): it keeps
only that request, drops policies, entities, attributes, parents, tags and
schema declarations nothing uses, and replaces sub-expressions by their
sub-terms or by small literals.

The result is saved under --out in the corpus layout
(DIR/corpus-tests/<hash>.json and its .cedar, .cedarschema and
.entities.json files), named by a hash of its content, with the
reference's answers as the expectations (--reference, by default the first
implementation of --impl; cedar-wasm, the official engine, when it is
installed, is the most trustworthy); a finding with the same
disagreement already under DIR is reported instead of saved again.

Exit codes: 0 the test was minimized and saved (or was a duplicate),
1 the implementations agree on every request (nothing to shrink),
2 bad usage or a test file that cannot be read.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := firstError(inRange("steps", steps, stepsRange), positive("timeout", timeout)); err != nil {
				return err
			}
			impls, err := shrinkImpls(implList)
			if err != nil {
				return err
			}
			ref := impls[0]
			if reference != "" {
				if ref, err = openImpl(reference, impls); err != nil {
					return err
				}
			}
			ct, err := corpus.LoadFile(args[0])
			if err != nil {
				return inputError(err)
			}
			t := testOfCorpus(ct)
			req, outcome := shrink.FirstMismatch(impls, t)
			if req < 0 {
				fmt.Fprintf(cmd.OutOrStdout(), "%s: %s agree on every request: nothing to shrink\n", args[0], implList)
				return checkFailed()
			}
			start := shrink.OnlyRequest(t, req)
			keep := shrink.SameOutcome(impls, start, outcome)
			small, st := shrink.Minimize(start, keep, shrink.Budget{Steps: steps, Time: timeout})
			names := make([]string, len(impls))
			for i, im := range impls {
				names[i] = im.Name()
			}
			rec := findings.Record{
				Signature: fmt.Sprintf("shrink [%s] on %s", strings.Join(names, ","), outcome),
				Request:   req,
				Command:   fmt.Sprintf("crosscheck shrink --impl %s %s", strings.Join(names, ","), args[0]),
			}
			saver := &findings.Saver{Dir: out, Reference: ref}
			path, dup, err := saver.SaveTest(rec, small)
			if err != nil {
				return inputError(err)
			}
			w := cmd.OutOrStdout()
			fmt.Fprintf(w, "request %d: %s\n", req, outcome)
			fmt.Fprintf(w, "shrunk in %v, %d candidates tried, %d kept: %d policies, %d entities, %d AST nodes",
				st.Elapsed.Round(time.Millisecond), st.Steps, st.Accepted,
				len(small.Policies.Policies)+len(small.Policies.Links), len(small.Entities), shrink.PolicyNodes(small.Policies))
			if st.OutOfBudget {
				fmt.Fprint(w, " (budget exhausted: may not be minimal)")
			}
			fmt.Fprintln(w)
			if dup {
				fmt.Fprintf(w, "duplicate of %s\n", path)
			} else {
				fmt.Fprintf(w, "saved %s\n", path)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&implList, "impl", "model,engine", "comma-separated implementations, the reference first: model, engine, cedar-go, cedar-wasm, exec:'CMD ARGS' (a protocol server)")
	cmd.Flags().StringVar(&out, "out", "findings", "folder to save the minimized test under (in DIR/corpus-tests)")
	cmd.Flags().StringVar(&reference, "reference", "", "implementation whose answers the saved test expects (default the first of --impl)")
	cmd.Flags().IntVar(&steps, "steps", 20000, "most candidates to try ("+stepsRange.String()+")")
	cmd.Flags().DurationVar(&timeout, "timeout", 30*time.Second, "longest time to spend shrinking (positive)")
	return cmd
}

// shrinkImpls builds the implementations of a comma-separated --impl
// list: at least two, no repeats.
func shrinkImpls(list string) ([]diff.Implementation, error) {
	var out []diff.Implementation
	seen := map[string]bool{}
	for _, name := range diff.SplitImplNames(list) {
		mk, ok := replayImpl(name)
		if !ok {
			return nil, usageError("unknown implementation %q for --impl (want some of %s)", name, replayImplNames())
		}
		if seen[name] {
			return nil, usageError("--impl names %q twice", name)
		}
		seen[name] = true
		im, err := mk()
		if err != nil {
			return nil, inputError(err)
		}
		out = append(out, im)
	}
	if len(out) < 2 {
		return nil, usageError("--impl needs at least two implementations to compare, have %q", list)
	}
	return out, nil
}

// openImpl returns the implementation named name: one of impls, or a
// new one.
func openImpl(name string, impls []diff.Implementation) (diff.Implementation, error) {
	for _, im := range impls {
		if im.Name() == name {
			return im, nil
		}
	}
	mk, ok := replayImpl(name)
	if !ok {
		return nil, usageError("unknown implementation %q for --reference (want one of %s)", name, replayImplNames())
	}
	im, err := mk()
	if err != nil {
		return nil, inputError(err)
	}
	return im, nil
}

// testOfCorpus returns an integration test as the shrinker takes it.
func testOfCorpus(ct *corpus.Test) *generators.Test {
	t := &generators.Test{Schema: ct.Schema, Entities: ct.Entities, Policies: ct.Policies}
	for _, r := range ct.Requests {
		t.Requests = append(t.Requests, *r.SyntaxRequest())
	}
	return t
}
