// Package reports writes the report of a differential run as JSON,
// Markdown and a self-contained HTML page with inline SVG charts.
//
// A Report is the stable, versioned record of one run (or of the merged
// shards of one run): its settings and seed, the totals, throughput over
// time, the reference's decision mix, the model's error kinds, generator
// coverage and every kept finding with its test and replay command.
// FromSummary builds one from the runner's diff.Summary; Write stores it
// in a directory as report.json, report.md and report.html; Read loads a
// report.json back; Merge combines the reports of a sharded run.
//
// The HTML page needs no network to be viewed: its style sheet is inline
// and its charts are SVG drawn by this package (see chart.go), so the page
// can be attached to a CI run or mailed as one file. Everything that comes
// from a test is escaped by html/template or by the SVG writer.
package reports
