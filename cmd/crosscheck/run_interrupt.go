package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// The stages of a run that an interrupt stops, in order.
const (
	stageRun      = iota // generating and checking tests
	stageMinimize        // minimizing the findings
	stageCount
)

// stopper turns successive interrupts (Ctrl-C, SIGTERM) into the stop of
// successive stages of a run: the first interrupt stops the stage under
// way, the next one the stage after it, and so on; a stage that finished
// is skipped. Each interrupt prints what is still to be done. When no
// stage is left to stop, release is called: it restores the signals'
// default action, so a further interrupt ends the process at once (the
// files are written atomically, so none is left half written).
type stopper struct {
	mu      sync.Mutex
	w       io.Writer
	stages  [stageCount]stopStage
	next    int // the first stage neither stopped nor finished
	ended   [stageCount]bool
	release func()
}

type stopStage struct {
	ctx    context.Context
	cancel context.CancelFunc
	// pending says, when the stage is stopped, what is left to do.
	pending func() string
}

// newStopper returns a stopper whose stages' contexts derive from
// parent; release (which may be nil) is called once no stage is left.
func newStopper(parent context.Context, w io.Writer, release func()) *stopper {
	s := &stopper{w: w, release: release}
	for i := range s.stages {
		s.stages[i].ctx, s.stages[i].cancel = context.WithCancel(parent)
		s.stages[i].pending = func() string { return "interrupted" }
	}
	return s
}

// ctx is the context of stage i: it is done when an interrupt stops the
// stage.
func (s *stopper) ctx(i int) context.Context { return s.stages[i].ctx }

// say sets what an interrupt of stage i prints; pending is called when
// the interrupt arrives, from another goroutine.
func (s *stopper) say(i int, pending func() string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stages[i].pending = pending
}

// current returns the stage the next interrupt stops (stageCount when
// none is left).
func (s *stopper) current() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.next
}

// finish records that stage i returned, stopped or not: later
// interrupts go to the stages after it.
func (s *stopper) finish(i int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ended[i] = true
	if s.next <= i {
		s.next = i + 1
		s.releaseIfDone()
	}
}

// over reports whether stage i returned (finish was called).
func (s *stopper) over(i int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ended[i]
}

// interrupt stops the current stage and prints what is left to do.
func (s *stopper) interrupt() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.next >= stageCount {
		return
	}
	st := &s.stages[s.next]
	st.cancel()
	fmt.Fprintln(s.w, "\n"+st.pending())
	s.next++
	s.releaseIfDone()
}

func (s *stopper) releaseIfDone() {
	if s.next >= stageCount && s.release != nil {
		s.release()
		s.release = nil
	}
}

// stop cancels every stage's context; call it when the run is over.
func (s *stopper) stop() {
	for i := range s.stages {
		s.stages[i].cancel()
	}
}

// notifyStopper returns a stopper fed by the process's interrupt and
// termination signals, and a function to call when the run is over.
func notifyStopper(parent context.Context, w io.Writer) (*stopper, func()) {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, os.Interrupt, syscall.SIGTERM)
	var once sync.Once
	unnotify := func() { once.Do(func() { signal.Stop(ch) }) }
	s := newStopper(parent, w, unnotify)
	over := make(chan struct{})
	go func() {
		for {
			select {
			case <-ch:
				s.interrupt()
			case <-over:
				return
			}
		}
	}()
	return s, func() {
		unnotify()
		close(over)
		s.stop()
	}
}
