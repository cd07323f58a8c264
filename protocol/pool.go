package protocol

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// ErrInconclusive marks work a server could not answer: its process died,
// hung or broke the protocol twice. Such work is never a mismatch.
var ErrInconclusive = errors.New("inconclusive")

// Options configure a Pool.
type Options struct {
	// Command is the server's program and arguments.
	Command []string
	// Processes is the most server processes run at once: default, and
	// at most, runtime.NumCPU().
	Processes int
	// Timeout bounds each call; default 10s. The clock starts when the
	// request is written to a process that has answered hello.
	Timeout time.Duration
	// StartTimeout bounds a process's start, until its hello answer;
	// default 60s.
	StartTimeout time.Duration
}

// Health counts what a pool's supervision saw since it was made.
type Health struct {
	// Work counts the calls of Call, Inconclusive those that ended in
	// ErrInconclusive.
	Work, Inconclusive int
	// Restarts counts the processes replaced after dying, hanging, or
	// failing to start; Timeouts the calls killed for taking longer than
	// Options.Timeout.
	Restarts, Timeouts int
}

// Pool is a supervised set of server processes, safe for concurrent use.
type Pool struct {
	opts   Options
	hello  Hello
	slots  chan struct{} // one token per process that may run
	mu     sync.Mutex
	idle   []*Process
	closed bool
	health Health
}

// NewPool starts one process and checks its handshake (so that a server
// that cannot start is an error at once, not inconclusive work), and
// returns the pool. Further processes start on demand.
func NewPool(opts Options) (*Pool, error) {
	if len(opts.Command) == 0 {
		return nil, errors.New("no server command")
	}
	if opts.Processes <= 0 || opts.Processes > runtime.NumCPU() {
		opts.Processes = runtime.NumCPU()
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = time.Minute
	}
	first, err := Start(opts.Command, opts.StartTimeout)
	if err != nil {
		return nil, err
	}
	return &Pool{opts: opts, hello: first.Hello(), slots: make(chan struct{}, opts.Processes), idle: []*Process{first}}, nil
}

// Hello is the first process's handshake answer.
func (p *Pool) Hello() Hello { return p.hello }

// Processes is the most processes the pool runs at once.
func (p *Pool) Processes() int { return cap(p.slots) }

// Health returns the pool's counts so far.
func (p *Pool) Health() Health {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.health
}

func (p *Pool) count(f func(*Health)) {
	p.mu.Lock()
	defer p.mu.Unlock()
	f(&p.health)
}

// Close ends every idle process (they are asked to exit by closing their
// input, and killed); processes in use end when released.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	var wg sync.WaitGroup
	for _, proc := range p.idle {
		wg.Go(func() { proc.Stop(time.Second) })
	}
	wg.Wait()
	p.idle = nil
}

// Call sends req to a process and returns its answer. If the process
// dies, hangs past the timeout or breaks the protocol, the request is
// sent once more to a fresh process; a second such failure is an error
// wrapping ErrInconclusive. So is an error answer marked inconclusive
// (the server's own failure), without a retry. Any other answer of
// unsupported or error is an answer, returned as it is.
func (p *Pool) Call(ctx context.Context, req *Request) (*Response, error) {
	p.count(func(h *Health) { h.Work++ })
	resp, err := p.call(ctx, req)
	if err == nil && resp.Error != nil && resp.Error.Inconclusive {
		resp, err = nil, fmt.Errorf("%w: %s", ErrInconclusive, resp.Error.Message)
	}
	if errors.Is(err, ErrInconclusive) {
		p.count(func(h *Health) { h.Inconclusive++ })
	}
	return resp, err
}

func (p *Pool) call(ctx context.Context, req *Request) (*Response, error) {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-p.slots }()
	var lastErr error
	for range 2 {
		proc, err := p.get()
		var resp *Response
		if err == nil {
			resp, err = p.callOn(ctx, proc, req)
			p.put(proc)
		}
		switch {
		case err == nil:
			return resp, nil
		case !errors.Is(err, ErrDied):
			return nil, err
		}
		lastErr = err
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return nil, fmt.Errorf("%w: %v (after a restart)", ErrInconclusive, lastErr)
}

func (p *Pool) callOn(ctx context.Context, proc *Process, req *Request) (*Response, error) {
	cctx, cancel := context.WithTimeout(ctx, p.opts.Timeout)
	defer cancel()
	resp, err := proc.Call(cctx, req)
	if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		p.count(func(h *Health) { h.Timeouts++ })
	}
	return resp, err
}

func (p *Pool) get() (*Process, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errors.New("protocol: pool closed")
	}
	if n := len(p.idle); n > 0 {
		proc := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return proc, nil
	}
	p.mu.Unlock()
	proc, err := Start(p.opts.Command, p.opts.StartTimeout)
	if err != nil {
		p.count(func(h *Health) { h.Restarts++ })
		if !errors.Is(err, ErrDied) {
			err = fmt.Errorf("%w: %v", ErrDied, err)
		}
	}
	return proc, err
}

func (p *Pool) put(proc *Process) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if proc.Dead() {
		p.health.Restarts++
		return
	}
	if p.closed {
		proc.Kill()
		return
	}
	p.idle = append(p.idle, proc)
}
