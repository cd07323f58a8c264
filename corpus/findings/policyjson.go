package findings

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/corpusgen"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// convertTest is corpusgen.Convert, which refuses policies that do not
// print as Cedar text and parse back to themselves. Tests replace it to
// plant such a parser bug.
var convertTest = corpusgen.Convert

// convertKeepingPolicies converts t to an integration test. A finding
// whose policies our own printer and parser cannot carry through Cedar
// text (often the very bug found) is still saved: its policies are kept
// as policy JSON (the format's extension, see package corpus), provided
// they read back from that to the same tree. Any other failure to
// convert is the error of corpusgen.Convert.
func convertKeepingPolicies(t *generators.Test) (*corpus.Test, error) {
	ct, err := convertTest(t)
	if err == nil {
		return ct, nil
	}
	ps, merr := corpusgen.Materialize(t.Policies)
	if merr != nil {
		return nil, err
	}
	js, jerr := cedarjson.MarshalPolicySet(ps)
	if jerr == nil {
		var back *syntax.PolicySet
		if back, jerr = cedarjson.UnmarshalPolicySet("policies.json", js); jerr == nil && !samePolicies(ps, back) {
			jerr = fmt.Errorf("they do not read back to themselves")
		}
		if jerr == nil {
			ps = back
		}
	}
	if jerr != nil {
		return nil, fmt.Errorf("%w (and as policy JSON neither: %v)", err, jerr)
	}
	rest := *t
	rest.Policies, rest.Expr = &syntax.PolicySet{}, nil
	ct, cerr := convertTest(&rest)
	if cerr != nil {
		return nil, err // not (only) the policies: the first error says what
	}
	ct.Policies, ct.PolicyText, ct.PolicyJSON = ps, "", js
	return ct, nil
}

// samePolicies compares two policy sets as trees, positions aside.
func samePolicies(a, b *syntax.PolicySet) bool {
	return cmp.Equal(a, b, cmp.Comparer(func(syntax.Pos, syntax.Pos) bool { return true }), cmpopts.EquateEmpty())
}
