package main

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/reports"
)

// conformanceSession is one `crosscheck conformance`: the implementation
// under test, the reference, and the checks gathered so far.
type conformanceSession struct {
	impl, ref   diff.Implementation
	implName    string
	seed        int64
	jobs        int
	testTimeout time.Duration
	configs     map[diff.Target]*diff.Config

	checks     []*conformanceCheck
	loadErrors []string
}

// corpusSource replays every test at path (a directory or an archive);
// knownRoot is as in checkCorpusTest. It returns the number of tests.
func (s *conformanceSession) corpusSource(name, path, knownRoot string) (int, error) {
	var mu sync.Mutex
	var results [][]*conformanceCheck
	work := make(chan func(), s.jobs)
	var wg sync.WaitGroup
	for range s.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for w := range work {
				w()
			}
		}()
	}
	tests := 0
	err := corpus.Walk(path, func(t *corpus.Test, err error) error {
		if err != nil {
			mu.Lock()
			s.loadErrors = append(s.loadErrors, err.Error())
			mu.Unlock()
			return nil
		}
		slot := tests
		tests++
		mu.Lock()
		results = append(results, nil)
		mu.Unlock()
		work <- func() {
			cs := s.checkCorpusTest(name, knownRoot, t)
			mu.Lock()
			results[slot] = cs
			mu.Unlock()
		}
		return nil
	})
	close(work)
	wg.Wait()
	for _, cs := range results {
		s.checks = append(s.checks, cs...)
	}
	return tests, err
}

// generated checks count generated tests, jobs at a time.
func (s *conformanceSession) generated(count uint64) {
	results := make([][]*conformanceCheck, count)
	next := make(chan uint64)
	var wg sync.WaitGroup
	for range s.jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i] = s.checkGenerated(i)
			}
		}()
	}
	for i := range count {
		next <- i
	}
	close(next)
	wg.Wait()
	for _, cs := range results {
		s.checks = append(s.checks, cs...)
	}
}

// maxListedFailures bounds the failures (and known differences) the
// report lists one by one; the counts are always complete.
const maxListedFailures = 200

// report adds up the checks into c, minimizing the first failure of
// each signature (in the order found) while m's budget lasts.
func (s *conformanceSession) report(c *reports.Conformance, m *minimizer, progress func(string)) {
	tally := reports.NewTally()
	firstOf := map[string]int{} // signature -> failure number (1-based)
	for _, ch := range s.checks {
		tally.Add(ch.areas, ch.outcome, ch.feature)
		f := reports.ConformanceFailure{
			Source: ch.source, Test: ch.test, Check: ch.check, Areas: ch.areas, Signature: ch.signature,
			Detail: ch.detail, Replay: ch.replay, Repro: ch.repro, KnownCase: ch.knownCase,
		}
		if f.Repro == f.Replay {
			f.Repro = ""
		}
		switch ch.outcome {
		case reports.OutcomeKnown:
			if len(c.Known) < maxListedFailures {
				c.Known = append(c.Known, f)
			}
			continue
		case reports.OutcomeFailed:
		default:
			continue
		}
		if len(c.Failures) >= maxListedFailures {
			c.FailuresNotListed++
			continue
		}
		switch n, seen := firstOf[ch.signature]; {
		case seen:
			f.MinimizeNote = fmt.Sprintf("same signature as failure %d, minimized there", n)
		case ch.minimize == nil && ch.save != nil:
			f.MinimizeNote = "the input is saved as it was"
		case ch.minimize == nil:
			f.MinimizeNote = "no shrinker for this kind of failure"
		case m.spent():
			f.MinimizeNote = "the minimization budget (--shrink-total) was spent"
		default:
			firstOf[ch.signature] = len(c.Failures) + 1
			progress(fmt.Sprintf("minimizing failure %d (%s: %s)", len(c.Failures)+1, ch.test, ch.check))
			f.Minimized, f.MinimizeNote = ch.minimize(m)
			if f.Minimized != "" {
				f.Replay = fmt.Sprintf("crosscheck replay --impl %s %s", diff.ShellQuote(s.implName), diff.ShellQuote(filepath.ToSlash(f.Minimized)))
			}
		}
		if f.Minimized == "" && ch.save != nil {
			if replay, err := ch.save(m); err != nil {
				f.MinimizeNote += fmt.Sprintf("; saving the test failed: %v", err)
			} else {
				f.Replay = replay
			}
		}
		if f.Replay == "" {
			f.Replay = "(no replay command: the test was not minimized, see the note)"
		}
		c.Failures = append(c.Failures, f)
	}
	tally.Fill(c)
	c.LoadErrors = s.loadErrors
}
