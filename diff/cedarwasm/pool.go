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
	// Processes is the most Node.js processes run at once; default
	// runtime.NumCPU().
	Processes int
	// Timeout bounds each call; default 10s. A process that takes longer
	// is killed.
	Timeout time.Duration
}

// Pool is a supervised set of engine processes, safe for concurrent use.
type Pool struct {
	node, nodeModules string
	timeout           time.Duration
	slots             chan struct{} // one token per process that may run
	mu                sync.Mutex
	idle              []*process
	closed            bool
	restarts          int
}

// NewPool locates Node.js and the npm package and returns a pool. Processes
// start on first use.
func NewPool(opts Options) (*Pool, error) {
	node, nm, err := Locate()
	if err != nil {
		return nil, err
	}
	if opts.Processes <= 0 {
		opts.Processes = runtime.NumCPU()
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	return &Pool{node: node, nodeModules: nm, timeout: opts.Timeout, slots: make(chan struct{}, opts.Processes)}, nil
}

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
func (p *Pool) Restarts() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.restarts
}

// Do runs fn with a connection to one engine process. fn may make several
// calls (a preparse followed by authorizations) that all reach the same
// process. If the process dies during fn, fn runs once more on a fresh
// process; if that fails the same way, or the engine throws, Do returns an
// error wrapping ErrInconclusive.
func (p *Pool) Do(ctx context.Context, fn func(*Conn) error) error {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-p.slots }()

	var lastErr error
	for attempt := 0; attempt < 2; attempt++ {
		proc, err := p.get()
		if err != nil {
			return err
		}
		err = fn(&Conn{proc: proc, ctx: ctx, timeout: p.timeout})
		p.put(proc)
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
	return startProcess(p.node, p.nodeModules)
}

func (p *Pool) put(proc *process) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if proc.dead {
		p.restarts++
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
	proc    *process
	ctx     context.Context
	timeout time.Duration
}

func (c *Conn) call(op string, body []byte, out any) error {
	ctx, cancel := context.WithTimeout(c.ctx, c.timeout)
	defer cancel()
	raw, err := c.proc.call(ctx, op, body)
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
