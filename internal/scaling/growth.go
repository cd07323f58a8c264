package scaling

import (
	"runtime"
	"testing"
	"time"
)

// MaxGrowth is the largest growth accepted for an input 8 times larger:
// well above linear (8) and n log n, well below quadratic (64).
const MaxGrowth = 20

// Growth returns how many times longer read takes on build(8n) than on
// build(n): about 8 for a linear reader, about 64 for a quadratic one. A
// read error fails the test. Under the race detector, which multiplies
// the cost of every read but not its growth, n is a quarter as large, so
// that `go test -race` takes about as long as without it.
func Growth(tb testing.TB, n int, build func(n int) string, read func(src []byte) error) float64 {
	tb.Helper()
	if raceDetector {
		n = max(1, n/4)
	}
	best := func(src []byte) time.Duration {
		var fastest time.Duration
		for i := 0; i < 3; i++ {
			runtime.GC()
			start := cpuTime(tb)
			if err := read(src); err != nil {
				tb.Fatal(err)
			}
			if d := cpuTime(tb) - start; i == 0 || d < fastest {
				fastest = d
			}
		}
		return max(fastest, time.Millisecond)
	}
	small, large := best([]byte(build(n))), best([]byte(build(8*n)))
	tb.Logf("n=%d: %v, 8n: %v", n, small, large)
	return float64(large) / float64(small)
}
