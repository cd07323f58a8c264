//go:build linux

package diff

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// childrenCPU returns the CPU time, in clock ticks, that this process's
// live child processes (the Node.js engines) have used: wall time is
// meaningless on a shared machine.
func childrenCPU() int64 {
	var total int64
	tasks, _ := filepath.Glob("/proc/self/task/*/children")
	for _, f := range tasks {
		b, _ := os.ReadFile(f)
		for _, pid := range strings.Fields(string(b)) {
			stat, err := os.ReadFile("/proc/" + pid + "/stat")
			if err != nil {
				continue
			}
			s := string(stat)
			fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
			u, _ := strconv.ParseInt(fields[11], 10, 64)
			k, _ := strconv.ParseInt(fields[12], 10, 64)
			total += u + k
		}
	}
	return total
}

// TestParseDataCost measures the engine's CPU time per parse-target test
// for each kind of data call, each kind batched in one message as the
// target batches them (run with -v; it skips unless
// CROSSCHECK_MEASURE=1, since it takes a while).
func TestParseDataCost(t *testing.T) {
	if os.Getenv("CROSSCHECK_MEASURE") == "" {
		t.Skip("set CROSSCHECK_MEASURE=1 to measure")
	}
	w, err := CedarWasm(cedarwasm.Options{Processes: 1})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	const n = 200
	ticks := map[string]int64{}
	count := map[string]int{}
	for pass := range 2 { // the first pass warms the engine up
		for i := range uint64(n) {
			s := generators.DefaultSettings()
			s.Mode = TargetParse.Mode(i)
			tc := generators.Generate(s, 9, i)
			byFn := map[string][]cedarwasm.DataCall{}
			for _, c := range dataChecks(tc, parseTexts(tc)[0].text, commonTypesText(tc)) {
				byFn[c.call.Fn] = append(byFn[c.call.Fn], c.call)
			}
			for fn, calls := range byFn {
				before := childrenCPU()
				if _, err := w.DataCalls(calls); err != nil {
					t.Fatal(err)
				}
				if pass == 1 {
					ticks[fn] += childrenCPU() - before
					count[fn] += len(calls)
				}
			}
		}
	}
	for fn, tk := range ticks {
		t.Logf("%-20s %5.2f ms engine CPU per test (%.1f calls per test)", fn, float64(tk)*10/n, float64(count[fn])/n)
	}
}
