package main

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/cedar-crosscheck/crosscheck/corpus/findings"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/diff/shrink"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/reports"
)

// findingsOptions say how a run minimizes and saves its findings.
type findingsOptions struct {
	dir        string        // corpus root for saved findings; "" means <out>/findings
	reference  string        // implementation whose answers are the expectations
	shrinkTime time.Duration // budget for minimizing one finding; 0 disables shrinking
	totalTime  time.Duration // budget for minimizing all findings of the run
}

// savedFinding is one minimized and saved finding.
type savedFinding struct {
	path   string
	dup    bool
	test   *generators.Test
	stats  shrink.Stats
	shrunk bool
}

// saveFindings minimizes the first finding of each signature (keeping its
// signature, with the run's own checks) and saves it in the corpus layout
// under opts.dir, with the reference implementation's answers as the
// expectations. Findings already saved with the same signature, in this
// run or before, are not saved again. It returns the minimized test of
// each processed finding, for the report.
func saveFindings(w io.Writer, cfg *diff.Config, sum *diff.Summary, opts findingsOptions, jobs int) (map[*diff.Finding]*savedFinding, error) {
	out := map[*diff.Finding]*savedFinding{}
	if len(sum.Signatures) == 0 {
		return out, nil
	}
	ref, release, err := referenceImpl(cfg.Impls, opts.reference, jobs)
	if err != nil {
		return out, err
	}
	defer release()
	saver := &findings.Saver{Dir: opts.dir, Reference: ref}
	deadline := time.Now().Add(opts.totalTime)
	for _, sc := range sum.Signatures {
		f := sc.Example
		if f == nil || f.Test == nil {
			continue
		}
		sf := &savedFinding{test: f.Test}
		if opts.shrinkTime > 0 && time.Now().Before(deadline) {
			budget := shrink.Budget{Time: min(opts.shrinkTime, time.Until(deadline))}
			if t, stats, err := shrink.RunFinding(cfg, f, budget); err == nil {
				sf.test, sf.stats, sf.shrunk = t, stats, true
			} else {
				fmt.Fprintf(w, "crosscheck: finding %q not minimized: %v\n", sc.Signature, err)
			}
		}
		sf.path, sf.dup, err = saver.Save(f, sf.test)
		if err != nil {
			fmt.Fprintf(w, "crosscheck: finding %q not saved: %v\n", sc.Signature, err)
			continue
		}
		out[f] = sf
		describeSaved(w, f, sf)
	}
	return out, nil
}

func describeSaved(w io.Writer, f *diff.Finding, sf *savedFinding) {
	verb := "saved"
	if sf.dup {
		verb = "already saved"
	}
	fmt.Fprintf(w, "finding %s: %s\n", verb, sf.path)
	if sf.shrunk {
		t := sf.test
		fmt.Fprintf(w, "    minimized in %v: %d policies, %d entities, %d AST nodes\n",
			sf.stats.Elapsed.Round(time.Millisecond), len(t.Policies.Policies)+len(t.Policies.Links), len(t.Entities), shrink.PolicyNodes(t.Policies))
	}
	if len(f.Impls) > 1 {
		fmt.Fprintf(w, "    replay: crosscheck replay --impl %s %s\n", f.Impls[len(f.Impls)-1], sf.path)
	}
}

// referenceImpl returns the implementation named name: one of the run's,
// or a newly opened one (released by the returned function).
func referenceImpl(impls []diff.Implementation, name string, jobs int) (diff.Implementation, func(), error) {
	for _, impl := range impls {
		if impl.Name() == name {
			return impl, func() {}, nil
		}
	}
	opened, _, release, err := diff.Open([]string{name}, cedarwasm.Options{Processes: max(jobs, 1)})
	if err != nil {
		return nil, nil, fmt.Errorf("--reference: %w", err)
	}
	return opened[0], release, nil
}

// writeReport writes report.json, report.md and report.html into dir,
// with the minimized test of each saved finding.
func writeReport(dir string, sum *diff.Summary, saved map[*diff.Finding]*savedFinding) (string, error) {
	rep := reports.FromSummary(sum, reports.WithMinimized(func(f *diff.Finding) *generators.Test {
		if sf, ok := saved[f]; ok && sf.shrunk {
			return sf.test
		}
		return nil
	}))
	// The run's summary counts what was generated; evaluating a sample
	// of the same tests again tells which constructs were exercised
	// without error.
	reports.MeasureEvaluation(rep, generators.DefaultSettings(), 10000, 5*time.Second)
	if err := reports.Write(dir, rep); err != nil {
		return "", err
	}
	return filepath.Join(dir, "report.html"), nil
}
