package input

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// zeros is an endless reader, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "small.cedar")
	if err := os.WriteFile(small, []byte("permit(principal, action, resource);"), 0o644); err != nil {
		t.Fatal(err)
	}
	empty := filepath.Join(dir, "empty.json")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// A sparse file one byte over the limit: refused by its size alone.
	huge := filepath.Join(dir, "huge.json")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	atLimit := filepath.Join(dir, "at-limit.json")
	if err := os.WriteFile(atLimit, make([]byte, MaxFileSize), 0o644); err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		path    string
		size    int
		wantErr error
		want    string // substring of the error
	}{
		{path: small, size: 36},
		{path: empty, size: 0},
		{path: atLimit, size: MaxFileSize},
		{path: huge, wantErr: ErrTooLarge, want: "huge.json: input too large: larger than 64 MiB"},
		{path: dir, wantErr: ErrNotFile, want: ": is a directory, not a regular file"},
		{path: "/dev/zero", wantErr: ErrNotFile, want: "/dev/zero: is a device, not a regular file"},
		{path: filepath.Join(dir, "missing"), wantErr: os.ErrNotExist, want: "missing"},
	}
	for _, c := range cases {
		t.Run(filepath.Base(c.path), func(t *testing.T) {
			if c.path == "/dev/zero" {
				if _, err := os.Stat(c.path); err != nil {
					t.Skip("no /dev/zero here")
				}
			}
			data, err := ReadFile(c.path)
			if c.wantErr == nil {
				if err != nil || len(data) != c.size {
					t.Fatalf("ReadFile = %d bytes, %v; want %d bytes", len(data), err, c.size)
				}
				return
			}
			if !errors.Is(err, c.wantErr) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ReadFile error %v; want %v containing %q", err, c.wantErr, c.want)
			}
		})
	}
}

func TestRead(t *testing.T) {
	cases := []struct {
		name    string
		r       io.Reader
		size    int
		tooMuch bool
	}{
		{"short", strings.NewReader("[]"), 2, false},
		{"at the limit", io.LimitReader(zeros{}, MaxFileSize), MaxFileSize, false},
		{"one byte over", io.LimitReader(zeros{}, MaxFileSize+1), 0, true},
		{"endless", zeros{}, 0, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data, err := Read("standard input", c.r)
			if c.tooMuch {
				if !errors.Is(err, ErrTooLarge) || !strings.HasPrefix(err.Error(), "standard input: ") {
					t.Fatalf("Read error %v; want ErrTooLarge naming standard input", err)
				}
				return
			}
			if err != nil || len(data) != c.size {
				t.Fatalf("Read = %d bytes, %v; want %d bytes", len(data), err, c.size)
			}
		})
	}
}

// Refusing an endless input allocates little more than the limit: the
// buffer doubles up to MaxFileSize+1 and no further.
func TestReadEndlessMemory(t *testing.T) {
	alloc := allocated(func() {
		if _, err := Read("standard input", zeros{}); !errors.Is(err, ErrTooLarge) {
			t.Fatalf("got %v, want ErrTooLarge", err)
		}
	})
	if alloc > 2*MaxFileSize+1<<20 {
		t.Errorf("refusing an endless input allocated %d MiB, want at most %d MiB", alloc>>20, 2*MaxFileSize>>20+1)
	}
	t.Logf("refusing an endless input allocated %.1f MiB in total", float64(alloc)/(1<<20))
}

// allocated returns how many bytes fn allocated on the heap in total; the
// peak of memory in use during fn is at most that.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}
