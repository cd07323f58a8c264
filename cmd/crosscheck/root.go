package main

import (
	"github.com/spf13/cobra"
)

// version is the program version; release builds set it with
// -ldflags "-X main.version=...". --version also prints the versions of
// the Cedar implementations Crosscheck embeds or finds (version.go).
var version = devVersion

// subcommands lists the constructors of the top-level commands. Each
// command's file appends its constructor in an init function, so that
// commands live in files of their own.
var subcommands []func() *cobra.Command

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "crosscheck",
		Short: "Verification-guided development tools for Cedar authorization engines",
		Long: `crosscheck checks Cedar authorization engines against each other.

It holds a reference model of Cedar 4.5 written to be read as the
specification, a fast production engine, and a differential testing
harness that feeds both generated policies, entities and requests and
turns every disagreement into a minimized regression test.

Every input (a file, standard input, a member of a .tar.gz corpus) may
be at most 64 MiB, and a .tar.gz at most 64 MiB once expanded; larger
inputs, directories and devices given as files are bad input.

Exit codes: 0 success, 1 a check failed or did not complete (an
interrupted run, a run that compared nothing), 2 usage error or bad input
(a numeric flag outside the range its help shows, for one).`,
		Version:       version,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetVersionTemplate("{{crosscheckVersions}}")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &exitError{code: exitUsage, err: err}
	})
	for _, mk := range subcommands {
		root.AddCommand(mk())
	}
	return root
}
