//go:build unix

package input

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A named pipe, as a shell's <(command) gives, is read, and bounded.
func TestReadFileNamedPipe(t *testing.T) {
	for _, c := range []struct {
		name    string
		size    int
		tooMuch bool
	}{{"small", 10, false}, {"endless", MaxFileSize + 1, true}} {
		t.Run(c.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "fifo")
			if err := syscall.Mkfifo(p, 0o600); err != nil {
				t.Skipf("mkfifo: %v", err)
			}
			go func() {
				w, err := os.OpenFile(p, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				defer w.Close()
				w.Write(make([]byte, c.size)) // fails once the reader gives up
			}()
			data, err := ReadFile(p)
			if c.tooMuch {
				if !errors.Is(err, ErrTooLarge) {
					t.Fatalf("got %d bytes, %v; want ErrTooLarge", len(data), err)
				}
				return
			}
			if err != nil || len(data) != c.size {
				t.Fatalf("got %d bytes, %v; want %d bytes", len(data), err, c.size)
			}
		})
	}
}
