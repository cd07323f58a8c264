package cedarwasm

import (
	"bufio"
	"bytes"
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"time"
)

//go:embed driver.js
var driverJS []byte

// errDied means the process ended, hung or broke the protocol; the pool
// replaces it and retries the work once.
var errDied = errors.New("cedar-wasm process died")

// process is one Node.js subprocess running driver.js. It serves one call
// at a time.
type process struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan []byte // response lines; closed when stdout ends
	stderr *limitedWriter
	nextID int
	dead   bool
}

// maxDriverBytes bounds the driver's source: it is passed as one argument
// (node -e), and Linux limits one argument to 128 KiB (MAX_ARG_STRLEN).
const maxDriverBytes = 100 << 10

// startProcess starts node on the driver source (the embedded driver.js
// when driver is "") and waits, up to startTimeout, for the driver's ready
// line: spawning Node.js and loading the wasm module take a while, and
// that time must not count against the first call's timeout. The driver
// is passed with -e, so no file is written anywhere.
func startProcess(node, nodeModules, driver string, startTimeout time.Duration) (*process, error) {
	if driver == "" {
		driver = string(driverJS)
	}
	if len(driver) > maxDriverBytes {
		return nil, fmt.Errorf("cedar-wasm: the driver is %d bytes, more than the %d a command-line argument may hold", len(driver), maxDriverBytes)
	}
	cmd := exec.Command(node, "--stack-size=4000", "-e", driver)
	cmd.Env = append(os.Environ(), "NODE_PATH="+nodeModules)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	p := &process{cmd: cmd, stdin: stdin, lines: make(chan []byte, 1), stderr: &limitedWriter{max: 64 << 10}}
	cmd.Stderr = p.stderr
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("cedar-wasm: starting node: %w", err)
	}
	go p.readLines(stdout)
	timer := time.NewTimer(startTimeout)
	defer timer.Stop()
	select {
	case line, ok := <-p.lines:
		if !ok {
			p.kill()
			return nil, fmt.Errorf("%w: node exited while starting: %s", errDied, p.stderrTail())
		}
		var r struct{ Ready bool }
		if err := json.Unmarshal(line, &r); err != nil || !r.Ready {
			p.kill()
			return nil, fmt.Errorf("%w: protocol error: the first line %q is not the ready line", errDied, truncate(line, 200))
		}
		return p, nil
	case <-timer.C:
		p.kill()
		return nil, fmt.Errorf("%w: node was not ready after %v: %s", errDied, startTimeout, p.stderrTail())
	}
}

func (p *process) readLines(stdout io.Reader) {
	r := bufio.NewReaderSize(stdout, 1<<16)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 && err == nil {
			p.lines <- line
		}
		if err != nil {
			close(p.lines)
			return
		}
	}
}

// reply is the driver's answer to one message.
type reply struct {
	ID     int             `json:"id"`
	OK     json.RawMessage `json:"ok"`
	Thrown *string         `json:"thrown"`
}

// call sends one message and waits for its answer. A thrown exception in
// the engine is returned as *ThrownError (the driver has already reloaded
// the module); any failure of the process itself is errDied, after which
// the process is unusable.
func (p *process) call(ctx context.Context, op string, body []byte) (json.RawMessage, error) {
	if p.dead {
		return nil, errDied
	}
	if bytes.IndexByte(body, '\n') >= 0 {
		return nil, fmt.Errorf("cedar-wasm: call body must be one line of JSON")
	}
	p.nextID++
	id := p.nextID
	header, _ := json.Marshal(struct {
		ID int    `json:"id"`
		Op string `json:"op"`
	}{id, op})
	msg := make([]byte, 0, len(header)+len(body)+2)
	msg = append(append(append(append(msg, header...), '\n'), body...), '\n')
	if _, err := p.stdin.Write(msg); err != nil {
		p.kill()
		return nil, fmt.Errorf("%w: %v", errDied, err)
	}
	select {
	case line, ok := <-p.lines:
		if !ok {
			p.kill()
			return nil, fmt.Errorf("%w: %s", errDied, p.stderrTail())
		}
		var r reply
		if err := json.Unmarshal(line, &r); err != nil || r.ID != id {
			p.kill()
			return nil, fmt.Errorf("%w: protocol error on reply %q", errDied, truncate(line, 200))
		}
		if r.Thrown != nil {
			return nil, &ThrownError{Message: *r.Thrown}
		}
		return r.OK, nil
	case <-ctx.Done():
		p.kill()
		return nil, fmt.Errorf("%w: %w", errDied, ctx.Err())
	}
}

func (p *process) kill() {
	if p.dead {
		return
	}
	p.dead = true
	_ = p.stdin.Close()
	if p.cmd.Process != nil {
		_ = p.cmd.Process.Kill()
	}
	go func() { _ = p.cmd.Wait() }()
}

func (p *process) stderrTail() string {
	s := p.stderr.String()
	if len(s) > 500 {
		s = "..." + s[len(s)-500:]
	}
	if s == "" {
		return "no output on stderr"
	}
	return s
}

// ThrownError is an exception thrown inside the engine (as opposed to a
// "failure" answer). The driver reloads the module after it.
type ThrownError struct{ Message string }

func (e *ThrownError) Error() string { return "cedar-wasm threw: " + e.Message }

// limitedWriter keeps the first max bytes written to it.
type limitedWriter struct {
	mu  sync.Mutex
	buf bytes.Buffer
	max int
}

func (w *limitedWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

func (w *limitedWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if room := w.max - w.buf.Len(); room > 0 {
		if len(b) > room {
			w.buf.Write(b[:room])
		} else {
			w.buf.Write(b)
		}
	}
	return len(b), nil
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
