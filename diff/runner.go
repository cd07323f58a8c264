package diff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Defaults of a Config.
const (
	DefaultDuration    = 60 * time.Second
	DefaultTimeout     = 5 * time.Second
	DefaultMaxFindings = 1000
	// findingsPerSignature is how many findings of one signature a
	// summary keeps; the rest are only counted.
	findingsPerSignature = 10
)

// Config describes a differential run, and is also what checks one test
// (see Check): every test is derived from (Seed, index) alone, so a test
// found by a run is rerun by a Config with the same Seed, Target and
// Impls.
type Config struct {
	// Target is what is checked; TargetAll cycles through the others by
	// index.
	Target Target
	// Impls are the implementations compared. Each is compared with the
	// first that answers (the reference); put the model first. One
	// implementation is allowed: then only the properties are checked.
	Impls []Implementation
	// supervised names the Supervised ones among Impls (set by Run).
	supervised map[string]bool
	// Seed seeds the run.
	Seed int64

	// Count is the number of tests to run (in this shard); 0 means run
	// for Duration.
	Count uint64
	// Duration bounds the run when Count is 0 (default DefaultDuration).
	Duration time.Duration
	// Jobs is the number of tests checked at once (default the number of
	// CPUs), at most the Processes of a Supervised implementation.
	Jobs int
	// Shard and Shards select the slice of the index space this run
	// covers: the indexes i with i mod Shards == Shard, in increasing
	// order. Shards 0 means 1 (every index).
	Shard, Shards uint64
	// Timeout bounds the time one test may take (default DefaultTimeout).
	Timeout time.Duration
	// Settings are the generator settings; the mode is set per target.
	// Nil means generators.DefaultSettings().
	Settings *generators.Settings
	// MaxFindings bounds the findings a Summary keeps (at most 10 per
	// signature); all are counted. Default DefaultMaxFindings.
	MaxFindings int
	// MaxInconclusive is the largest share (0 to 1) of the tests sent to
	// a Supervised implementation that may be inconclusive; a run above
	// it fails (Summary.OK). 0 means DefaultMaxInconclusive; a negative
	// value allows none.
	MaxInconclusive float64
	// ScheduleOracles has Run ask the Supervised implementations (the
	// official engine, about 30 times slower per test than the model and
	// the engine together) not on every authorization test but on those
	// that bring something new to the run, those where the others
	// disagree, and a share OracleShare (0 to 1) of the rest, sampled
	// from (seed, index); see oracleSchedule. The other implementations,
	// and the validation and parse targets, whose only judge the oracle
	// is, see every test. It has no effect unless two implementations
	// that are not Supervised are compared (otherwise a test left out
	// would compare nothing). Check and CheckTest (repro, shrinking)
	// always ask every implementation.
	ScheduleOracles bool
	OracleShare     float64
	// StopAfter, when positive, ends the run once that many findings
	// that fail it (known differences do not count) have been recorded:
	// the tests under way finish, and Summary.StoppedAfter says why the
	// run ended early. A run looking for the first sign of a bug (make
	// mutants) needs no more.
	StopAfter int

	// Progress, when not nil, gets a progress line every second, redrawn
	// in place (meant for a terminal).
	Progress io.Writer
	// OnFinding, when not nil, is called with each finding as it is found
	// (from one goroutine at a time).
	OnFinding func(*Finding)

	schedule *oracleSchedule // set by Run when ScheduleOracles
}

func (c *Config) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return DefaultTimeout
}

func (c *Config) maxInconclusive() float64 {
	switch {
	case c.MaxInconclusive < 0:
		return 0
	case c.MaxInconclusive == 0:
		return DefaultMaxInconclusive
	}
	return c.MaxInconclusive
}

func (c *Config) settings() generators.Settings {
	if c.Settings != nil {
		return *c.Settings
	}
	return generators.DefaultSettings()
}

// index returns the k-th index of the run's shard.
func (c *Config) index(k uint64) uint64 {
	shards := max(c.Shards, 1)
	return c.Shard + k*shards
}

// validate checks the configuration.
func (c *Config) validate() error {
	if len(c.Impls) == 0 {
		return errors.New("no implementation to run")
	}
	if _, err := ParseTarget(string(c.Target)); err != nil {
		return err
	}
	if !(c.OracleShare >= 0 && c.OracleShare <= 1) {
		return fmt.Errorf("oracle share %v: want a share from 0 to 1", c.OracleShare)
	}
	if c.Shards > 0 && c.Shard >= c.Shards {
		return fmt.Errorf("shard %d of %d: the shard must be below the number of shards", c.Shard, c.Shards)
	}
	return nil
}

