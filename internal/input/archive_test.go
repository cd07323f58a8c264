package input

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/input/inputtest"
)

// gzipped compresses b as one gzip stream. Concatenated gzip streams are
// one gzip file, which lets a bomb be built from a few small pieces.
func gzipped(t testing.TB, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// tarHeader is the 512-byte tar header block of a regular member.
func tarHeader(t testing.TB, name string, size int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: size, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes() // the header only: tw is not closed
}

func TestReadArchive(t *testing.T) {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, m := range []struct {
		name, body string
		typ        byte
	}{{"./corpus-tests/a.json", "{}", tar.TypeReg}, {"corpus-tests/", "", tar.TypeDir}, {"corpus-tests/a.cedar", "permit(principal, action, resource);", tar.TypeReg}} {
		if err := tw.WriteHeader(&tar.Header{Name: m.name, Size: int64(len(m.body)), Typeflag: m.typ, Mode: 0o644}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(m.body))
	}
	tw.Close()
	zw.Close()
	p := filepath.Join(t.TempDir(), "ok.tar.gz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var got []string
	err := ReadArchive(p, func(name string, data []byte) error {
		got = append(got, fmt.Sprintf("%s=%d", name, len(data)))
		return nil
	})
	if want := "corpus-tests/a.json=2 corpus-tests/a.cedar=36"; err != nil || strings.Join(got, " ") != want {
		t.Errorf("ReadArchive: %q, %v; want %q", got, err, want)
	}
}

// A gzip bomb, about 1 MB that expands to 1 GiB, is refused before the
// reader has kept more than the limit, whether it expands into many
// members or into one.
func TestReadArchiveBomb(t *testing.T) {
	cases := []struct {
		name       string
		members    int
		memberSize int64
		want       string
	}{
		{"1024 members of 1 MiB", 1024, 1 << 20, "bomb.tar.gz: input too large: expands to more than 64 MiB, the limit on one archive"},
		{"one member of 1 GiB", 1, 1 << 30, "bomb.tar.gz:corpus-tests/000000.json: input too large: larger than 64 MiB"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := inputtest.GzipBomb(t, c.members, c.memberSize)
			st, _ := os.Stat(p)
			if st.Size() > 2<<20 {
				t.Fatalf("the bomb is %d bytes; want at most 2 MB", st.Size())
			}
			var kept int64
			var err error
			alloc := allocated(func() {
				err = ReadArchive(p, func(_ string, data []byte) error {
					kept += int64(len(data))
					return nil
				})
			})
			if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("ReadArchive error %v; want ErrTooLarge and %q", err, c.want)
			}
			if kept > MaxArchiveSize {
				t.Errorf("kept %d bytes; want at most %d", kept, MaxArchiveSize)
			}
			// Everything allocated bounds the peak in use.
			if alloc > 100<<20 {
				t.Errorf("refusing a %d-byte bomb allocated %d MiB; want at most 100 MiB", st.Size(), alloc>>20)
			}
			t.Logf("%d-byte bomb: refused after keeping %.1f MiB, %.1f MiB allocated in total", st.Size(), float64(kept)/(1<<20), float64(alloc)/(1<<20))
		})
	}
}

func TestReadArchiveErrors(t *testing.T) {
	dir := t.TempDir()
	notGzip := filepath.Join(dir, "plain.tar.gz")
	os.WriteFile(notGzip, []byte("not an archive"), 0o644)
	notTar := filepath.Join(dir, "text.tar.gz")
	os.WriteFile(notTar, gzipped(t, bytes.Repeat([]byte("not a tar archive "), 100)), 0o644)
	truncated := filepath.Join(dir, "truncated.tar.gz")
	os.WriteFile(truncated, gzipped(t, append(tarHeader(t, "a.json", 1000), "{}"...)), 0o644)
	for _, c := range []struct{ path, want string }{
		{notGzip, "plain.tar.gz: not a gzip archive"},
		{notTar, "text.tar.gz: broken tar archive"},
		{truncated, "truncated.tar.gz: broken tar archive at a.json"},
		{dir, "is a directory, not a regular file"},
	} {
		err := ReadArchive(c.path, func(string, []byte) error { return nil })
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("ReadArchive(%s): %v; want %q", filepath.Base(c.path), err, c.want)
		}
	}
}
