// Package reports writes the report of a differential run as JSON,
// Markdown and a self-contained HTML page with inline SVG charts.
//
// A Report is the stable, versioned record of one run (or of the merged
// shards of one run): its settings, seed and rerun command, the totals,
// throughput over time, the properties (how many requests each was
// checked on, and that policy-order is a sample of diff.PolicyOrderSample),
// the reference's decision mix, the model's error kinds, generator coverage, the rarity table (how often the run's tests
// reached each boundary case of generators.RarityCases, over the sample
// diff.RaritySampleEvery) and every kept finding with its test (the
// minimized one when a shrinker ran) and replay command. Its JSON form,
// report.json, carries "version" (see Version); Read rejects later
// versions.
//
// The usual sequence after a run:
//
//	r := reports.FromSummary(sum)                                      // from diff.Run
//	reports.MeasureEvaluation(r, generators.DefaultSettings(), 10000, 5*time.Second)
//	err := reports.Write(dir, r)                                       // report.json, .md, .html
//
// FromSummary converts the runner's diff.Summary (WithMinimized supplies
// the shrinker's tests); MeasureEvaluation regenerates a sample of the
// run's tests and evaluates them with the reference model, so that the
// coverage section can highlight constructs never evaluated without
// error; Write stores the three files atomically. Merge combines the
// reports of a sharded run, and Read loads a report.json back (for
// `crosscheck report merge` and `crosscheck report render`).
//
// The HTML page needs no network to be viewed: its style sheet is inline
// and its charts are SVG drawn by this package (LineChart, BarChart), so
// the page can be attached to a CI run or mailed as one file. Everything
// that comes from a test is escaped, by html/template in the page, by
// the SVG writer in the charts and by mdText in Markdown; control
// characters are shown as their Unicode Control Pictures.
package reports
