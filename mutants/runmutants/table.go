package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// writeTable writes the results as a Markdown table, then the mutants
// that only the build caught (to be rewritten), then the last line,
// "N passed, N failed", where passed means caught.
func writeTable(w io.Writer, heading string, results []*Result) {
	fmt.Fprintf(w, "%s\n\n", heading)
	fmt.Fprintln(w, "| mutant | area | caught? | by which check | first finding (s) | tests | wall (s) |")
	fmt.Fprintln(w, "| --- | --- | --- | --- | ---: | ---: | ---: |")
	passed, byBuild := 0, []string{}
	for _, r := range results {
		caught := "no: " + string(r.Status)
		if r.Status.Passed() {
			caught, passed = "yes", passed+1
		}
		if r.Status == CaughtByBuild {
			caught, byBuild = "by the build", append(byBuild, r.Mutant)
		}
		first := ""
		if r.Status == Caught {
			first = fmt.Sprintf("%.1f", r.FirstFindingSeconds)
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d | %.0f |\n",
			r.Mutant, r.Area, caught, cell(r.Check), first, r.Tests, r.WallSeconds)
	}
	fmt.Fprintln(w)
	if len(byBuild) > 0 {
		fmt.Fprintf(w, "caught only by the build (badly written mutants, they measure nothing): %s\n", strings.Join(byBuild, ", "))
	}
	fmt.Fprintf(w, "%d passed, %d failed\n", passed, len(results)-passed)
}

// cell makes s safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "|", `\|`), "\n", " ")
}

// writeResults writes results.md and results.json into dir, each
// atomically (a temporary file renamed into place).
func writeResults(dir, heading string, results []*Result) error {
	var md strings.Builder
	writeTable(&md, heading, results)
	js, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		return err
	}
	if err := writeAtomic(filepath.Join(dir, "results.md"), []byte(md.String())); err != nil {
		return err
	}
	return writeAtomic(filepath.Join(dir, "results.json"), append(js, '\n'))
}

func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())              // fails harmlessly after the rename
	if err := f.Chmod(0o644); err != nil { // CreateTemp makes it 0600
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
