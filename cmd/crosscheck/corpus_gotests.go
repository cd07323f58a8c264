package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/corpus/gotests"
)

func init() { subcommands = append(subcommands, newCorpusCmd) }

// newCorpusCmd is the parent of the commands that work on a corpus as a
// whole.
func newCorpusCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "corpus",
		Short: "Work with a corpus of integration tests",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError("corpus needs a subcommand: %s", strings.Join(subcommandNames(cmd), ", "))
		},
	}
	cmd.AddCommand(newCorpusGotestsCmd(), newCorpusImportFuzzCmd())
	return cmd
}

func subcommandNames(cmd *cobra.Command) []string {
	var out []string
	for _, c := range cmd.Commands() {
		out = append(out, c.Name())
	}
	return out
}

func newCorpusGotestsCmd() *cobra.Command {
	var dir, out, implList string
	cmd := &cobra.Command{
		Use:   "gotests [flags] -o FILE",
		Short: "Generate a Go test file with one subtest per corpus case",
		Long: `gotests writes a Go test file (package corpus_test) whose test function
TestGeneratedRegressions has one subtest per integration test under --dir,
named after the test file. Each subtest holds its case as Go literals (the
policy text, schema text and entity JSON as written in the corpus, the
requests and their expected answers, and the template links of the
test file) and runs it through gotests.Run against the
implementations of --impl, so that a case can be run alone and debugged as
plain Go.

The output is deterministic; corpus/regressions_gen_test.go is generated
by "go generate ./corpus", and a test fails when it is stale.

Exit codes: 0 written, 2 bad usage or a corpus that cannot be read.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if out == "" {
				return usageError("gotests needs -o FILE (\"-\" for standard output)")
			}
			var impls []string
			for _, name := range strings.Split(implList, ",") {
				if name = strings.TrimSpace(name); name != "" {
					impls = append(impls, name)
				}
			}
			src, err := gotests.Generate(gotests.Options{Dir: dir, Impls: impls})
			if err != nil {
				return inputError(err)
			}
			if out == "-" {
				_, err := cmd.OutOrStdout().Write(src)
				return err
			}
			if err := writeGeneratedFile(out, src); err != nil {
				return inputError(err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "corpus/regressions", "corpus folder to generate cases from")
	cmd.Flags().StringVarP(&out, "output", "o", "", "file to write (\"-\" for standard output)")
	cmd.Flags().StringVar(&implList, "impl", strings.Join(gotests.DefaultImpls, ","), "comma-separated implementations each case runs against: model, engine, cedar-go, cedar-wasm")
	return cmd
}

// writeGeneratedFile writes data to name atomically: a temporary file in
// the same folder, renamed over name.
func writeGeneratedFile(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
