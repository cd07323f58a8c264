package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/reports"
)

func init() { subcommands = append(subcommands, newReportCmd) }

func newReportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "report",
		Short: "Merge and render run reports (report.json, report.md, report.html)",
		Long: `report works on the reports "crosscheck run" writes into its --out
directory: report.json (the stable, versioned record), report.md and a
self-contained report.html (inline style and SVG charts, viewable offline).

Exit codes: 0 written, 2 a report could not be read, the reports are not
shards of one run, or the output could not be written.`,
	}
	cmd.AddCommand(newReportMergeCmd(), newReportRenderCmd())
	return cmd
}

func newReportMergeCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "merge [-o DIR] DIR...",
		Short: "Merge the reports of a sharded run into one",
		Long: `merge reads the report.json in each DIR (or a report.json path given
directly), written by the shards of one run ("crosscheck run --shard I/N"
with one target, seed and set of implementations), and writes one report
for the whole run: counts and rates summed, throughput added up second by
second, findings concatenated without repeats (at most 10 per signature)
and signatures counted again. Shards missing from 0..N-1 are noted in the
report; a shard given twice is an error. A merged report may be merged
again with further shards.

The report goes to -o DIR (default crosscheck-out/merged-<timestamp>/) as
report.json, report.md and report.html.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			var rs []*reports.Report
			for _, a := range args {
				r, err := reports.Read(a)
				if err != nil {
					return inputError(err)
				}
				rs = append(rs, r)
			}
			m, err := reports.Merge(rs)
			if err != nil {
				return inputError(err)
			}
			if out == "" {
				out = filepath.Join("crosscheck-out", "merged-"+time.Now().UTC().Format("20060102-150405"))
			}
			if err := reports.Write(out, m); err != nil {
				return inputError(fmt.Errorf("writing the report: %w", err))
			}
			w := cmd.ErrOrStderr()
			for _, n := range m.Notes {
				fmt.Fprintln(w, "crosscheck: note:", n)
			}
			fmt.Fprintf(w, "merged %d reports into %s\n", len(rs), out)
			fmt.Fprintf(cmd.OutOrStdout(), "%d passed, %d failed\n", m.Totals.Passed, m.Totals.Failed)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "directory for the merged report (default crosscheck-out/merged-<timestamp>)")
	return cmd
}

func newReportRenderCmd() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "render [-o DIR] DIR",
		Short: "Write report.md and report.html again from a report.json",
		Long: `render reads DIR/report.json (or a report.json path) and writes
report.json, report.md and report.html into -o DIR (default: the
directory the report was read from), for example after an upgrade of
crosscheck changed the page.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			r, err := reports.Read(args[0])
			if err != nil {
				return inputError(err)
			}
			if out == "" {
				out = args[0]
				if filepath.Base(out) == reports.JSONFile {
					out = filepath.Dir(out)
				}
			}
			if err := reports.Write(out, r); err != nil {
				return inputError(fmt.Errorf("writing the report: %w", err))
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "report written to %s\n", out)
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "out", "o", "", "directory for the report (default: where it was read from)")
	return cmd
}
