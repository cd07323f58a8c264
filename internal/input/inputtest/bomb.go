// Package inputtest builds hostile inputs for the tests of the readers
// that go through package input.
package inputtest

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

const chunk = 1 << 20

// GzipBomb writes bomb.tar.gz in a temporary directory of t: members
// regular members named corpus-tests/NNNNNN.json of memberSize zero bytes
// each (a multiple of 1 MiB), and returns its path. It never holds the
// expanded content: concatenated gzip streams are one gzip file, so the
// compressed form of 1 MiB of zeros is made once and repeated. 1 GiB of
// zeros takes about 1 MB.
func GzipBomb(t testing.TB, members int, memberSize int64) string {
	t.Helper()
	if memberSize%chunk != 0 {
		t.Fatalf("GzipBomb: member size %d is not a multiple of 1 MiB", memberSize)
	}
	zeros := gzipped(t, make([]byte, chunk))
	var out bytes.Buffer
	for i := range members {
		out.Write(gzipped(t, header(t, fmt.Sprintf("corpus-tests/%06d.json", i), memberSize)))
		for range memberSize / chunk {
			out.Write(zeros)
		}
	}
	out.Write(gzipped(t, make([]byte, 1024))) // the end-of-archive blocks
	p := filepath.Join(t.TempDir(), "bomb.tar.gz")
	if err := os.WriteFile(p, out.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

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

// header is the 512-byte tar header block of a regular member.
func header(t testing.TB, name string, size int64) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: size, Typeflag: tar.TypeReg}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes() // the header block only: tw is not closed
}
