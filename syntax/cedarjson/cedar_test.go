package cedarjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// policyToJSONScript reads policy-set texts, one JSON string per line,
// and answers each with the official engine's policy JSON for every
// policy of the set (an array), or {"error": message}.
const policyToJSONScript = `
const c = require(process.argv[1]);
const rl = require('readline').createInterface({input: process.stdin});
rl.on('line', (line) => {
  const text = JSON.parse(line);
  let out;
  const parts = c.policySetTextToParts(text);
  if (parts.type !== 'success') {
    out = {error: JSON.stringify(parts.errors)};
  } else {
    out = parts.policies.map((p) => {
      const r = c.policyToJson(p);
      return r.type === 'success' ? r.json : {error: JSON.stringify(r.errors)};
    });
  }
  process.stdout.write(JSON.stringify(out) + '\n');
});
`

// cedarWasm returns the node binary and the cedar-wasm module path, or
// skips the test.
func cedarWasm(t *testing.T) (node, module string) {
	t.Helper()
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node not installed")
	}
	module = filepath.Join(testdata.RepoRoot(), "node_modules", "@cedar-policy", "cedar-wasm", "nodejs")
	if _, err := os.Stat(module); err != nil {
		t.Skip("@cedar-policy/cedar-wasm not installed (npm ci)")
	}
	return node, module
}

// TestPolicyJSONMatchesCedar checks the policy JSON written for every
// corpus and integration-test policy against the official engine's
// policyToJson, and reads the official JSON back to the same tree as the
// text.
func TestPolicyJSONMatchesCedar(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the official engine over the whole corpus")
	}
	node, module := cedarWasm(t)
	var texts []string
	testdata.CorpusFiles(t, ".cedar", func(name string, src []byte) { texts = append(texts, string(src)) })
	more, _ := filepath.Glob(filepath.Join(testdata.Require(t), "tests", "*", "*.cedar"))
	for _, f := range more {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(src))
	}

	var in bytes.Buffer
	for _, text := range texts {
		b, _ := json.Marshal(text)
		in.Write(b)
		in.WriteByte('\n')
	}
	cmd := exec.Command(node, "-e", policyToJSONScript, module)
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 64<<20)
	compared, inexact, i := 0, 0, 0
	for ; sc.Scan(); i++ {
		text := texts[i]
		var theirs []json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &theirs); err != nil {
			t.Errorf("the official engine rejects policy set %d: %s", i, sc.Bytes())
			continue
		}
		ps, err := parser.ParsePolicySet("p.cedar", []byte(text))
		if err != nil || len(ps.Policies) != len(theirs) {
			t.Errorf("policy set %d: parser: %v (%d policies, official %d)", i, err, len(ps.Policies), len(theirs))
			continue
		}
		for j, p := range ps.Policies {
			ours, err := MarshalPolicy(p)
			if err != nil {
				t.Errorf("policy set %d policy %d: %v", i, j, err)
				continue
			}
			if !sameJSON(t, ours, theirs[j], false) {
				t.Errorf("policy JSON differs from Cedar's for\n%s\nours:   %s\ncedar:  %s", printPolicyText(text), compact(ours), theirs[j])
				continue
			}
			if !sameJSON(t, ours, theirs[j], true) {
				// Equal only as JavaScript numbers: integers beyond 2^53
				// lost precision on the way out of node, so Cedar's text
				// cannot be read back exactly.
				inexact++
				continue
			}
			back, err := UnmarshalPolicy("cedar.json", theirs[j])
			if err != nil {
				t.Errorf("reading Cedar's JSON %s: %v", theirs[j], err)
				continue
			}
			back.ID = p.ID
			want := staticFirst(&syntax.PolicySet{Policies: []*syntax.Policy{p}}).Policies[0]
			// Cedar writes record fields sorted; the text keeps its order.
			byKey := cmpopts.SortSlices(func(a, b syntax.Field) bool { return a.Key < b.Key })
			if diff := cmp.Diff(want, back, ignorePos, cmpopts.EquateEmpty(), byKey); diff != "" {
				t.Errorf("Cedar's JSON reads to a different tree than the text (-text +json):\n%s", diff)
			}
			compared++
		}
	}
	if i != len(texts) {
		t.Fatalf("node answered %d of %d policy sets\n%s", i, len(texts), stderr.String())
	}
	t.Logf("%d policies: our JSON equals Cedar's and Cedar's reads back to the parsed tree; %d more equal up to JavaScript number precision", compared, inexact)
}

// sameJSON compares two JSON texts as values. Numbers compare exactly by
// their text, or, when exact is false, as float64 (as JavaScript sees
// them).
func sameJSON(t *testing.T, a, b []byte, exact bool) bool {
	t.Helper()
	decode := func(src []byte) any {
		d := json.NewDecoder(bytes.NewReader(src))
		if exact {
			d.UseNumber()
		}
		var v any
		if err := d.Decode(&v); err != nil {
			t.Fatalf("%v: %s", err, src)
		}
		return v
	}
	return reflect.DeepEqual(decode(a), decode(b))
}

func compact(b []byte) string {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return string(b)
	}
	return buf.String()
}

func printPolicyText(s string) string {
	if len(s) > 2000 {
		return s[:2000] + "..."
	}
	return strings.TrimSpace(s)
}
