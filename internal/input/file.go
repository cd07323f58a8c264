package input

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
)

// MaxFileSize is the largest file, standard input or archive member that
// is read: 64 MiB.
const MaxFileSize = 64 << 20

// ErrTooLarge is wrapped by the error of a read that exceeds a limit.
var ErrTooLarge = errors.New("input too large")

// ErrNotFile is wrapped by the error of ReadFile on a path that names
// something other than a regular file or a named pipe.
var ErrNotFile = errors.New("not a regular file")

// ReadFile reads the file at path, which must be a regular file (or a
// named pipe) of at most MaxFileSize bytes.
func ReadFile(path string) ([]byte, error) {
	f, size, err := open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size > MaxFileSize {
		return nil, tooLarge(path, "file", MaxFileSize)
	}
	return readAtMost(path, f, size)
}

// Read reads r to its end, at most MaxFileSize bytes; name says what r is
// ("standard input", a member name) in the error.
func Read(name string, r io.Reader) ([]byte, error) {
	return readAtMost(name, r, -1)
}

// open opens path for reading after checking what it names. size is the
// file's size, or -1 for a pipe.
func open(path string) (*os.File, int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, 0, err
	}
	if err := checkKind(path, st.Mode()); err != nil {
		return nil, 0, err
	}
	size := st.Size()
	if !st.Mode().IsRegular() {
		size = -1
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, 0, err
	}
	return f, size, nil
}

// checkKind refuses what cannot be read as one bounded file, saying what
// the path names instead.
func checkKind(path string, m fs.FileMode) error {
	var kind string
	switch {
	case m.IsRegular(), m&fs.ModeNamedPipe != 0:
		return nil
	case m.IsDir():
		kind = "is a directory"
	case m&fs.ModeDevice != 0:
		kind = "is a device"
	case m&fs.ModeSocket != 0:
		kind = "is a socket"
	default:
		kind = "has file mode " + m.Type().String()
	}
	return fmt.Errorf("%s: %s, %w", path, kind, ErrNotFile)
}

// readAtMost reads r to its end, refusing more than MaxFileSize bytes.
// size, when known (not -1), sizes the buffer at once; otherwise it
// doubles, but never past MaxFileSize+1, so that refusing an endless
// input such as /dev/zero on standard input keeps under 100 MB.
func readAtMost(name string, r io.Reader, size int64) ([]byte, error) {
	if size < 0 {
		size = 511
	}
	// +1 so that the read after the last byte sees EOF without growing.
	buf := make([]byte, 0, min(size, MaxFileSize)+1)
	for {
		if len(buf) == cap(buf) {
			next := 2 * cap(buf)
			if next >= MaxFileSize {
				next = MaxFileSize + 1
			}
			grown := make([]byte, len(buf), next)
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if len(buf) > MaxFileSize {
			return nil, tooLarge(name, "file", MaxFileSize)
		}
		if errors.Is(err, io.EOF) {
			return buf, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
}

func tooLarge(name, what string, limit int64) error {
	return fmt.Errorf("%s: %w: larger than %d MiB, the limit on one input %s", name, ErrTooLarge, limit>>20, what)
}
