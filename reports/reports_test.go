package reports

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestJSONRoundTrip(t *testing.T) {
	r := fixture()
	r.normalize()
	b, err := MarshalJSON(r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := UnmarshalJSON(b)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(r, got); d != "" {
		t.Fatalf("round trip changed the report (-want +got):\n%s", d)
	}
	b2, err := MarshalJSON(got)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, b2) {
		t.Fatal("a second encoding differs from the first")
	}
	if !bytes.Contains(b, []byte(`"version": 1`)) {
		t.Fatalf("report.json lacks its version:\n%.200s", b)
	}
}

func TestUnmarshalRejects(t *testing.T) {
	for _, tc := range []struct{ name, src, want string }{
		{"not JSON", `{`, "not a report"},
		{"no version", `{"settings": {}}`, `no "version"`},
		{"later version", `{"version": 99}`, "version 99 is not supported"},
		{"version zero", `{"version": 0}`, "version 0 is not supported"},
		{"wrong type", `{"version": 1, "totals": {"tests": "many"}}`, "not a report"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := UnmarshalJSON([]byte(tc.src))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestUnmarshalMinimal(t *testing.T) {
	r, err := UnmarshalJSON([]byte(`{"version": 1, "findings": [null]}`))
	if err != nil {
		t.Fatal(err)
	}
	if r.Decisions == nil || r.Totals.Mismatches == nil || r.Findings == nil || len(r.Findings) != 0 {
		t.Fatalf("missing parts not normalized: %+v", r)
	}
	// A minimal report renders.
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		t.Fatal(err)
	}
	WriteMarkdown(io.Discard, r)
}

func TestWriteCreatesThreeFiles(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "a", "b")
	r := fixture()
	if err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if d := cmp.Diff([]string{HTMLFile, JSONFile, MarkdownFile}, names); d != "" {
		t.Fatalf("files (temporary files must be gone) (-want +got):\n%s", d)
	}
	back, err := Read(dir)
	if err != nil {
		t.Fatal(err)
	}
	r.normalize()
	if d := cmp.Diff(r, back); d != "" {
		t.Fatalf("Read(Write(r)) differs (-want +got):\n%s", d)
	}
	// Writing again replaces the files.
	r.Settings.Seed = 7
	if err := Write(dir, r); err != nil {
		t.Fatal(err)
	}
	if back, err := Read(filepath.Join(dir, JSONFile)); err != nil || back.Settings.Seed != 7 {
		t.Fatalf("rewrite: seed %v, err %v", back, err)
	}
}

func TestWriteFailsCleanly(t *testing.T) {
	// A file where the directory should be.
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(file, fixture()); err == nil {
		t.Fatal("Write into a file: no error")
	}
}

func TestHTMLSectionsAndEscaping(t *testing.T) {
	var b bytes.Buffer
	if err := WriteHTML(&b, fixture()); err != nil {
		t.Fatal(err)
	}
	page := b.String()
	for _, want := range []string{
		`<section id="settings">`, `<section id="totals">`, `<section id="throughput">`, `<section id="decisions">`,
		`<section id="errors">`, `<section id="coverage">`, `<section id="findings">`,
		"Run it again:", "crosscheck run --target abac --impl model,engine --seed 42",
		"crosscheck repro --seed 42 --index 6 --target abac --impl model,engine",
		"Minimized test", "Decision: allow", "entity User;", "Operators", "Methods", "Extension functions", "Scope forms",
		`class="unexercised"`, "FAIL",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// The only markup is the page's own: the hostile string never appears
	// raw, and there is no script at all.
	for _, bad := range []string{"</script><b>", "<b>x</b>", "<script", "\x01"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	for _, ext := range []string{"http://", "https://", "@import", "url("} {
		for _, m := range regexp.MustCompile(regexp.QuoteMeta(ext)+`\S*`).FindAllString(page, -1) {
			if m != `http://www.w3.org/2000/svg"` {
				t.Errorf("page refers to something outside itself: %q", m)
			}
		}
	}
	svgs := regexp.MustCompile(`(?s)<svg .*?</svg>`).FindAllString(page, -1)
	if len(svgs) < 5 {
		t.Fatalf("got %d charts, want at least 5 (throughput, decisions, error kinds, coverage)", len(svgs))
	}
	for _, s := range svgs {
		checkXML(t, s)
	}
}

// checkXML fails unless s is well-formed XML.
func checkXML(t *testing.T, s string) {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(s))
	d.Strict = true
	depth := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v\n%.300s", err, s)
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced elements (depth %d)", depth)
	}
}

func TestMarkdownSectionsAndEscaping(t *testing.T) {
	var b bytes.Buffer
	WriteMarkdown(&b, fixture())
	md := b.String()
	for _, want := range []string{
		"# Crosscheck run report", "## Settings", "## Totals", "## Throughput", "## Decision mix", "## Error kinds",
		"## Coverage", "## Findings", "### Mismatches by implementation pair", "```diff", "```sh\ncrosscheck repro --seed 42 --index 6",
		"Minimized test:", "```cedarschema", "**like** ⚠",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q", want)
		}
	}
	if !inFence(md, "<b>") || !inFence(md, "</script>") || !inFence(md, "\x01") {
		t.Errorf("markdown lets HTML through outside code blocks")
	}
	// Every table row has as many cells as its header: no hostile '|'
	// split a cell.
	checkTables(t, md)
	// A detail holding ``` is fenced with a longer fence.
	if !strings.Contains(md, "````\n</script>") {
		t.Errorf("detail with a backtick fence not fenced with four backticks:\n%s", md)
	}
}

