package schema

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// officialChecker runs schemas through the official Cedar implementation,
// the npm package @cedar-policy/cedar-wasm, when it is installed in a
// node_modules directory above the working directory (`npm ci` at the
// repository root). Tests that need it skip otherwise.
type officialChecker struct {
	node, script string
}

// officialAnswer is what the official implementation says about a schema:
// whether it accepts it, and for an accepted text schema its JSON form with
// every type reference resolved.
type officialAnswer struct {
	OK       bool   `json:"ok"`
	Msg      string `json:"msg"`
	Resolved string `json:"resolved"`
}

const officialScript = `
const cedar = require(process.argv[2]);
const cases = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const out = [];
for (const c of cases) {
  let schema = c.src;
  if (c.json) {
    try { schema = JSON.parse(c.src); } catch (e) { out.push({ok: false, msg: 'invalid JSON: ' + e.message, resolved: ''}); continue; }
  }
  let r;
  try { r = cedar.checkParseSchema(schema); } catch (e) { r = {type: 'exception', errors: [{message: String(e)}]}; }
  const a = {ok: r.type === 'success', msg: r.type === 'success' ? '' : r.errors.map(e => e.message).join(' | '), resolved: ''};
  if (a.ok && !c.json) {
    const x = cedar.schemaToJsonWithResolvedTypes(c.src);
    if (x.type === 'success') a.resolved = JSON.stringify(x.json);
  }
  out.push(a);
}
process.stdout.write(JSON.stringify(out));
`

func newOfficialChecker(t *testing.T) *officialChecker {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping the official implementation in -short mode")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		t.Skip("node is not installed")
	}
	dir, _ := os.Getwd()
	var pkg string
	for {
		p := filepath.Join(dir, "node_modules", "@cedar-policy", "cedar-wasm", "nodejs")
		if _, err := os.Stat(p); err == nil {
			pkg = p
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("@cedar-policy/cedar-wasm is not installed (run npm ci at the repository root)")
		}
		dir = parent
	}
	script := filepath.Join(t.TempDir(), "check.js")
	if err := os.WriteFile(script, []byte(officialScript), 0o644); err != nil {
		t.Fatal(err)
	}
	return &officialChecker{node: node, script: script + "\x00" + pkg}
}

type officialCase struct {
	JSON bool   `json:"json"`
	Src  string `json:"src"`
}

// check asks the official implementation about each case. It runs a fresh
// node process per few hundred schemas: long-running wasm processes are
// known to die in V8 (see cedar-wasm-notes.md).
func (c *officialChecker) check(t *testing.T, cases []officialCase) []officialAnswer {
	t.Helper()
	script, pkg, _ := strings.Cut(c.script, "\x00")
	var out []officialAnswer
	for lo := 0; lo < len(cases); lo += 300 {
		batch := cases[lo:min(lo+300, len(cases))]
		in, _ := json.Marshal(batch)
		cmd := exec.Command(c.node, "--no-opt", script, pkg)
		cmd.Stdin = bytes.NewReader(in)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		res, err := cmd.Output()
		if err != nil {
			t.Fatalf("node: %v\n%s", err, stderr.String())
		}
		var answers []officialAnswer
		if err := json.Unmarshal(res, &answers); err != nil || len(answers) != len(batch) {
			t.Fatalf("bad answer from node (%v): %.200s", err, res)
		}
		out = append(out, answers...)
	}
	return out
}

func parseCase(c officialCase) (*syntax.Schema, error) {
	if c.JSON {
		return ParseJSON("s.json", []byte(c.Src))
	}
	return ParseCedar("s.cedarschema", []byte(c.Src))
}

