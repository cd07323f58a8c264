package cedarwasm

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// ErrInconclusive marks work the engine could not answer: its process died
// or hung twice, or the engine threw. Such work is never a mismatch.
var ErrInconclusive = errors.New("cedar-wasm: inconclusive")

// Options configure a Pool.
type Options struct {
	// Processes is the most Node.js processes run at once: default, and
	// at most, runtime.NumCPU(). More processes than CPUs only compete
	// for the CPUs (and time out spuriously); callers beyond the limit
	// wait for a free process, which does not count against Timeout.
	Processes int
	// Timeout bounds each call; default 10s. A process that takes longer
	// is killed. The clock starts when the call is written to a process
	// that is ready: starting Node.js and loading the module do not count.
	Timeout time.Duration
	// StartTimeout bounds the start of one process (spawn and module
	// load, until the driver's ready line); default 60s.
	StartTimeout time.Duration
	// Driver, when not empty, is JavaScript run in place of the built-in
	// driver.js. It must speak the same protocol; tests use it to fake
	// engines that crash, hang or start slowly.
	Driver string
}

// Health counts what a pool's supervision saw since it was made.
type Health struct {
	// Work counts the calls of Do, Inconclusive those that ended in
	// ErrInconclusive.
	Work, Inconclusive int
	// Restarts counts the processes replaced after dying, hanging, or
	// failing to start; Timeouts the calls killed for taking longer than
	// Options.Timeout.
	Restarts, Timeouts int
}

// Pool is a supervised set of engine processes, safe for concurrent use.
type Pool struct {
	node, nodeModules string
	driver            string
	timeout           time.Duration
	startTimeout      time.Duration
	slots             chan struct{} // one token per process that may run
	mu                sync.Mutex
	idle              []*process
	closed            bool
	health            Health
}

// NewPool locates Node.js and the npm package and returns a pool. Processes
// start on first use.
func NewPool(opts Options) (*Pool, error) {
	node, nm, err := Locate()
	if err != nil {
		return nil, err
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
	return &Pool{
		node: node, nodeModules: nm, driver: opts.Driver, timeout: opts.Timeout, startTimeout: opts.StartTimeout,
		slots: make(chan struct{}, opts.Processes),
	}, nil
}

// Processes is the most processes the pool runs at once.
func (p *Pool) Processes() int { return cap(p.slots) }

// Close ends every idle process; processes in use end when released.
func (p *Pool) Close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.closed = true
	for _, proc := range p.idle {
		proc.kill()
	}
	p.idle = nil
}

// Restarts reports how many processes were replaced after dying.
func (p *Pool) Restarts() int { return p.Health().Restarts }

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

// Do runs fn with a connection to one engine process. fn may make several
// calls (a preparse followed by authorizations) that all reach the same
// process. If the process dies during fn, fn runs once more on a fresh
// process; if that fails the same way, or the engine throws, Do returns an
// error wrapping ErrInconclusive.
func (p *Pool) Do(ctx context.Context, fn func(*Conn) error) error {
	p.count(func(h *Health) { h.Work++ })
	err := p.do(ctx, fn)
	if errors.Is(err, ErrInconclusive) {
		p.count(func(h *Health) { h.Inconclusive++ })
	}
	return err
}

func (p *Pool) do(ctx context.Context, fn func(*Conn) error) error {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.slots }()

	var lastErr error
	for attempt := 0; attempt < 2; attempt++ {
		proc, err := p.get()
		if err == nil {
			err = fn(&Conn{proc: proc, ctx: ctx, pool: p})
			p.put(proc)
		}
		var thrown *ThrownError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &thrown):
			return fmt.Errorf("%w: %v", ErrInconclusive, err)
		case !errors.Is(err, errDied):
			return err
		}
		lastErr = err
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	return fmt.Errorf("%w: %v (after a restart)", ErrInconclusive, lastErr)
}

func (p *Pool) get() (*process, error) {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil, errors.New("cedar-wasm: pool closed")
	}
	if n := len(p.idle); n > 0 {
		proc := p.idle[n-1]
		p.idle = p.idle[:n-1]
		p.mu.Unlock()
		return proc, nil
	}
	p.mu.Unlock()
	proc, err := startProcess(p.node, p.nodeModules, p.driver, p.startTimeout)
	if errors.Is(err, errDied) {
		p.count(func(h *Health) { h.Restarts++ })
	}
	return proc, err
}

func (p *Pool) put(proc *process) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if proc.dead {
		p.health.Restarts++
		return
	}
	if p.closed {
		proc.kill()
		return
	}
	p.idle = append(p.idle, proc)
}

// Conn is one engine process lent to a call of Pool.Do.
type Conn struct {
	proc *process
	ctx  context.Context
	pool *Pool
}

func (c *Conn) call(op string, body []byte, out any) error {
	ctx, cancel := context.WithTimeout(c.ctx, c.pool.timeout)
	defer cancel()
	raw, err := c.proc.call(ctx, op, body)
	if errors.Is(err, context.DeadlineExceeded) && c.ctx.Err() == nil {
		c.pool.count(func(h *Health) { h.Timeouts++ })
	}
	if err != nil {
		return err
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("cedar-wasm: decoding the %s answer: %w", op, err)
	}
	return nil
}

// Version returns the Cedar version of the engine.
func (c *Conn) Version() (string, error) {
	var v string
	err := c.call("version", nil, &v)
	return v, err
}

// IsAuthorized runs the engine's isAuthorized on the exact call JSON.
func (c *Conn) IsAuthorized(call []byte) (*AuthorizationAnswer, error) {
	var a AuthorizationAnswer
	return &a, c.call("isAuthorized", call, &a)
}

// Preparse parses a policy set JSON ({"staticPolicies":…, "templates":…,
// "templateLinks":…}) once; StatefulIsAuthorized calls then refer to it
// with "preparsedPolicySetId": PreparsedID.
func (c *Conn) Preparse(policySet []byte) (*CheckParseAnswer, error) {
	var a CheckParseAnswer
	return &a, c.call("preparse", policySet, &a)
}

// PreparsedID is the id under which Preparse stores the policy set, and
// the name under which PreparseSchema stores the schema.
const PreparsedID = "current"

// PreparseSchema parses a schema once; StatefulIsAuthorized calls then
// refer to it with "preparsedSchemaName": PreparsedID. The body is a JSON
// string holding Cedar schema text, or a JSON schema object.
func (c *Conn) PreparseSchema(schema []byte) (*CheckParseAnswer, error) {
	var a CheckParseAnswer
	return &a, c.call("preparseSchema", schema, &a)
}

// StatefulIsAuthorized authorizes against the policy set of the last
// Preparse on this connection.
func (c *Conn) StatefulIsAuthorized(call []byte) (*AuthorizationAnswer, error) {
	var a AuthorizationAnswer
	return &a, c.call("stateful", call, &a)
}

// Validate runs the engine's validator on the exact call JSON
// ({"schema":…, "policies":…}).
func (c *Conn) Validate(call []byte) (*ValidationAnswer, error) {
	var a ValidationAnswer
	return &a, c.call("validate", call, &a)
}
