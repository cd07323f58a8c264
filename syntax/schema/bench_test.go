package schema

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

func benchSource(b *testing.B) []byte {
	dir := testdata.Require(b)
	src, err := os.ReadFile(filepath.Join(dir, "sample-data", "sandbox_b", "schema_exts.cedarschema"))
	if err != nil {
		b.Fatal(err)
	}
	return src
}

func BenchmarkParseCedar(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := ParseCedar("s", src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseJSON(b *testing.B) {
	f, err := ParseCedarFile("s", benchSource(b))
	if err != nil {
		b.Fatal(err)
	}
	js, err := PrintJSON(f)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(js)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := ParseJSON("s.json", js); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkFormat(b *testing.B) {
	src := benchSource(b)
	b.SetBytes(int64(len(src)))
	for i := 0; i < b.N; i++ {
		if _, err := Format("s", src); err != nil {
			b.Fatal(err)
		}
	}
}
