package cedarwasm

import (
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeDriver is a driver that speaks the protocol without the engine:
// start runs once at start-up (it must eventually call ready()), and
// handle(header, body) runs for each request (reply(id, answer) answers).
func fakeDriver(start, handle string) string {
	return `'use strict';
function ready() { process.stdout.write('{"ready":true}\n'); }
function reply(id, ok) { process.stdout.write(JSON.stringify({ id: id, ok: ok }) + '\n'); }
function handle(header, body) { ` + handle + ` }
let pending = null, buffered = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => {
  buffered += chunk;
  let nl;
  while ((nl = buffered.indexOf('\n')) >= 0) {
    const line = buffered.slice(0, nl);
    buffered = buffered.slice(nl + 1);
    if (pending === null) { pending = JSON.parse(line); continue; }
    const h = pending;
    pending = null;
    handle(h, line);
  }
});
process.stdin.on('end', () => process.exit(0));
` + start
}

const (
	startNow    = `ready();`
	answerFake  = `reply(header.id, "fake");`
	sleepMillis = `const until = Date.now() + %d; while (Date.now() < until) {}`
)

func busyWait(ms string) string { return strings.Replace(sleepMillis, "%d", ms, 1) }

func TestHealthIsCounted(t *testing.T) {
	tests := []struct {
		name         string
		start        string
		handle       string
		timeout      time.Duration
		startTimeout time.Duration
		wantErr      error
		want         Health
	}{
		{name: "healthy", start: startNow, handle: answerFake,
			want: Health{Work: 1}},
		{name: "slow start does not count against the call timeout", start: busyWait("1500") + startNow, handle: answerFake,
			timeout: 300 * time.Millisecond, want: Health{Work: 1}},
		{name: "dies on every call", start: startNow, handle: `process.exit(3);`,
			wantErr: ErrInconclusive, want: Health{Work: 1, Inconclusive: 1, Restarts: 2}},
		{name: "hangs on every call", start: startNow, handle: ``,
			timeout: 200 * time.Millisecond, wantErr: ErrInconclusive, want: Health{Work: 1, Inconclusive: 1, Restarts: 2, Timeouts: 2}},
		{name: "never ready", start: ``, handle: answerFake,
			startTimeout: 300 * time.Millisecond, wantErr: ErrInconclusive, want: Health{Work: 1, Inconclusive: 1, Restarts: 2}},
		{name: "dies at start", start: `process.exit(4);`, handle: answerFake,
			wantErr: ErrInconclusive, want: Health{Work: 1, Inconclusive: 1, Restarts: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newTestPool(t, Options{Processes: 1, Timeout: tt.timeout, StartTimeout: tt.startTimeout, Driver: fakeDriver(tt.start, tt.handle)})
			var got string
			err := p.Do(context.Background(), func(c *Conn) error {
				v, err := c.Version()
				got = v
				return err
			})
			if tt.wantErr == nil && (err != nil || got != "fake") {
				t.Fatalf("got %q, %v; want the answer \"fake\"", got, err)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if h := p.Health(); h != tt.want {
				t.Errorf("health %+v, want %+v", h, tt.want)
			}
		})
	}
}

// TestWaitingForAProcessIsNotTimed runs more work than processes: each
// call takes 300ms of a 500ms timeout, so the last of four waits 900ms
// for the process before its call starts, and must still succeed.
func TestWaitingForAProcessIsNotTimed(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1, Timeout: 500 * time.Millisecond, Driver: fakeDriver(startNow, busyWait("300")+answerFake)})
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Go(func() {
			errs <- p.Do(context.Background(), func(c *Conn) error { _, err := c.Version(); return err })
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if h := p.Health(); h.Timeouts != 0 || h.Restarts != 0 {
		t.Errorf("health %+v, want no timeouts or restarts", h)
	}
}

func TestProcessesAreCappedAtTheCPUCount(t *testing.T) {
	for _, n := range []int{0, -1, 1000 * runtime.NumCPU()} {
		p := newTestPool(t, Options{Processes: n})
		if got := p.Processes(); got != runtime.NumCPU() {
			t.Errorf("Processes %d: the pool runs %d processes, want %d (the CPUs)", n, got, runtime.NumCPU())
		}
	}
	if p := newTestPool(t, Options{Processes: 1}); p.Processes() != 1 {
		t.Errorf("Processes 1: the pool runs %d", p.Processes())
	}
}

// TestNoTemporaryFiles checks that running the engine leaves nothing in
// the temporary directory (the driver is passed with -e).
func TestNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	p := newTestPool(t, Options{Processes: 1})
	if err := p.Do(context.Background(), func(c *Conn) error { _, err := c.Version(); return err }); err != nil {
		t.Fatal(err)
	}
	p.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left in the temporary directory: %s", e.Name())
	}
}

func TestDriverFitsInOneArgument(t *testing.T) {
	if len(driverJS) > maxDriverBytes {
		t.Errorf("driver.js is %d bytes; node -e takes at most %d", len(driverJS), maxDriverBytes)
	}
}
