//go:build !unix

package scaling

import (
	"testing"
	"time"
)

var start = time.Now()

// cpuTime falls back to the wall clock where the process's CPU time is
// not available.
func cpuTime(testing.TB) time.Duration { return time.Since(start) }
