package diff

import (
	"sync"
	"sync/atomic"
	"time"
)

// watchdog runs a differential run's workers and abandons the tests that
// take longer than the timeout.
//
// Each worker checks tests on its own goroutine, one at a time, and
// publishes the test under way in its slot. The watchdog looks at every
// slot a few times per timeout. A test that has taken too long is marked
// abandoned (whoever marks a test first, the worker finishing it or the
// watchdog abandoning it, decides its fate); the watchdog then records a
// timeout finding and starts a replacement worker in the slot. The stuck
// goroutine cannot be stopped: when it returns at last it sees the mark
// and exits without recording anything.
//
// A test whose current stage is a call into a Supervised implementation is
// timed by that implementation's supervisor instead: its call timeout
// starts when the call reaches a ready process (so starting or restarting
// a process never counts), and a call that hangs comes back inconclusive.
// The watchdog keeps only a backstop for such stages, supervisedBackstop.
type watchdog struct {
	c          *Config
	record     func(*TestResult)
	supervised map[string]bool // names of the Supervised implementations

	wg    sync.WaitGroup // the live workers, not the abandoned ones
	mu    sync.Mutex
	slots []*workerSlot
	stop  chan struct{}
	done  chan struct{}
}

// workerSlot is one worker's place: the test it is checking.
type workerSlot struct {
	cur  atomic.Pointer[inflight]
	work func(*workerSlot)
}

// inflight is a test being checked.
type inflight struct {
	target  Target
	index   uint64
	started time.Time
	st      *tracker
	state   atomic.Int32 // running, done or abandoned
}

const (
	running int32 = iota
	finished
	abandonedState
)

func newWatchdog(c *Config, record func(*TestResult)) *watchdog {
	w := &watchdog{c: c, record: record, supervised: supervisedNames(c.Impls), stop: make(chan struct{}), done: make(chan struct{})}
	go w.watch()
	return w
}

// start runs work on a new worker goroutine with a slot of its own.
func (w *watchdog) start(work func(*workerSlot)) {
	slot := &workerSlot{work: work}
	w.mu.Lock()
	w.slots = append(w.slots, slot)
	w.mu.Unlock()
	w.launch(slot)
}

func (w *watchdog) launch(slot *workerSlot) {
	w.wg.Add(1)
	go func() {
		abandoned := false
		defer func() {
			if !abandoned {
				w.wg.Done()
			}
		}()
		slot.work(slot)
		// Only the watchdog abandons, and it never touches slot.cur.
		if fl := slot.cur.Load(); fl != nil && fl.state.Load() == abandonedState {
			abandoned = true
		}
	}()
}

// check checks one test in the slot. It returns false when the watchdog
// abandoned the test meanwhile: the worker must then exit.
func (slot *workerSlot) check(c *Config, index uint64) (*TestResult, bool) {
	target := c.Target.At(index)
	st := newTracker()
	st.supervised = c.supervised
	fl := &inflight{target: target, index: index, started: time.Now(), st: st}
	slot.cur.Store(fl)
	res := c.check(target, index, fl.st)
	if !fl.state.CompareAndSwap(running, finished) {
		abandoned.Add(-1)
		return nil, false
	}
	return res, true
}

// watch looks at the slots until wait is called.
func (w *watchdog) watch() {
	defer close(w.done)
	timeout := w.c.timeout()
	tick := time.NewTicker(max(timeout/8, time.Millisecond))
	defer tick.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-tick.C:
		}
		w.mu.Lock()
		slots := append([]*workerSlot(nil), w.slots...)
		w.mu.Unlock()
		for _, slot := range slots {
			fl := slot.cur.Load()
			if fl == nil {
				continue
			}
			elapsed, limit := w.elapsed(fl, timeout)
			if elapsed < limit || !fl.state.CompareAndSwap(running, abandonedState) {
				continue
			}
			abandoned.Add(1)
			w.record(w.c.timeoutResult(fl.target, fl.index, fl.st, limit))
			// A fresh slot replaces the stuck one, which keeps its
			// abandoned inflight (so its goroutine knows, when it
			// returns, that it has left the WaitGroup already).
			fresh := &workerSlot{work: slot.work}
			w.mu.Lock()
			for i, s := range w.slots {
				if s == slot {
					w.slots[i] = fresh
				}
			}
			w.mu.Unlock()
			w.launch(fresh)
			w.wg.Done()
		}
	}
}

// supervisedBackstop is how much longer than the timeout the watchdog
// waits for a test inside a Supervised implementation: room for two
// process starts (a restart and its retry) and two calls.
func supervisedBackstop(timeout time.Duration) time.Duration {
	return 4*timeout + 2*time.Minute
}

// elapsed is how long the test in flight has run by the watchdog's
// clock, and how long it may run. Inside a supervised implementation's
// stage that is the whole time against the backstop; elsewhere it leaves
// out the time spent in supervised stages, which their supervisors time.
func (w *watchdog) elapsed(fl *inflight, timeout time.Duration) (elapsed, limit time.Duration) {
	if s := fl.st.stage.Load(); s != nil && w.supervised[s.impl] {
		return time.Since(fl.started), supervisedBackstop(timeout)
	}
	return time.Since(fl.started) - time.Duration(fl.st.excluded.Load()), timeout
}

// supervisedNames are the names of the implementations that time their
// own calls (see Supervised).
func supervisedNames(impls []Implementation) map[string]bool {
	names := map[string]bool{}
	for _, impl := range impls {
		inner := impl
		if g, ok := impl.(guarded); ok {
			inner = g.impl
		}
		if _, ok := inner.(Supervised); ok {
			names[impl.Name()] = true
		}
	}
	return names
}

// wait waits for the live workers to return and stops watching.
func (w *watchdog) wait() {
	w.wg.Wait()
	close(w.stop)
	<-w.done
}
