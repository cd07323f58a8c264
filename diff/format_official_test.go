package diff

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// formatIdenticalAtLeast is the fewest of the integration tests' .cedar
// files (corpus archive and tests/) on which our formatter's output must
// be byte-identical to the official formatPolicies'. Raise it when the
// formatter gets closer; never lower it.
const formatIdenticalAtLeast = 2598

// TestFormatterMatchesOfficial formats every .cedar file of the
// integration tests with our formatter and with the official one and
// logs how many outputs are byte-identical. With
// CROSSCHECK_FORMAT_DIFFS=DIR it writes each differing pair there
// (NAME.ours, NAME.official), for study.
func TestFormatterMatchesOfficial(t *testing.T) {
	dir := testdata.Require(t)
	testdata.RequireCorpusArchive(t)
	// A generous call timeout: a batch of files takes a while on a
	// loaded machine, and the measurement must not turn inconclusive.
	w, err := CedarWasm(cedarwasm.Options{Processes: 1, Timeout: time.Minute})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		t.Skipf("skipping: %v", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	type file struct {
		name string
		src  []byte
	}
	var files []file
	testdata.CorpusFiles(t, ".cedar", func(name string, src []byte) { files = append(files, file{name, src}) })
	err = filepath.WalkDir(filepath.Join(dir, "tests"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".cedar") {
			return err
		}
		src, err := os.ReadFile(path)
		files = append(files, file{path, src})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	diffDir := os.Getenv("CROSSCHECK_FORMAT_DIFFS")
	identical, compared := 0, 0
	const batch = 25
	for start := 0; start < len(files); start += batch {
		part := files[start:min(start+batch, len(files))]
		calls := make([]cedarwasm.DataCall, len(part))
		for i, f := range part {
			arg, _ := json.Marshal(map[string]string{"policyText": string(f.src)})
			calls[i] = cedarwasm.DataCall{Fn: "formatPolicies", Arg: arg}
		}
		answers, err := w.DataCalls(calls)
		if err != nil {
			t.Fatal(err)
		}
		for i, f := range part {
			ours, err := printer.Format(f.name, f.src)
			if err != nil || answers[i].Type != "success" {
				continue
			}
			compared++
			if string(ours) == answers[i].Formatted {
				identical++
			} else if diffDir != "" {
				base := filepath.Join(diffDir, strings.ReplaceAll(filepath.Base(f.name), "/", "_"))
				_ = os.WriteFile(base+".ours", ours, 0o644)
				_ = os.WriteFile(base+".official", []byte(answers[i].Formatted), 0o644)
			}
		}
	}
	t.Logf("our formatter's output is byte-identical to formatPolicies' on %d of %d .cedar files (%d formatted by both)", identical, len(files), compared)
	if identical < formatIdenticalAtLeast {
		t.Errorf("byte-identical on %d files, fewer than the %d reached before", identical, formatIdenticalAtLeast)
	}
}
