package protocol

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"slices"
	"sync"
	"time"
)

// ErrDied means a server process exited, hung past a timeout or broke the
// protocol; the process is unusable afterwards.
var ErrDied = errors.New("protocol server died")

// Process is one running server. It serves one request at a time: Call
// is not safe for concurrent use.
type Process struct {
	cmd    *exec.Cmd
	stdin  io.WriteCloser
	lines  chan line // closed when stdout ends
	stderr *tailWriter
	exited chan struct{}
	quit   chan struct{} // closed by Kill: nobody reads lines any more
	nextID int64
	dead   bool
	hello  Hello
}

type line struct {
	b   []byte
	err error // a line over MaxLine
}

// Start runs the server argv (the program and its arguments) and
// performs the handshake: it sends hello and waits up to startTimeout
// for the answer, which must name this package's protocol Version, a
// name, a version, the Cedar version and known capabilities. Start-up
// time is not counted against any call.
func Start(argv []string, startTimeout time.Duration) (*Process, error) {
	p, err := Spawn(argv)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	resp, err := p.Call(ctx, &Request{Op: OpHello, Protocol: Version})
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, fmt.Errorf("%w: no answer to hello within %v: %s", ErrDied, startTimeout, p.StderrTail())
	}
	if err != nil {
		return nil, fmt.Errorf("no answer to hello: %w", err)
	}
	h, err := CheckHello(resp)
	if err != nil {
		p.Kill()
		return nil, fmt.Errorf("%w: handshake: %v", ErrDied, err)
	}
	p.hello = *h
	return p, nil
}

// CheckHello reads and checks a hello answer.
func CheckHello(resp *Response) (*Hello, error) {
	if resp.Result == nil {
		return nil, fmt.Errorf("the answer to hello has no result: %s", describe(resp))
	}
	var h Hello
	if err := decode(resp.Result, &h); err != nil {
		return nil, fmt.Errorf("the hello result does not decode: %v", err)
	}
	if h.Protocol != Version {
		return nil, fmt.Errorf("the server speaks protocol version %d, this client speaks %d", h.Protocol, Version)
	}
	if h.Name == "" || h.Version == "" || h.Cedar == "" {
		return nil, fmt.Errorf("the hello result must give name, version and cedar (got name %q, version %q, cedar %q)", h.Name, h.Version, h.Cedar)
	}
	// A capability this client does not know is an operation of a later
	// addition to the protocol: left out (and listed in Ignored), never
	// asked for.
	known := h.Capabilities[:0:0]
	for _, c := range h.Capabilities {
		if slices.Contains(Capabilities, c) {
			known = append(known, c)
		} else {
			h.Ignored = append(h.Ignored, c)
		}
	}
	h.Capabilities = known
	return &h, nil
}

