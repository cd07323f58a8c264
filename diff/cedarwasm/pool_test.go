package cedarwasm

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

func newTestPool(t *testing.T, opts Options) *Pool {
	t.Helper()
	p, err := NewPool(opts)
	if errors.Is(err, ErrNotInstalled) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

const bigIntCall = `{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"v"},"resource":{"type":"R","id":"r"},` +
	`"context":{"n":9223372036854775807},"policies":{"staticPolicies":{"p":"permit(principal,action,resource) when { context.n == 9223372036854775807 };"}},"entities":[]}`

func TestVersionAndExactIntegers(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	err := p.Do(context.Background(), func(c *Conn) error {
		v, err := c.Version()
		if err != nil {
			return err
		}
		if v != "4.13.0" {
			t.Errorf("version %q, want 4.13.0 (package-lock.json pins it)", v)
		}
		a, err := c.IsAuthorized([]byte(bigIntCall))
		if err != nil {
			return err
		}
		if a.Type != "success" || a.Response.Decision != "allow" {
			t.Errorf("i64::MAX in context did not reach Cedar exactly: %+v", a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPreparseAndStateful(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	err := p.Do(context.Background(), func(c *Conn) error {
		if a, err := c.Preparse([]byte(`{"staticPolicies":{"p1":"forbid(principal,action,resource) when { 1 + \"a\" == 2 };","p2":"permit(principal,action,resource);"}}`)); err != nil || a.Type != "success" {
			t.Fatalf("preparse: %v %+v", err, a)
		}
		a, err := c.StatefulIsAuthorized([]byte(`{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"v"},"resource":{"type":"R","id":"r"},"context":{},"preparsedPolicySetId":"` + PreparsedID + `","entities":[]}`))
		if err != nil {
			return err
		}
		d := a.Response.Diagnostics
		if a.Response.Decision != "allow" || len(d.Reason) != 1 || d.Reason[0] != "p2" || len(d.Errors) != 1 || d.Errors[0].PolicyID != "p1" {
			t.Errorf("unexpected answer %+v", a.Response)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFailureAnswerIsNotAnError(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	err := p.Do(context.Background(), func(c *Conn) error {
		a, err := c.IsAuthorized([]byte(`{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"v"},"resource":{"type":"R","id":"r"},"context":{},"policies":{"staticPolicies":"permit(principal,action,resource) when { ! };"},"entities":[]}`))
		if err != nil {
			return err
		}
		if a.Type != "failure" || len(a.Errors) == 0 {
			t.Errorf("want a failure answer for a parse error, got %+v", a)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestThrownIsInconclusiveAndModuleRecovers(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	err := p.Do(context.Background(), func(c *Conn) error {
		_, err := c.IsAuthorized([]byte(`{not json`))
		return err
	})
	if !errors.Is(err, ErrInconclusive) {
		t.Fatalf("got %v, want ErrInconclusive", err)
	}
	if err := p.Do(context.Background(), func(c *Conn) error {
		_, err := c.IsAuthorized([]byte(bigIntCall))
		return err
	}); err != nil {
		t.Fatalf("after a throw the next call failed: %v", err)
	}
}

func TestDeadProcessIsRetriedOnce(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	attempts := 0
	err := p.Do(context.Background(), func(c *Conn) error {
		attempts++
		if attempts == 1 {
			c.proc.kill() // simulate a crash in the middle of the work
		}
		_, err := c.IsAuthorized([]byte(bigIntCall))
		return err
	})
	if err != nil || attempts != 2 {
		t.Fatalf("got err %v after %d attempts; want success on the second", err, attempts)
	}
	err = p.Do(context.Background(), func(c *Conn) error {
		c.proc.kill()
		_, err := c.IsAuthorized([]byte(bigIntCall))
		return err
	})
	if !errors.Is(err, ErrInconclusive) {
		t.Fatalf("dying twice: got %v, want ErrInconclusive", err)
	}
	if p.Restarts() < 3 {
		t.Errorf("restarts = %d, want at least 3", p.Restarts())
	}
}

func TestHangIsKilledByTimeout(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1, Timeout: 300 * time.Millisecond})
	start := time.Now()
	err := p.Do(context.Background(), func(c *Conn) error {
		// A header without its body line: the driver waits for the body,
		// so no answer ever comes.
		if _, err := c.proc.stdin.Write([]byte(`{"id":999,"op":"version"}` + "\n")); err != nil {
			return err
		}
		ctx, cancel := context.WithTimeout(c.ctx, c.pool.timeout)
		defer cancel()
		select {
		case <-c.proc.lines:
			return errors.New("unexpected answer")
		case <-ctx.Done():
			c.proc.kill()
			return errDied
		}
	})
	if !errors.Is(err, ErrInconclusive) {
		t.Fatalf("got %v, want ErrInconclusive after timeouts", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v to give up", d)
	}
}

func TestCallTimesOut(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1, Timeout: time.Nanosecond})
	err := p.Do(context.Background(), func(c *Conn) error {
		_, err := c.Version()
		return err
	})
	if !errors.Is(err, ErrInconclusive) {
		t.Fatalf("got %v, want ErrInconclusive when every call times out", err)
	}
}

func TestConcurrentUse(t *testing.T) {
	p := newTestPool(t, Options{Processes: 2})
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- p.Do(context.Background(), func(c *Conn) error {
				a, err := c.IsAuthorized([]byte(bigIntCall))
				if err == nil && a.Response.Decision != "allow" {
					err = errors.New("wrong decision")
				}
				return err
			})
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}
