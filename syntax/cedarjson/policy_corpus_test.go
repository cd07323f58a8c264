package cedarjson

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// staticFirst returns the policy set as MarshalPolicySet writes it:
// static policies, then templates, each in their original order, and
// `action in [A]` as `action in A` (Cedar writes both the same way).
func staticFirst(ps *syntax.PolicySet) *syntax.PolicySet {
	out := &syntax.PolicySet{Links: ps.Links}
	for _, templates := range []bool{false, true} {
		for _, p := range ps.Policies {
			if p.IsTemplate() != templates {
				continue
			}
			if p.Action.Op == syntax.ScopeInSet && len(p.Action.Entities) == 1 {
				q := *p
				q.Action = syntax.Scope{Pos: p.Action.Pos, Op: syntax.ScopeIn, Entity: p.Action.Entities[0]}
				p = &q
			}
			out.Policies = append(out.Policies, p)
		}
	}
	return out
}

// checkPolicyRoundTrip checks text -> AST -> JSON -> AST.
func checkPolicyRoundTrip(t *testing.T, name string, ps *syntax.PolicySet) bool {
	t.Helper()
	js, err := MarshalPolicySet(ps)
	if err != nil {
		t.Errorf("%s: marshal: %v", name, err)
		return false
	}
	back, err := UnmarshalPolicySet(name+".json", js)
	if err != nil {
		t.Errorf("%s: reading the written JSON: %v\n%s", name, err, js)
		return false
	}
	if diff := cmp.Diff(staticFirst(ps), back, ignorePos, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("%s: policies changed in the round trip (-text +json):\n%s", name, diff)
		return false
	}
	return true
}

func TestCorpusPoliciesRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("reads the whole corpus")
	}
	var files, policies, unparsed int
	testdata.CorpusFiles(t, ".cedar", func(name string, src []byte) {
		ps, err := parser.ParsePolicySet(name, src)
		if err != nil {
			// The parser's own tests own this failure; count it here.
			unparsed++
			t.Logf("%s: the parser rejects the file: %v", name, err)
			return
		}
		files++
		policies += len(ps.Policies)
		checkPolicyRoundTrip(t, name, ps)
	})
	t.Logf("%d corpus policy files (%d policies) round-tripped; %d not parsed", files, policies, unparsed)
	if files < 1000 {
		t.Fatalf("only %d corpus policy files parsed", files)
	}
}

// TestIntegrationPoliciesRoundTrip round-trips the hand-written policy
// files of the integration tests (tests/ and sample-data/).
func TestIntegrationPoliciesRoundTrip(t *testing.T) {
	dir := testdata.Require(t)
	n := 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".cedar") {
			return err
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		ps, err := parser.ParsePolicySet(p, src)
		if err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		checkPolicyRoundTrip(t, p, ps)
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no policy files found")
	}
	t.Logf("%d policy files round-tripped", n)
}
