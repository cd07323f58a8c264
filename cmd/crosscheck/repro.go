package main

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

func init() { subcommands = append(subcommands, newReproCmd) }

func newReproCmd() *cobra.Command {
	var (
		rf    runFlags
		index uint64
	)
	cmd := &cobra.Command{
		Use:   "repro --seed S --index I [--target T] [--impl model,engine,...] [--timeout D]",
		Short: "Regenerate one test of a differential run, rerun it and print it in full",
		Long: `repro regenerates test number I of the run seeded with S, for target T
(a finding of an "all" run names its concrete target; --target all works
too), runs it through the implementations exactly as "crosscheck run"
does, and prints everything: the schema as Cedar schema text, the policies
as Cedar text, the entities as entity JSON, every request with each
implementation's answer, validation results, and the findings with their
diffs.

Exit codes: 0 no finding, 1 the test has a finding, 2 bad flags or an
implementation that is not installed.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("seed") {
				return usageError("--seed is required")
			}
			if !cmd.Flags().Changed("index") {
				return usageError("--index is required")
			}
			target, impls, notes, release, err := rf.open(1)
			if err != nil {
				return err
			}
			defer release()
			for _, n := range notes {
				fmt.Fprintln(cmd.ErrOrStderr(), "crosscheck:", n)
			}
			cfg := diff.Config{Target: target, Impls: impls, Seed: rf.seed, Timeout: rf.timeout}
			res := cfg.Check(index)
			res.WriteText(cmd.OutOrStdout())
			if res.Failed() {
				return checkFailed()
			}
			return nil
		},
	}
	rf.register(cmd, diff.TargetABAC, "model,engine")
	cmd.Flags().Uint64Var(&index, "index", 0, "index of the test in the run (required)")
	return cmd
}
