package diff

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	current := func() (int, int64) {
		p := debug.SetGCPercent(-1)
		debug.SetGCPercent(p)
		return p, debug.SetMemoryLimit(-1)
	}
	for _, c := range []struct {
		name, gogc, gomemlimit string
		wantPercent            int
		wantLimit              int64
	}{
		{"defaults", "", "", RunGCPercent, RunMemoryLimit},
		{"GOGC set", "100", "", 123, RunMemoryLimit},
		{"GOMEMLIMIT set", "", "1GiB", RunGCPercent, 1 << 40},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("GOGC", c.gogc)
			t.Setenv("GOMEMLIMIT", c.gomemlimit)
			// What the environment would have set, as a value TuneGC
			// could not choose by itself.
			defer debug.SetGCPercent(debug.SetGCPercent(123))
			defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 40))
			restore := TuneGC()
			if p, l := current(); p != c.wantPercent || l != c.wantLimit {
				t.Errorf("after TuneGC: GC percent %d, memory limit %d; want %d, %d", p, l, c.wantPercent, c.wantLimit)
			}
			restore()
			if p, l := current(); p != 123 || l != 1<<40 {
				t.Errorf("after restore: GC percent %d, memory limit %d; want 123, %d", p, l, int64(1<<40))
			}
		})
	}
}