// Run generates and checks tests until Count tests have run, Duration has
// passed, or ctx is cancelled (then the tests under way finish, and the
// summary says the run was interrupted). The error is only for a bad
// Config: findings are in the Summary.
func Run(ctx context.Context, c Config) (*Summary, error) {
	if err := c.validate(); err != nil {
		return nil, err
	}
	c.supervised = supervisedNames(c.Impls)
	jobs := c.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	if limit := processLimit(c.Impls); limit > 0 {
		jobs = min(jobs, limit) // see Supervised
	}
	warmUp(ctx, c.Impls, jobs, max(c.timeout(), warmUpTimeout))
	healthBefore := healthOf(c.Impls) // warm-up is not part of the run
	if c.ScheduleOracles && unsupervised(c.Impls) >= 2 {
		// With only the reference besides the oracles, a test not sent
		// to them would compare nothing: they see every test.
		c.schedule = newOracleSchedule(c.Seed, c.OracleShare)
	}
	sum := newSummary(&c, jobs)
	runCtx, stopEarly := context.WithCancel(ctx)
	defer stopEarly()
	if c.Count == 0 {
		d := c.Duration
		if d <= 0 {
			d = DefaultDuration
		}
		var cancel context.CancelFunc
		runCtx, cancel = context.WithTimeout(runCtx, d)
		defer cancel()
	}

	var (
		next     atomic.Uint64
		mu       sync.Mutex // guards sum
		counters runCounters
		// A test's statistics are counted outside the lock, in one of
		// jobs collectors (commutative counts, merged when the run ends).
		collectors = make(chan *generators.Stats, jobs)
	)
	for range jobs {
		collectors <- generators.NewStats()
	}
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		sampleLoop(sum, &counters, c.Progress, stop)
	}()

	rarity := generators.NewRarity()
	record := func(res *TestResult) {
		counters.add(res)
		var hits []string
		sampled := res.Test != nil && raritySampled(res.Index)
		if sampled {
			hits = generators.RarityHits(res.Test) // outside the lock: it only reads the test
		}
		if res.Test != nil {
			stats := <-collectors
			stats.Add(res.Test)
			collectors <- stats
		}
		mu.Lock()
		if sampled {
			rarity.AddHits(hits, res.Target.authorizes())
		}
		sum.add(res, c.OnFinding)
		if c.StopAfter > 0 && sum.FindingsTotal >= c.StopAfter && sum.StoppedAfter == 0 {
			sum.StoppedAfter = c.StopAfter
			stopEarly()
		}
		mu.Unlock()
	}
	wd := newWatchdog(&c, record)
	for range jobs {
		wd.start(func(slot *workerSlot) {
			for runCtx.Err() == nil {
				k := next.Add(1) - 1
				if c.Count > 0 && k >= c.Count {
					return
				}
				res, ok := slot.check(&c, c.index(k))
				if !ok {
					return // abandoned: the watchdog recorded it and started a replacement
				}
				record(res)
			}
		})
	}
	wd.wait()
	close(stop)
	<-sampled
	sum.Oracles = healthSince(healthBefore, c.Impls)
	sum.Rarity, sum.RaritySampleEvery = rarity, RaritySampleEvery
	stats := generators.NewStats()
	for range jobs {
		stats.Merge(<-collectors)
	}
	sum.finish(stats, ctx.Err() != nil)
	return sum, nil
}

// runCounters are the live counts the progress line and the throughput
// samples read.
type runCounters struct {
	tests, requests, compared, failed, mismatches, inconclusive atomic.Int64
}

func (rc *runCounters) add(res *TestResult) {
	rc.tests.Add(1)
	rc.requests.Add(int64(res.Requests))
	rc.compared.Add(int64(res.Compared))
	if res.Failed() {
		rc.failed.Add(1)
	}
	n := 0
	for _, f := range res.Findings {
		if f.Kind == KindMismatch || f.Kind == KindValidation {
			n++
		}
	}
	rc.mismatches.Add(int64(n))
	rc.inconclusive.Add(int64(len(res.Inconclusive)))
}

// warmUpTimeout bounds the warm-up of the implementations.
const warmUpTimeout = time.Minute

// warmUp has every implementation authorize an empty input from jobs
// goroutines at once, before the clock starts, so that start-up work (the
// official engine's Node.js processes) neither counts against the first
// tests' timeout nor their throughput. Errors are left for the tests to
// find; warm-up gives up after timeout, or as soon as ctx is done (an
// interrupt must not wait for Node.js processes to start).
func warmUp(ctx context.Context, impls []Implementation, jobs int, timeout time.Duration) {
	empty := &Input{Name: "warm-up", Policies: &syntax.PolicySet{}}
	done := make(chan struct{})
	go func() {
		defer close(done)
		var wg sync.WaitGroup
		for _, impl := range impls {
			for range jobs {
				wg.Go(func() { Guard(impl).Authorize(empty, nil) })
			}
		}
		wg.Wait()
	}()
	select {
	case <-done:
	case <-ctx.Done():
	case <-time.After(timeout):
	}
}
