package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/protocol"
)

func init() { subcommands = append(subcommands, newProtocolCheckCmd) }

func newProtocolCheckCmd() *cobra.Command {
	var impl string
	var timeout time.Duration
	var large int
	cmd := &cobra.Command{
		Use:   "protocol-check --impl exec:'CMD ARGS' [--timeout D] [--large N]",
		Short: "Check that a protocol server speaks the process protocol (docs/protocol.md)",
		Long: `protocol-check starts the protocol server CMD ARGS and probes the
protocol itself, each probe on a fresh process:

  handshake       hello is answered first, with protocol 1, a name, a
                  version, the Cedar version and known capabilities,
                  and nothing else is written to standard output
  exact i64       request ids 2^53+1, -2^63 and 2^63-1 come back exactly;
                  a context Long of 2^53+1 differs from 2^53
  unicode         non-ASCII, astral, control and quote characters in
                  entity and policy ids survive, and are compared
                  without Unicode normalization
  unsupported     an unknown operation, and one the server does not list,
                  are answered unsupported
  malformed line  a line that is not JSON is answered with an error and
                  the server goes on serving
  large test      a test of --large policies on one line (40000: about
                  8 MiB) is answered correctly
  end of input    the server exits within 5s when its input ends
  crash           after the server is killed in the middle of a request,
                  a new one starts and serves (no lock file or port left
                  behind)

Each line says ok or FAIL and, for a failure, plainly what is wrong. A
probe of a Cedar feature the server answers unsupported for passes with
a note. The last line is "N passed, N failed".

Exit codes: 0 every probe passed, 1 a probe failed, 2 bad flags.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			spec, ok := strings.CutPrefix(impl, diff.ExecPrefix)
			if !ok {
				return usageError("--impl must be exec:'CMD ARGS', the command of a protocol server (have %q)", impl)
			}
			argv, err := protocol.SplitCommand(spec)
			if err != nil {
				return usageError("--impl %s: %v", impl, err)
			}
			if err := firstError(positive("timeout", timeout)); err != nil {
				return err
			}
			if large < 1 || large > 1000000 {
				return usageError("--large must be from 1 to 1000000")
			}
			probes := protocol.Check(argv, protocol.CheckOptions{Timeout: timeout, LargePolicies: large})
			w := cmd.OutOrStdout()
			failed := 0
			for _, p := range probes {
				el := p.Elapsed.Round(time.Millisecond)
				switch {
				case p.Problem != "":
					failed++
					fmt.Fprintf(w, "FAIL %s (%v): %s\n", p.Name, el, p.Problem)
				case p.Note != "":
					fmt.Fprintf(w, "ok   %s (%v): %s\n", p.Name, el, p.Note)
				default:
					fmt.Fprintf(w, "ok   %s (%v)\n", p.Name, el)
				}
			}
			if len(probes) == 1 && failed == 1 {
				fmt.Fprintln(w, "the other probes need a working handshake and did not run")
			}
			fmt.Fprintf(w, "%d passed, %d failed\n", len(probes)-failed, failed)
			if failed > 0 {
				return checkFailed()
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&impl, "impl", "", "the server: exec:'CMD ARGS' (required)")
	cmd.Flags().DurationVar(&timeout, "timeout", 10*time.Second, "longest wait for one answer (the large test gets six times as long; positive)")
	cmd.Flags().IntVar(&large, "large", 40000, "policies in the large test (1 to 1000000)")
	return cmd
}
