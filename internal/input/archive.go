package input

import (
	"archive/tar"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// MaxArchiveSize is the largest expanded size of one .tar.gz archive, all
// its members together: 64 MiB (see the package documentation for how it
// compares with the official corpus).
const MaxArchiveSize = 64 << 20

// ReadArchive reads the gzip-compressed tar archive at path and calls fn
// with the name and content of each regular member, in archive order.
// Names are cleaned and lose a leading "./". It stops at the first error
// of fn, or when a member is larger than MaxFileSize or the members
// together larger than MaxArchiveSize; both are checked against the
// member headers before the member is read.
func ReadArchive(path string, fn func(name string, data []byte) error) error {
	f, _, err := open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("%s: not a gzip archive: %w", path, err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	var total int64
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: broken tar archive: %w", path, err)
		}
		name := memberName(h.Name)
		// Every member counts, read or not: skipping one still expands it.
		total += h.Size
		switch {
		case h.Size > MaxFileSize:
			return tooLarge(path+":"+name, "file", MaxFileSize)
		case total > MaxArchiveSize:
			return fmt.Errorf("%s: %w: expands to more than %d MiB, the limit on one archive", path, ErrTooLarge, MaxArchiveSize>>20)
		case h.Typeflag != tar.TypeReg:
			continue
		}
		data := make([]byte, h.Size)
		if _, err := io.ReadFull(tr, data); err != nil {
			return fmt.Errorf("%s: broken tar archive at %s: %w", path, name, err)
		}
		if err := fn(name, data); err != nil {
			return err
		}
	}
}

func memberName(name string) string {
	return path.Clean(strings.TrimPrefix(name, "./"))
}
