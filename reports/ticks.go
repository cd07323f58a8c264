package reports

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// niceTicks returns about n evenly spaced round values (1, 2 or 5 times a
// power of ten apart) from 0 or below lo up to hi or above, and the top of
// the axis. An empty or degenerate range gives the ticks of [0, 1].
func niceTicks(lo, hi float64, n int) (ticks []float64, top float64) {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		lo, hi = 0, 1
	}
	lo = min(lo, 0)
	if hi <= lo {
		hi = lo + 1
	}
	n = max(n, 1)
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	start := math.Floor(lo/step) * step
	for v := start; v < hi+step/2 && len(ticks) < 4*n+2; v += step {
		ticks = append(ticks, roundToStep(v, step))
	}
	top = ticks[len(ticks)-1]
	if top < hi {
		top = roundToStep(top+step, step)
		ticks = append(ticks, top)
	}
	return ticks, top
}

// roundToStep rounds v to the decimal precision of step, so that
// 3 × 0.1 is 0.3 and not 0.30000000000000004.
func roundToStep(v, step float64) float64 {
	digits := max(0, int(-math.Floor(math.Log10(step))))
	r, err := strconv.ParseFloat(strconv.FormatFloat(v, 'f', digits, 64), 64)
	if err != nil {
		return v
	}
	return r
}

// formatNumber writes a count or rate compactly: 950, 1.2k, 3.4M; values
// below 10 keep one decimal.
func formatNumber(v float64) string {
	a := math.Abs(v)
	switch {
	case !finite(v):
		return "n/a"
	case a >= 1e9:
		return trimZero(fmt.Sprintf("%.1f", v/1e9)) + "G"
	case a >= 1e6:
		return trimZero(fmt.Sprintf("%.1f", v/1e6)) + "M"
	case a >= 1e4:
		return trimZero(fmt.Sprintf("%.1f", v/1e3)) + "k"
	case a >= 10 || v == math.Trunc(v):
		return fmt.Sprintf("%.0f", v)
	}
	return trimZero(fmt.Sprintf("%.1f", v))
}

func trimZero(s string) string { return strings.TrimSuffix(s, ".0") }
