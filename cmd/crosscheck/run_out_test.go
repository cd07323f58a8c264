package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentDefaultOut starts runs in the same second without --out:
// each must get a directory of its own.
func TestConcurrentDefaultOut(t *testing.T) {
	t.Chdir(t.TempDir())
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	const n = 8
	dirs := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			dir, release, err := claimOut("", false, now)
			if err != nil {
				t.Error(err)
				return
			}
			defer release()
			dirs[i] = dir
		})
	}
	wg.Wait()
	slices.Sort(dirs)
	want := []string{filepath.Join(defaultOutRoot, "20260102-030405")}
	for i := 2; i <= n; i++ {
		want = append(want, filepath.Join(defaultOutRoot, "20260102-030405-"+string(rune('0'+i))))
	}
	slices.Sort(want)
	if !slices.Equal(dirs, want) {
		t.Errorf("directories %v, want %v", dirs, want)
	}
}

// TestConcurrentExplicitOut has runs claim the same --out at once: one
// gets it, the others are told it is in use; once that run has written
// its summary, the directory is refused without --overwrite.
func TestConcurrentExplicitOut(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out")
	const n = 8
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		won      int
		releases []func()
	)
	for range n {
		wg.Go(func() {
			_, release, err := claimOut(dir, false, time.Now())
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				won++
				releases = append(releases, release)
			case !strings.Contains(err.Error(), "is in use by another run"):
				t.Errorf("unexpected error: %v", err)
			}
		})
	}
	wg.Wait()
	if won != 1 {
		t.Fatalf("%d runs got %s, want 1", won, dir)
	}
	os.WriteFile(filepath.Join(dir, "summary.json"), []byte("{}"), 0o644)
	releases[0]()
	if _, err := os.Stat(filepath.Join(dir, outLock)); !os.IsNotExist(err) {
		t.Errorf("the lock is still there after release: %v", err)
	}
	if _, _, err := claimOut(dir, false, time.Now()); err == nil || !strings.Contains(err.Error(), "already holds a run's summary.json") {
		t.Errorf("a finished run's directory: error %v", err)
	}
	got, release, err := claimOut(dir, true, time.Now())
	if err != nil || got != dir {
		t.Fatalf("--overwrite: %q, %v", got, err)
	}
	release()
}

// TestRunTwiceSameOut is the command-line view: the second run into one
// --out fails at once, before running, and leaves the first's summary.
func TestRunTwiceSameOut(t *testing.T) {
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "run", "--count", "2", "--seed", "1", "--out", out); code != exitOK {
		t.Fatalf("first run: exit %d: %s", code, stderr)
	}
	first, _ := os.ReadFile(filepath.Join(out, "summary.json"))
	code, stdout, stderr := runCLI(t, "run", "--count", "2", "--seed", "2", "--out", out)
	if code != exitUsage || stdout != "" || !strings.Contains(stderr, "--overwrite") {
		t.Errorf("second run: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if again, _ := os.ReadFile(filepath.Join(out, "summary.json")); string(again) != string(first) {
		t.Error("the refused run changed the first run's summary")
	}
}
