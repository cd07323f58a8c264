package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
)

// The names of the files WriteConformance creates.
const (
	ConformanceJSONFile     = "conformance.json"
	ConformanceMarkdownFile = "conformance.md"
	ConformanceHTMLFile     = "conformance.html"
)

// WriteConformance stores c in dir (created if needed) as
// conformance.json, conformance.md and conformance.html, each written
// atomically (a temporary file renamed into place).
func WriteConformance(dir string, c *Conformance) error {
	c.Version = ConformanceVersion
	js, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the conformance report: %w", err)
	}
	var html, md bytes.Buffer
	if err := WriteConformanceHTML(&html, c); err != nil {
		return fmt.Errorf("rendering %s: %w", ConformanceHTMLFile, err)
	}
	WriteConformanceMarkdown(&md, c)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{ConformanceJSONFile, append(js, '\n')}, {ConformanceMarkdownFile, md.Bytes()}, {ConformanceHTMLFile, html.Bytes()}} {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// ReadConformance loads a conformance.json (the file or its directory),
// through internal/input and its limits.
func ReadConformance(path string) (*Conformance, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, ConformanceJSONFile)
	}
	b, err := input.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var c Conformance
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if c.Version > ConformanceVersion {
		return nil, fmt.Errorf("%s: conformance report version %d is later than this program's %d", path, c.Version, ConformanceVersion)
	}
	return &c, nil
}
