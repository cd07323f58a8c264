package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// defaultOutRoot holds the output directories of runs without --out, one
// per run: <root>/<UTC timestamp>, with -2, -3, ... when runs start in
// the same second.
const defaultOutRoot = "crosscheck-out"

// outLock marks an output directory as in use by a run, from before the
// run starts until it ends. Creating it is also the check that the
// directory can be written.
const outLock = ".crosscheck-run.lock"

// claimOut makes ready the output directory of a run before the run
// starts, so that a directory that cannot be written is an error at once
// rather than after the run. With dir "", it creates a fresh directory
// under defaultOutRoot named after now; os.Mkdir fails when another run
// took the name, and the next suffix is tried. Otherwise it creates dir
// if needed and refuses it when another run holds its lock or it already
// holds a summary.json, unless overwrite. It returns the directory and a
// function that removes the lock.
func claimOut(dir string, overwrite bool, now time.Time) (string, func(), error) {
	return claimOutFor(dir, overwrite, now, diff.SummaryFile, "a run's")
}

// claimOutFor is claimOut for a command whose result is the file marker
// (whose is "a run's", "a conformance report's"...).
func claimOutFor(dir string, overwrite bool, now time.Time, marker, whose string) (string, func(), error) {
	if dir == "" {
		fresh, err := freshDir(filepath.Join(defaultOutRoot, now.UTC().Format("20060102-150405")))
		if err != nil {
			return "", nil, fmt.Errorf("cannot create the output directory: %w", err)
		}
		dir = fresh
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", nil, fmt.Errorf("--out: cannot create %s: %w", dir, err)
	}
	lock := filepath.Join(dir, outLock)
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if overwrite {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(lock, flags, 0o644)
	switch {
	case errors.Is(err, fs.ErrExist):
		return "", nil, fmt.Errorf("--out: %s is in use by another run (%s exists: delete it if no run is writing there, or pass --overwrite)", dir, lock)
	case err != nil:
		return "", nil, fmt.Errorf("--out: cannot write to %s: %w", dir, err)
	}
	_, werr := fmt.Fprintf(f, "%d\n", os.Getpid())
	if err := errors.Join(werr, f.Close()); err != nil {
		os.Remove(lock)
		return "", nil, fmt.Errorf("--out: cannot write to %s: %w", dir, err)
	}
	release := func() { os.Remove(lock) }
	if _, err := os.Stat(filepath.Join(dir, marker)); err == nil && !overwrite {
		release()
		return "", nil, fmt.Errorf("--out: %s already holds %s %s (pass --overwrite to replace it, or choose another directory)", dir, whose, marker)
	}
	return dir, release, nil
}

// freshDir creates the directory base, or base-2, base-3, ... when base
// exists, and returns the one it created.
func freshDir(base string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(base), 0o755); err != nil {
		return "", err
	}
	for n := 1; n <= 1000; n++ {
		dir := base
		if n > 1 {
			dir = fmt.Sprintf("%s-%d", base, n)
		}
		err := os.Mkdir(dir, 0o755)
		if err == nil {
			return dir, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", err
		}
	}
	return "", fmt.Errorf("%s and its 999 suffixed siblings exist", base)
}