// Spawn starts the server argv without a handshake (protocol-check uses
// it to probe the handshake itself).
func Spawn(argv []string) (*Process, error) {
	if len(argv) == 0 {
		return nil, errors.New("no command to run")
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = os.Environ()
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	// An os.Pipe of our own rather than StdoutPipe: Wait, which runs as
	// soon as the process exits, must not close the output before its
	// last lines are read.
	stdout, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = w
	p := &Process{cmd: cmd, stdin: stdin, lines: make(chan line, 1), stderr: &tailWriter{max: 64 << 10},
		exited: make(chan struct{}), quit: make(chan struct{})}
	cmd.Stderr = p.stderr
	err = cmd.Start()
	_ = w.Close()
	if err != nil {
		_ = stdout.Close()
		return nil, fmt.Errorf("starting %s: %w", argv[0], err)
	}
	go p.readLines(stdout)
	go func() { _ = cmd.Wait(); close(p.exited) }()
	return p, nil
}

// Hello is the server's handshake answer (zero after Spawn).
func (p *Process) Hello() Hello { return p.hello }

func (p *Process) readLines(stdout io.ReadCloser) {
	defer close(p.lines)
	defer stdout.Close()
	send := func(l line) bool {
		select {
		case p.lines <- l:
			return true
		case <-p.quit:
			return false
		}
	}
	r := bufio.NewReaderSize(stdout, 1<<16)
	for {
		var buf []byte
		for {
			chunk, err := r.ReadSlice('\n')
			if len(buf)+len(chunk) > MaxLine {
				send(line{err: fmt.Errorf("an answer line is longer than %d bytes", MaxLine)})
				return
			}
			buf = append(buf, chunk...)
			if err == bufio.ErrBufferFull {
				continue
			}
			if err != nil {
				return // a last line without its newline is not an answer
			}
			break
		}
		if !send(line{b: buf}) {
			return
		}
	}
}

// Call sends req with the next id (it overwrites req.ID) and waits for
// its answer until ctx is done. Any failure of the process itself
// (exited, no answer in time, an answer that is not one JSON object of
// the protocol with that id) kills it and wraps ErrDied.
func (p *Process) Call(ctx context.Context, req *Request) (*Response, error) {
	p.nextID++
	req.ID = p.nextID
	msg, err := Marshal(req)
	if err != nil {
		return nil, err
	}
	if err := p.WriteLine(msg); err != nil {
		return nil, err
	}
	raw, err := p.ReadLine(ctx)
	if err != nil {
		return nil, err
	}
	resp, err := DecodeResponse(raw)
	if err == nil && (resp.ID == nil || *resp.ID != req.ID) {
		err = fmt.Errorf("the answer's id is %s, the request's %d", idString(resp.ID), req.ID)
	}
	if err != nil {
		p.Kill()
		return nil, fmt.Errorf("%w: protocol error: %v, on the answer %q", ErrDied, err, truncate(raw, 200))
	}
	return resp, nil
}

// WriteLine writes msg and a newline. msg must not hold a newline.
func (p *Process) WriteLine(msg []byte) error {
	if p.dead {
		return ErrDied
	}
	if bytes.IndexByte(msg, '\n') >= 0 {
		return errors.New("a message must be one line")
	}
	if _, err := p.stdin.Write(append(msg[:len(msg):len(msg)], '\n')); err != nil {
		p.Kill()
		return fmt.Errorf("%w: writing to it: %v: %s", ErrDied, err, p.StderrTail())
	}
	return nil
}

// ReadLine waits for the next line of the server's output until ctx is
// done; then, or when the output ends, the process is killed and the
// error wraps ErrDied (and ctx's error).
func (p *Process) ReadLine(ctx context.Context) ([]byte, error) {
	if p.dead {
		return nil, ErrDied
	}
	select {
	case l, ok := <-p.lines:
		if !ok {
			p.Kill()
			return nil, fmt.Errorf("%w: it exited (%s): %s", ErrDied, p.exitStatus(), p.StderrTail())
		}
		if l.err != nil {
			p.Kill()
			return nil, fmt.Errorf("%w: %v", ErrDied, l.err)
		}
		return bytes.TrimRight(l.b, "\r\n"), nil
	case <-ctx.Done():
		p.Kill()
		return nil, fmt.Errorf("%w: no answer in time: %w", ErrDied, ctx.Err())
	}
}

func (p *Process) exitStatus() string {
	select {
	case <-p.exited:
		return p.cmd.ProcessState.String()
	case <-time.After(time.Second):
		return "its output closed"
	}
}

// CloseInput closes the server's standard input, which asks it to exit.
func (p *Process) CloseInput() { _ = p.stdin.Close() }

// Exited reports whether the process ends within d.
func (p *Process) Exited(d time.Duration) bool {
	select {
	case <-p.exited:
		return true
	case <-time.After(d):
		return false
	}
}

// Stop asks the process to exit by closing its input, and kills it if
// it has not within grace.
func (p *Process) Stop(grace time.Duration) {
	if p.dead {
		return
	}
	p.CloseInput()
	p.Exited(grace)
	p.Kill()
}

// Kill ends the process; it is unusable afterwards.
func (p *Process) Kill() {
	if p.dead {
		return
	}
	p.dead = true
	close(p.quit)
	_ = p.stdin.Close()
	if p.cmd.Process != nil {
		_ = p.cmd.Process.Kill()
	}
}

// Dead reports whether the process was killed or found dead.
func (p *Process) Dead() bool { return p.dead }

// StderrTail is the end of what the server wrote to its standard error.
func (p *Process) StderrTail() string {
	s := p.stderr.String()
	if len(s) > 500 {
		s = "..." + s[len(s)-500:]
	}
	if s == "" {
		return "no output on stderr"
	}
	return "stderr: " + s
}

// Marshal writes v as one line of JSON, without HTML escaping.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// DecodeResponse reads one answer line: one JSON object with exactly one
// of result, unsupported and error. Members it does not know are ignored
// (a later addition to the protocol), as decode does.
func DecodeResponse(raw []byte) (*Response, error) {
	var resp Response
	if err := decode(raw, &resp); err != nil {
		return nil, err
	}
	n := 0
	for _, set := range []bool{resp.Result != nil, resp.Unsupported != nil, resp.Error != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return nil, fmt.Errorf("an answer has exactly one of result, unsupported and error (it has %d)", n)
	}
	return &resp, nil
}

// decode decodes one JSON value into v, keeping numbers exact and
// refusing trailing data. Members v has no field for are ignored: the
// protocol's versioning lets a server add optional members (docs/protocol.md,
// "Versioning"), so a client must not fail on them.
func decode(raw []byte, v any) error { return decodeJSON(raw, v, false) }

// decodeJSON is decode, refusing members v has no field for when strict.
func decodeJSON(raw []byte, v any, strict bool) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	if strict {
		dec.DisallowUnknownFields()
	}
	dec.UseNumber()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the JSON object")
	}
	return nil
}

func describe(resp *Response) string {
	switch {
	case resp.Unsupported != nil:
		return "unsupported: " + resp.Unsupported.Feature
	case resp.Error != nil:
		return "error: " + resp.Error.Message
	}
	return "no result"
}

func idString(id *int64) string {
	if id == nil {
		return "null"
	}
	return fmt.Sprint(*id)
}

// tailWriter keeps the last max bytes written to it.
type tailWriter struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (w *tailWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf = append(w.buf, b...)
	if len(w.buf) > w.max {
		w.buf = slices.Clone(w.buf[len(w.buf)-w.max:])
	}
	return len(b), nil
}

func (w *tailWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return string(w.buf)
}

func truncate(b []byte, n int) string {
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}
