package main

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

// crashingDriver starts, then exits on every call: every test sent to
// cedar-wasm is inconclusive.
const crashingDriver = `'use strict';
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const r = JSON.parse(line);
  if (r.op !== 'hello') process.exit(3);
  process.stdout.write(JSON.stringify({ id: r.id, result: { protocol: 1, name: 'fake', version: '0', cedar: '4.5', capabilities: ['authorize'] } }) + '\n');
});
`

func TestRunFailsWhenTheOracleIsInconclusive(t *testing.T) {
	if _, _, err := cedarwasm.Locate(); errors.Is(err, cedarwasm.ErrNotInstalled) {
		t.Skip(err)
	}
	wasmDriver = crashingDriver
	t.Cleanup(func() { wasmDriver = "" })
	tests := []struct {
		name       string
		args       []string
		wantCode   int
		wantHealth bool // the health limit fails the run
	}{
		{"default limit", nil, exitFailed, true},
		// Within the limit the oracle's health does not fail the run, but
		// every comparison was inconclusive, so nothing was compared.
		{"limit 100%", []string{"--max-inconclusive", "100"}, exitFailed, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			args := append([]string{"run", "--target", "abac", "--impl", "model,cedar-wasm", "--count", "3", "--seed", "1", "--jobs", "2", "--out", out, "--shrink-time", "0"}, tt.args...)
			code, stdout, stderr := runCLI(t, args...)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, stdout, stderr)
			}
			if !strings.Contains(stdout, "oracle health: cedar-wasm: 3 sent, 3 inconclusive (100.0%), 6 restarts") {
				t.Errorf("the text output lacks the oracle's health:\n%s", stdout)
			}
			if failed := strings.Contains(stdout, "FAIL: cedar-wasm was inconclusive on 3 of the 3 tests"); failed != tt.wantHealth {
				t.Errorf("FAIL reason shown: %v\n%s", failed, stdout)
			}
			if !tt.wantHealth && !strings.Contains(stdout, "INCOMPLETE (nothing compared)") {
				t.Errorf("verdict is not INCOMPLETE (nothing compared):\n%s", stdout)
			}
			for _, file := range []string{"summary.json", "report.json"} {
				b, err := os.ReadFile(filepath.Join(out, file))
				if err != nil {
					t.Fatal(err)
				}
				var doc struct {
					Oracles map[string]map[string]int `json:"oracles"`
					Totals  struct {
						Oracles map[string]map[string]int `json:"oracles"`
					} `json:"totals"`
				}
				if err := json.Unmarshal(b, &doc); err != nil {
					t.Fatal(err)
				}
				h := doc.Oracles["cedar-wasm"]
				if h == nil {
					h = doc.Totals.Oracles["cedar-wasm"]
				}
				if h["sent"] != 3 || h["inconclusive"] != 3 || h["restarts"] != 6 {
					t.Errorf("%s: cedar-wasm health %v", file, h)
				}
			}
		})
	}
}

func TestMaxInconclusiveFlag(t *testing.T) {
	for _, bad := range []string{"101", "-1", "NaN"} {
		if code, _, _ := runCLI(t, "run", "--count", "1", "--max-inconclusive", bad, "--out", t.TempDir()); code != exitUsage {
			t.Errorf("--max-inconclusive %s: exit %d, want %d", bad, code, exitUsage)
		}
	}
	_, help, _ := runCLI(t, "run", "--help")
	for _, want := range []string{"--max-inconclusive", "one Node.js process per CPU", "restarts"} {
		if !strings.Contains(help, want) {
			t.Errorf("run --help lacks %q", want)
		}
	}
	if got := maxInconclusive(0); got >= 0 {
		t.Errorf("--max-inconclusive 0 gives %v; it must allow none", got)
	}
}
