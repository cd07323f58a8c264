package diff

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// flakyOracle is a supervised implementation that answers like the engine
// except on every n-th input after the warm-up (counted from the first
// with a request), which it calls inconclusive after a restart.
type flakyOracle struct {
	Implementation
	every int
	mu    sync.Mutex
	seen  int
	h     OracleHealth
}

func (f *flakyOracle) Name() string { return "flaky-oracle" }

func (f *flakyOracle) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	f.mu.Lock()
	f.h.Sent++
	if len(reqs) > 0 {
		f.seen++
	}
	fail := f.every > 0 && len(reqs) > 0 && f.seen%f.every == 0
	if fail {
		f.h.Inconclusive++
		f.h.Restarts++
		f.h.Timeouts++
	}
	f.mu.Unlock()
	if fail {
		return nil, &InconclusiveError{Impl: f.Name(), Reason: "planted"}
	}
	return f.Implementation.Authorize(in, reqs)
}

func (f *flakyOracle) Processes() int { return 0 }

func (f *flakyOracle) Health() OracleHealth {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.h
}

func TestOracleHealthFailsTheRun(t *testing.T) {
	tests := []struct {
		name             string
		every            int
		max              float64
		wantInconclusive int
		wantOK           bool
	}{
		{name: "healthy", every: 0, wantOK: true},
		{name: "a quarter inconclusive, default limit", every: 4, wantInconclusive: 10, wantOK: false},
		{name: "a quarter inconclusive, limit 30%", every: 4, max: 0.3, wantInconclusive: 10, wantOK: true},
		{name: "every one inconclusive", every: 1, wantInconclusive: 40, wantOK: false},
		{name: "one in 40, no inconclusive allowed", every: 40, max: -1, wantInconclusive: 1, wantOK: false},
		{name: "one in 40, default limit", every: 40, wantInconclusive: 1, wantOK: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oracle := &flakyOracle{Implementation: Engine(), every: tt.every}
			sum, err := Run(context.Background(), Config{Target: TargetRBAC, Impls: []Implementation{Model(), Guard(oracle)},
				Seed: 3, Count: 40, Jobs: 2, MaxInconclusive: tt.max})
			if err != nil {
				t.Fatal(err)
			}
			h := sum.Oracles["flaky-oracle"]
			want := OracleHealth{Sent: 40, Inconclusive: tt.wantInconclusive, Restarts: tt.wantInconclusive, Timeouts: tt.wantInconclusive}
			if h != want {
				t.Errorf("oracle health %+v, want %+v (warm-up excluded)", h, want)
			}
			if _, ok := sum.Oracles["model"]; ok {
				t.Errorf("the model is not supervised but has health: %v", sum.Oracles)
			}
			if sum.Failed != 0 {
				t.Errorf("%d tests failed; inconclusive tests are not failures", sum.Failed)
			}
			if sum.OK() != tt.wantOK {
				t.Errorf("OK() = %v, want %v; health failures %q", sum.OK(), tt.wantOK, sum.HealthFailures())
			}
			var text bytes.Buffer
			sum.WriteText(&text)
			if !strings.Contains(text.String(), "oracle health: flaky-oracle: 40 sent") {
				t.Errorf("the text output does not show the oracle's health:\n%s", text.String())
			}
			failLine := strings.Contains(text.String(), "FAIL: flaky-oracle was inconclusive on")
			if failLine == tt.wantOK {
				t.Errorf("FAIL line shown: %v, want %v:\n%s", failLine, !tt.wantOK, text.String())
			}
		})
	}
}

// TestCedarWasmHealthInARun runs the official engine's adapter on fake
// drivers that crash or hang on every call: each test is inconclusive,
// the restarts and timeouts are counted, and the run fails.
func TestCedarWasmHealthInARun(t *testing.T) {
	// A protocol server that answers hello, then HANDLEs every request.
	const protocol = `'use strict';
require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const r = JSON.parse(line);
  if (r.op === 'hello') {
    process.stdout.write(JSON.stringify({ id: r.id, result: { protocol: 1, name: 'fake', version: '0', cedar: '4.5', capabilities: ['authorize'] } }) + '\n');
    return;
  }
  HANDLE
});
`
	tests := []struct {
		name, handle string
		timeouts     bool
	}{
		{name: "crash", handle: `process.exit(3);`},
		{name: "hang", handle: ``, timeouts: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w, err := CedarWasm(cedarwasm.Options{Processes: 2, Timeout: 200 * time.Millisecond, Driver: strings.Replace(protocol, "HANDLE", tt.handle, 1)})
			if errors.Is(err, cedarwasm.ErrNotInstalled) {
				t.Skip(err)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer w.Close()
			sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), w}, Seed: 1, Count: 3, Jobs: 2, Timeout: time.Minute})
			if err != nil {
				t.Fatal(err)
			}
			h := sum.Oracles["cedar-wasm"]
			if h.Sent != 3 || h.Inconclusive != 3 || h.Restarts != 6 || (h.Timeouts == 6) != tt.timeouts {
				t.Errorf("health %+v, want 3 sent, 3 inconclusive, 6 restarts, and 6 timeouts only when hanging", h)
			}
			if sum.Inconclusive["cedar-wasm"] != 3 {
				t.Errorf("inconclusive %v", sum.Inconclusive)
			}
			if sum.OK() || len(sum.HealthFailures()) != 1 {
				t.Errorf("a run with every test inconclusive passed: %q", sum.HealthFailures())
			}
		})
	}
}

// narrowOracle serves one call at once and records the most it saw.
type narrowOracle struct {
	Implementation
	mu        sync.Mutex
	now, most int
}

func (n *narrowOracle) Name() string         { return "narrow" }
func (n *narrowOracle) Processes() int       { return 1 }
func (n *narrowOracle) Health() OracleHealth { return OracleHealth{} }

func (n *narrowOracle) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	n.mu.Lock()
	n.now++
	n.most = max(n.most, n.now)
	n.mu.Unlock()
	defer func() { n.mu.Lock(); n.now--; n.mu.Unlock() }()
	time.Sleep(time.Millisecond)
	return n.Implementation.Authorize(in, reqs)
}

// TestJobsCappedAtTheOracleProcesses checks that a run checks no more
// tests at once than a supervised implementation has processes, so that
// no test waits for a process while its timeout runs.
func TestJobsCappedAtTheOracleProcesses(t *testing.T) {
	oracle := &narrowOracle{Implementation: Engine()}
	sum, err := Run(context.Background(), Config{Target: TargetABAC, Impls: []Implementation{Model(), oracle}, Seed: 1, Count: 30, Jobs: 8})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Jobs != 1 || oracle.most != 1 {
		t.Errorf("jobs %d, at most %d calls at once; want 1 and 1", sum.Jobs, oracle.most)
	}
}
