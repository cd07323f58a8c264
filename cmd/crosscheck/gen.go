package main

import (
	"fmt"
	"os"
	"sync"
	"sync/atomic"

	"github.com/spf13/cobra"
	"golang.org/x/sync/errgroup"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/corpusgen"
	"github.com/cedar-crosscheck/crosscheck/generators/coverage"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

func init() { subcommands = append(subcommands, newGenCmd) }

func newGenCmd() *cobra.Command {
	var (
		count      uint64
		start      uint64
		seed       int64
		mode       string
		target     string
		out        string
		stats      bool
		jobs       int
		jsonSchema bool

		depth, policies, requests, faults int
	)
	cmd := &cobra.Command{
		Use:   "gen --count N [--seed S] [--mode typed|untyped|rbac|expr | --target T] --out DIR [--stats]",
		Short: "Generate integration tests with the model's expected answers",
		Long: `gen generates N tests and writes them in the cedar-integration-tests
layout: DIR/corpus-tests/<hash>.json beside its .cedar, .cedarschema and
.entities.json files, which replay and the official test runners read.

Each test is generated from (seed, index), for index from --start to
--start+N-1, so the same seed always gives the same tests. A test has a
schema, entities that conform to it, policies built from both (template
links are written as the static policies they stand for), and requests.
The expected decision, reasons and errors of every request are computed
by the reference model, and shouldValidate by the model's validator.

Modes: typed (well typed against the schema), untyped (random structure,
more errors), rbac (hierarchies and templates) and expr (one expression
per test).

--json-schema writes each schema in the JSON schema format instead.

--max-depth, --policies, --requests and --faults change the generator
settings; --jobs sets how many tests are written at the same time. A
numeric flag outside the range its help shows is a usage error (nothing
is clamped), and so is a --start and --count whose last index would pass
2^64-1.

--target T generates the tests that a run of target T checks at the same
seed and indexes, each in its target's mode ("all": the default run's
mix of targets), instead of --mode.

--stats prints what the tests contain (constructs per policy) and what
the model made of them (decisions, errors by kind, validation, constructs
evaluated without error); then the rarity table over the default run's
mix at the same seed and indexes: per boundary case, the tests that
contain it per 10,000 and whether that meets the goal of 20, and the
share of the authorization targets' requests the model allows.

Exit codes: 0 every test written, 1 some test could not be written
because its policies do not print and parse back (a printer or parser
bug, reported on stderr), 2 bad flags or a file that cannot be written.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			m, err := generators.ParseMode(mode)
			if err != nil {
				return usageError("--mode: %v", err)
			}
			if out == "" {
				return usageError("--out DIR is required")
			}
			if count == 0 {
				return usageError("--count must be at least 1")
			}
			if err := firstError(
				indexesFit(fmt.Sprintf("--start %d with --count %d", start, count), start, count, 1),
				inRange("jobs", jobs, jobsRange),
				inRange("max-depth", depth, generators.MaxDepthRange),
				inRange("policies", policies, generators.PoliciesPerTestRange),
				inRange("requests", requests, generators.RequestsPerTestRange),
			); err != nil {
				return err
			}
			if faults != -1 {
				if err := inRange("faults", faults, generators.FaultPercentRange); err != nil {
					return err
				}
			}
			if err := os.MkdirAll(out, 0o755); err != nil {
				return inputError(err)
			}
			base := generators.DefaultSettings()
			base.MaxDepth, base.PoliciesPerTest, base.RequestsPerTest = depth, policies, requests
			if faults >= 0 {
				base.FaultPercent = faults
				if faults == 0 {
					base.FaultPercent = -1 // zero means "default" in Settings
				}
			}
			s := base
			s.Mode = m
			settingsAt := func(uint64) generators.Settings { return s }
			if target != "" {
				t, err := diff.ParseTarget(target)
				if err != nil {
					return usageError("--target: %v", err)
				}
				settingsAt = func(i uint64) generators.Settings { return diff.TargetSettings(base, t, i) }
			}
			st := generators.NewStats()
			cov := coverage.New()
			var mu sync.Mutex
			failed := 0
			var written atomic.Uint64
			// Writing is bound by file syncs, so tests are written by
			// several goroutines; each test depends only on (seed, index),
			// so the files are the same whatever the order.
			var g errgroup.Group
			g.SetLimit(jobs)
			for k := range count {
				i := start + k // indexesFit checked that this does not wrap
				if stats {
					t := generators.Generate(settingsAt(i), seed, i)
					st.Add(t)
					cov.Add(t, true)
				}
				g.Go(func() error {
					t := generators.Generate(settingsAt(i), seed, i)
					ct, err := corpusgen.Convert(t)
					if err != nil {
						mu.Lock()
						failed++
						fmt.Fprintf(cmd.ErrOrStderr(), "crosscheck: test %d/%d: %v\n", seed, i, err)
						mu.Unlock()
						return nil
					}
					if jsonSchema {
						js, err := schema.JSONText(t.Schema)
						if err != nil {
							return fmt.Errorf("test %d/%d: printing the schema as JSON: %w", seed, i, err)
						}
						ct.SchemaText = string(js)
					}
					if _, err = corpus.Save(out, corpusgen.Name(t), ct); err != nil {
						return err
					}
					written.Add(1)
					return nil
				})
			}
			w := cmd.OutOrStdout()
			err = g.Wait()
			// The count is of the files really written, also when a
			// write failed.
			fmt.Fprintf(w, "wrote %d tests to %s (seed %d, mode %s)\n", written.Load(), out, seed, m)
			if err != nil {
				return inputError(err)
			}
			if stats {
				st.Write(w)
				cov.Write(w)
				writeDefaultMixRarity(w, base, seed, start, count)
			}
			if failed > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "crosscheck: %d tests could not be written\n", failed)
				return checkFailed()
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.Uint64Var(&count, "count", 0, "number of tests to generate (required, at least 1)")
	f.Uint64Var(&start, "start", 0, "index of the first test (the last, start+count-1, must not pass 2^64-1)")
	f.Int64Var(&seed, "seed", 1, "seed of the run; a test is determined by (seed, index)")
	f.StringVar(&mode, "mode", "typed", "generator mode: typed, untyped, rbac or expr")
	f.StringVar(&target, "target", "", "generate the tests a run of this target checks (all: the default run's mix), instead of --mode")
	f.StringVarP(&out, "out", "o", "", "directory to write corpus-tests/ into (required)")
	f.BoolVar(&stats, "stats", false, "print construct and evaluation statistics")
	f.IntVar(&jobs, "jobs", 8, "number of tests written at the same time ("+jobsRange.String()+")")
	f.BoolVar(&jsonSchema, "json-schema", false, "write schemas in the JSON format (.cedarschema.json) instead of Cedar text")
	d := generators.DefaultSettings()
	f.IntVar(&depth, "max-depth", d.MaxDepth, "largest nesting of compound expressions in a condition ("+generators.MaxDepthRange.String()+")")
	f.IntVar(&policies, "policies", d.PoliciesPerTest, "largest number of policies per test ("+generators.PoliciesPerTestRange.String()+")")
	f.IntVar(&requests, "requests", d.RequestsPerTest, "number of requests per test ("+generators.RequestsPerTestRange.String()+")")
	f.IntVar(&faults, "faults", -1, fmt.Sprintf("percentage of tests with deliberate faults (%s; default %d; 0 for none)", generators.FaultPercentRange, d.FaultPercent))
	return cmd
}