// TestAgainstOfficial checks that this package accepts exactly the schemas
// the official implementation accepts, and resolves text schemas to the
// same types, on the test tables and on random schemas with colliding
// names.
func TestAgainstOfficial(t *testing.T) {
	checker := newOfficialChecker(t)
	var cases []officialCase
	for _, tt := range invalidSchemas {
		switch tt.kind {
		case KindNestingTooDeep: // a limit of this package, not of Cedar
			continue
		case KindDuplicateKey: // JSON.parse in node drops duplicate keys
			continue
		}
		cases = append(cases, officialCase{tt.json, tt.src})
	}
	for _, tt := range validSchemas {
		cases = append(cases, officialCase{tt.json, tt.src})
	}
	r := rand.New(rand.NewSource(2))
	for i := 0; i < 1000; i++ {
		cases = append(cases, officialCase{false, randomTextSchema(r)}, officialCase{true, string(randomJSONSchema(r))})
	}
	answers := checker.check(t, cases)
	var accepted, compared, mismatches int
	for i, c := range cases {
		a := answers[i]
		mine, err := parseCase(c)
		if a.OK {
			accepted++
		}
		if (err == nil) != a.OK {
			mismatches++
			if mismatches <= 10 {
				t.Errorf("official accepts: %v (%s); this package: %v\n%s", a.OK, a.Msg, err, c.Src)
			}
			continue
		}
		if a.Resolved == "" || err != nil {
			continue
		}
		compared++
		theirs, err := ParseJSON("official.json", []byte(a.Resolved))
		if err != nil || !cmp.Equal(mine, theirs) {
			mismatches++
			if mismatches <= 10 {
				t.Errorf("resolved differently (%v) (-mine +official):\n%s\n%s", err, cmp.Diff(mine, theirs), c.Src)
			}
		}
	}
	t.Logf("%d schemas, %d accepted by Cedar, %d resolutions compared, %d mismatches", len(cases), accepted, compared, mismatches)
}

// randomTextSchema builds a small text schema from a tiny pool of names.
func randomTextSchema(r *rand.Rand) string {
	pick := func(xs ...string) string { return xs[r.Intn(len(xs))] }
	ref := func() string {
		n := pick("A", "A", "B", "Long", "Bool", "String", "ipaddr", "decimal", "T")
		switch r.Intn(12) {
		case 0:
			return "__cedar::" + pick("Long", "Bool", "String", "ipaddr", "datetime")
		case 1:
			return pick("N", "M", "N::M") + "::" + n
		}
		return n
	}
	var typ func(depth int) string
	typ = func(depth int) string {
		switch k := r.Intn(7); {
		case k == 0 && depth < 2:
			return "Set<" + typ(depth+1) + ">"
		case k == 1 && depth < 2:
			var attrs []string
			for i := r.Intn(3); i > 0; i-- {
				attrs = append(attrs, pick("a", "b", `"c d"`)+pick("", "?")+": "+typ(depth+1))
			}
			return "{" + strings.Join(attrs, ", ") + "}"
		}
		return ref()
	}
	decl := func() string {
		switch k := r.Intn(20); {
		case k < 8:
			s := "entity " + pick("A", "B", "A, B", "Long", "T", "ipaddr", "Set", "A, B, T")
			if r.Intn(7) == 0 {
				return s + ` enum ["x", "y"];`
			}
			if r.Intn(3) == 0 {
				s += " in [" + ref() + "]"
			}
			if r.Intn(2) == 0 {
				s += " = {a: " + typ(1) + "}"
			}
			if r.Intn(5) == 0 {
				s += " tags " + typ(1)
			}
			return s + ";"
		case k < 13:
			return "type " + pick("T", "C", "A", "ipaddr", "U") + " = " + typ(0) + ";"
		}
		s := "action " + pick(`"r"`, `"w"`, `"g"`, `"r", "w"`, `"g", w`)
		if r.Intn(3) == 0 {
			s += " in [" + pick(`"g"`, `g`, `"r"`, `Action::"g"`, `N::Action::"g"`, `M::Action::"r"`) + "]"
		}
		if r.Intn(2) == 0 {
			s += " appliesTo { principal: [" + ref() + "], resource: " + ref()
			if r.Intn(2) == 0 {
				s += ", context: " + pick("{a: "+typ(1)+"}", "T", "C", "N::T")
			}
			s += " }"
		}
		return s + ";"
	}
	var parts []string
	for i := 1 + r.Intn(3); i > 0; i-- {
		var body []string
		for j := 1 + r.Intn(4); j > 0; j-- {
			body = append(body, decl())
		}
		ns := pick("", "", "N", "N", "M", "N::M")
		if ns == "" {
			parts = append(parts, strings.Join(body, "\n"))
		} else {
			parts = append(parts, "namespace "+ns+" {\n"+strings.Join(body, "\n")+"\n}")
		}
	}
	return strings.Join(parts, "\n")
}
