package diff

import (
	"fmt"
	"io"
	"runtime"
	"time"
)

func runtimeCPUs() int { return runtime.NumCPU() }

// sampleLoop records a throughput sample in sum every second until stop
// is closed, then a last one, and redraws the progress line on progress
// (when not nil) at each sample. sum.Throughput is only touched here
// until the loop returns.
func sampleLoop(sum *Summary, rc *runCounters, progress io.Writer, stop <-chan struct{}) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var last Sample
	take := func() {
		now := time.Since(sum.Start).Seconds()
		cur := Sample{Seconds: now, Tests: rc.tests.Load(), Requests: rc.compared.Load(), Failed: rc.failed.Load()}
		if dt := now - last.Seconds; dt > 0 {
			cur.TestsPerSecond = float64(cur.Tests-last.Tests) / dt
			cur.RequestsPerSecond = float64(cur.Requests-last.Requests) / dt
		}
		sum.Throughput = append(sum.Throughput, cur)
		last = cur
		if progress != nil {
			fmt.Fprintf(progress, "\r\033[K%5.0fs  %d tests (%.0f/s)  %d requests compared (%.0f/s)  %d failed  %d mismatches  %d inconclusive",
				now, cur.Tests, cur.TestsPerSecond, cur.Requests, cur.RequestsPerSecond, cur.Failed, rc.mismatches.Load(), rc.inconclusive.Load())
		}
	}
	for {
		select {
		case <-tick.C:
			take()
		case <-stop:
			// A last sample, unless the last one is too recent for its
			// rates to mean anything.
			if len(sum.Throughput) == 0 || time.Since(sum.Start).Seconds()-last.Seconds >= 0.5 {
				take()
			}
			if progress != nil {
				fmt.Fprintln(progress)
			}
			return
		}
	}
}
