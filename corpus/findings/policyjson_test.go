package findings

import (
	"errors"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/corpusgen"
)

// TestSaveFindingOurParserCannotReadBack plants a parser bug (Cedar text
// of any policy does not read back) and saves a finding: it is kept, with
// its policies as policy JSON, loads, and replays with the reference's
// expectations.
func TestSaveFindingOurParserCannotReadBack(t *testing.T) {
	f := finding(t)
	convertTest = func(t *generators.Test) (*corpus.Test, error) {
		if len(t.Policies.Policies) > 0 {
			return nil, errors.New("policy policy0 does not print and parse back to itself")
		}
		return corpusgen.Convert(t)
	}
	defer func() { convertTest = corpusgen.Convert }()

	path, _, err := (&Saver{Dir: t.TempDir()}).Save(f, nil)
	if err != nil {
		t.Fatalf("the finding was not saved: %v", err)
	}
	ct, err := corpus.LoadFile(path)
	if err != nil {
		t.Fatalf("the saved finding does not load: %v", err)
	}
	if !strings.HasSuffix(ct.PoliciesFile, corpus.PolicyJSONExt) || ct.PolicyJSON == nil {
		t.Errorf("policies saved as %q, want policy JSON", ct.PoliciesFile)
	}
	if len(ct.Policies.Policies) != len(f.Test.Policies.Policies)+len(f.Test.Policies.Links) {
		t.Errorf("saved %d policies, the finding has %d", len(ct.Policies.Policies), len(f.Test.Policies.Policies))
	}
	if rep := corpus.Replay(diff.Model(), []*corpus.Test{ct}, corpus.Options{}); !rep.OK() {
		t.Errorf("the reference fails the saved finding: %v", rep.Failures)
	}
	if rep := corpus.Replay(reasonless{diff.Model()}, []*corpus.Test{ct}, corpus.Options{}); rep.Failed == 0 {
		t.Errorf("the buggy implementation passes the saved finding")
	}
}
