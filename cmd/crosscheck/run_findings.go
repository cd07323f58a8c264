package main

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sync/atomic"
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
// run or before, are not saved again. Once ctx is done, the finding being
// minimized and the rest are saved unminimized. left, when not nil, is
// kept at the number of findings not yet saved. It returns the minimized
// test of each processed finding, for the report.
func saveFindings(ctx context.Context, w io.Writer, cfg *diff.Config, sum *diff.Summary, opts findingsOptions, jobs int, left *atomic.Int64) (map[*diff.Finding]*savedFinding, error) {
	out := map[*diff.Finding]*savedFinding{}
	if left == nil {
		left = new(atomic.Int64)
	}
	left.Store(int64(savable(sum)))
	if left.Load() == 0 {
		return out, nil
	}
	ref, release, err := referenceImpl(cfg.Impls, opts.reference, jobs)
	if err != nil {
		return out, err
	}
	defer release()
	saver := &findings.Saver{Dir: opts.dir, Reference: ref}
	if sum.Versions != nil {
		saver.Versions = sum.Versions.String()
	}
	deadline := time.Now().Add(opts.totalTime)
	for _, sc := range sum.Signatures {
		f := sc.Example
		if f == nil || f.Test == nil {
			continue
		}
		sf := &savedFinding{test: f.Test}
		if opts.shrinkTime > 0 && ctx.Err() == nil && time.Now().Before(deadline) {
			budget := shrink.Budget{Time: min(opts.shrinkTime, time.Until(deadline))}
			switch t, stats, err := minimize(ctx, cfg, f, budget); {
			case err == nil:
				sf.test, sf.stats, sf.shrunk = t, stats, true
			case ctx.Err() == nil:
				fmt.Fprintf(w, "crosscheck: finding %q not minimized: %v\n", sc.Signature, err)
			}
		}
		sf.path, sf.dup, err = saver.Save(f, sf.test)
		left.Add(-1)
		if err != nil {
			fmt.Fprintf(w, "crosscheck: finding %q not saved: %v\n", sc.Signature, err)
			continue
		}
		out[f] = sf
		describeSaved(w, f, sf)
	}
	return out, nil
}

// savable counts the findings saveFindings saves: the first of each
// signature, when it has a test.
func savable(sum *diff.Summary) int {
	n := 0
	for _, sc := range sum.Signatures {
		if sc.Example != nil && sc.Example.Test != nil {
			n++
		}
	}
	return n
}

// minimize is shrink.RunFinding, given up when ctx is done first. The
// minimizer is then left to end within its budget unobserved: the
// process is about to exit, and the finding is saved as found.
func minimize(ctx context.Context, cfg *diff.Config, f *diff.Finding, b shrink.Budget) (*generators.Test, shrink.Stats, error) {
	type result struct {
		t     *generators.Test
		stats shrink.Stats
		err   error
	}
	done := make(chan result, 1)
	go func() {
		t, stats, err := shrink.RunFinding(cfg, f, b)
		done <- result{t, stats, err}
	}()
	select {
	case r := <-done:
		return r.t, r.stats, r.err
	case <-ctx.Done():
		return nil, shrink.Stats{}, ctx.Err()
	}
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

// referenceAuto is the default --reference: the official engine when the
// run compared it, else the model.
const referenceAuto = "auto"

// resolveReference returns the implementation name --reference name
// stands for in a run of impls.
func resolveReference(impls []diff.Implementation, name string) string {
	if name != referenceAuto {
		return name
	}
	for _, impl := range impls {
		if impl.Name() == "cedar-wasm" {
			return "cedar-wasm"
		}
	}
	return "model"
}

// referenceImpl returns the implementation named name (or auto, see
// resolveReference): one of the run's, or a newly opened one (released by
// the returned function).
func referenceImpl(impls []diff.Implementation, name string, jobs int) (diff.Implementation, func(), error) {
	name = resolveReference(impls, name)
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
