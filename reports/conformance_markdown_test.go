package reports

import (
	"strings"
	"testing"
)

// TestConformanceMarkdownEscapesOnce checks that table cells are escaped
// once: a version "(model)" and a source path with underscores read as
// written, not with doubled backslashes.
func TestConformanceMarkdownEscapesOnce(t *testing.T) {
	c := &Conformance{Impl: "x", Reference: "model",
		Sources: []ConformanceSource{{Name: "official integration tests", Path: "/a/cedar_tests", Tests: 1}}}
	NewTally().Fill(c)
	var b strings.Builder
	WriteConformanceMarkdown(&b, c)
	for _, bad := range []string{`\\`, `cedar\\_tests`} {
		if strings.Contains(b.String(), bad) {
			t.Errorf("the Markdown holds %q (escaped twice):\n%s", bad, b.String())
		}
	}
}