// inFence reports whether every occurrence of s in md is inside a fenced
// code block.
func inFence(md, s string) bool {
	fenced := false
	var fence string
	for line := range strings.SplitSeq(md, "\n") {
		if t := strings.TrimLeft(line, "`"); len(line)-len(t) >= 3 {
			f := line[:len(line)-len(t)]
			if !fenced {
				fenced, fence = true, f
				continue
			} else if f == fence && t == "" {
				fenced = false
				continue
			}
		}
		if !fenced && strings.Contains(line, s) {
			return false
		}
	}
	return true
}

func checkTables(t *testing.T, md string) {
	t.Helper()
	cells := func(line string) int {
		// Count unescaped '|' separators.
		n := 0
		for i := 0; i < len(line); i++ {
			if line[i] == '\\' {
				i++
				continue
			}
			if line[i] == '|' {
				n++
			}
		}
		return n
	}
	want := -1
	for line := range strings.SplitSeq(md, "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		if want < 0 {
			want = cells(line)
			continue
		}
		if got := cells(line); got != want {
			t.Errorf("table row with %d separators, header has %d: %q", got, want, line)
		}
	}
}

func TestCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"crosscheck", "run", "--impl", "model,engine"}, "crosscheck run --impl model,engine"},
		{[]string{"a b", "", "it's", "$HOME"}, `'a b' '' 'it'\''s' '$HOME'`},
	} {
		if got := CommandLine(tc.args); got != tc.want {
			t.Errorf("CommandLine(%q) = %s, want %s", tc.args, got, tc.want)
		}
	}
}

func TestBound(t *testing.T) {
	long := strings.Repeat("line of text\n", MaxPartBytes/10)
	got := bound(long)
	if len(got) > MaxPartBytes+100 || !strings.Contains(got, "more bytes left out") {
		t.Fatalf("bound: %d bytes, tail %q", len(got), got[len(got)-60:])
	}
	if short := "abc"; bound(short) != short {
		t.Fatal("bound changed a short string")
	}
	// A long line without breaks is cut on a rune boundary.
	runes := strings.Repeat("é", MaxPartBytes)
	if got := bound(runes); !json.Valid(mustJSON(t, got)) || strings.ContainsRune(got, '\uFFFD') {
		t.Fatal("bound cut inside a rune")
	}
}

func mustJSON(t *testing.T, s string) []byte {
	b, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
