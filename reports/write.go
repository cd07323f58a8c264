package reports

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
)

// The names of the files Write creates.
const (
	JSONFile     = "report.json"
	MarkdownFile = "report.md"
	HTMLFile     = "report.html"
)

// Write stores r in dir (created if needed) as report.json, report.md and
// report.html. Each file is written atomically: to a temporary file in
// dir, then renamed into place, so a reader never sees half a report.
func Write(dir string, r *Report) error {
	js, err := MarshalJSON(r)
	if err != nil {
		return err
	}
	var html bytes.Buffer
	if err := WriteHTML(&html, r); err != nil {
		return fmt.Errorf("rendering %s: %w", HTMLFile, err)
	}
	var md bytes.Buffer
	WriteMarkdown(&md, r)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{{JSONFile, js}, {MarkdownFile, md.Bytes()}, {HTMLFile, html.Bytes()}} {
		if err := writeFileAtomic(filepath.Join(dir, f.name), f.data); err != nil {
			return err
		}
	}
	return nil
}

// MarshalJSON returns r as indented JSON ending in a line break, the
// content of report.json.
func MarshalJSON(r *Report) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("encoding the report: %w", err)
	}
	return append(b, '\n'), nil
}

// Read loads a report.json; path is the file or the directory holding
// it. It reads through internal/input, so a file over its 64 MiB limit,
// or a device, is an error. A report of a later schema version than this package's is an
// error, as is a file that is not a report.
func Read(path string) (*Report, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		path = filepath.Join(path, JSONFile)
	}
	b, err := input.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: no report there (want a report.json or the directory holding one)", path)
	}
	if err != nil {
		return nil, err
	}
	r, err := UnmarshalJSON(b)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// UnmarshalJSON decodes a report.json (see Read).
func UnmarshalJSON(b []byte) (*Report, error) {
	var probe struct {
		Version *int `json:"version"`
	}
	if err := json.Unmarshal(b, &probe); err != nil {
		return nil, fmt.Errorf("not a report: %w", err)
	}
	switch {
	case probe.Version == nil:
		return nil, errors.New("not a report: no \"version\" field")
	case *probe.Version < 1 || *probe.Version > Version:
		return nil, fmt.Errorf("report version %d is not supported (this crosscheck reads version %d)", *probe.Version, Version)
	}
	r := &Report{}
	if err := json.Unmarshal(b, r); err != nil {
		return nil, fmt.Errorf("not a report: %w", err)
	}
	r.normalize()
	return r, nil
}

// normalize replaces missing maps and lists by empty ones, so that code
// reading a report need not check for nil and a round trip is exact.
func (r *Report) normalize() {
	for _, m := range []*map[string]int{
		&r.Decisions, &r.ErrorKinds, &r.Totals.TestsByTarget, &r.Totals.Mismatches, &r.Totals.FindingsByKind,
		&r.Totals.PropertyViolations, &r.Totals.RoundtripFailures, &r.Totals.Unsupported, &r.Totals.Inconclusive,
	} {
		if *m == nil {
			*m = map[string]int{}
		}
	}
	if r.Throughput == nil {
		r.Throughput = []Sample{}
	}
	if r.Signatures == nil {
		r.Signatures = []SignatureCount{}
	}
	if r.Findings == nil {
		r.Findings = []*Finding{}
	}
	// A null entry would make every reader check for nil.
	kept := r.Findings[:0]
	for _, f := range r.Findings {
		if f != nil {
			kept = append(kept, f)
		}
	}
	r.Findings = kept
	if r.Coverage != nil && r.Coverage.Constructs == nil {
		r.Coverage.Constructs = []ConstructCoverage{}
	}
}

// writeFileAtomic writes data to path through a temporary file in the
// same directory, synced and then renamed over path.
func writeFileAtomic(path string, data []byte) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(0o644); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
