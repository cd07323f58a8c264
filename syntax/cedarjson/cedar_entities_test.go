package cedarjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// checkEntitiesScript answers each call (two lines: a JSON header
// {"schema": bool}, then the exact entities JSON text) with whether the
// official engine accepts the entities. The text reaches the engine
// unparsed by JavaScript (JSON.stringify is made to return it as is), so
// duplicate keys and 64-bit integers arrive exactly as written.
const checkEntitiesScript = `
const c = require(process.argv[1]);
const schema = process.argv[2];
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const orig = JSON.stringify;
for (let i = 0; i + 1 < lines.length; i += 2) {
  const head = JSON.parse(lines[i]);
  const body = '{"entities":' + lines[i + 1] + (head.schema ? ',"schema":' + orig(schema) : '') + '}';
  const sentinel = {};
  JSON.stringify = function (v, ...rest) { return v === sentinel ? body : orig.call(JSON, v, ...rest); };
  let r;
  try { r = c.checkParseEntities(sentinel); } catch (e) { r = {type: 'thrown', errors: [{message: String(e)}]}; }
  JSON.stringify = orig;
  process.stdout.write(orig({ok: r.type === 'success', msg: r.errors ? r.errors.map(e => e.message).join('; ') : ''}) + '\n');
}
`

// TestEntitiesAgreeWithCedar checks that ParseEntities accepts and
// rejects what the official engine does, except where this package is
// deliberately stricter or leaves a check to evaluation.
func TestEntitiesAgreeWithCedar(t *testing.T) {
	node, module := cedarWasm(t)
	schemaText, err := schema.CedarText(testSchema())
	if err != nil {
		t.Fatal(err)
	}
	const (
		agree    = iota // same verdict as Cedar
		stricter        // we reject what Cedar accepts (see the package doc)
		later           // Cedar rejects when it evaluates the values, which implementations do
	)
	u := func(attrs string) string {
		return `[{"uid": {"type": "User", "id": "a"}, "attrs": ` + attrs + `, "parents": []}]`
	}
	tests := []struct {
		name   string
		src    string
		schema bool
		how    int
	}{
		{"plain", u(`{"name": "n", "x": [1, "s", {"a": true}]}`), false, agree},
		{"escapes", u(`{"e": {"__entity": {"type": "A", "id": "x"}}, "i": {"__extn": {"fn": "ip", "arg": "1.2.3.4"}}}`), false, agree},
		{"extn args", u(`{"i": {"__extn": {"fn": "ip", "args": ["1.2.3.4"]}}}`), false, agree},
		{"type-id record", u(`{"r": {"type": "A", "id": "x"}}`), false, agree},
		{"max i64", u(`{"n": 9223372036854775807, "m": -9223372036854775808}`), false, agree},
		{"i64 overflow", u(`{"n": 9223372036854775808}`), false, agree},
		{"float", u(`{"n": 1.0}`), false, agree},
		{"exponent", u(`{"n": 1e3}`), false, agree},
		{"null", u(`{"n": null}`), false, agree},
		{"duplicate attr", u(`{"n": 1, "n": 2}`), false, agree},
		{"duplicate nested", u(`{"r": {"a": 1, "a": 1}}`), false, agree},
		{"expr escape", u(`{"n": {"__expr": "1"}}`), false, agree},
		{"unknown function", u(`{"n": {"__extn": {"fn": "frob", "arg": "1"}}}`), false, agree},
		{"missing attrs", `[{"uid": {"type": "A", "id": "a"}, "parents": []}]`, false, agree},
		{"missing parents", `[{"uid": {"type": "A", "id": "a"}, "attrs": {}}]`, false, agree},
		{"reserved type", `[{"uid": {"type": "__cedar::A", "id": "a"}, "attrs": {}, "parents": []}]`, false, agree},
		{"keyword type", `[{"uid": {"type": "if", "id": "a"}, "attrs": {}, "parents": []}]`, false, agree},
		{"spaced type", `[{"uid": {"type": "A ", "id": "a"}, "attrs": {}, "parents": []}]`, false, agree},
		{"identical duplicates", `[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": 1}, "parents": []}, {"uid": {"type": "A", "id": "a"}, "attrs": {"x": 1}, "parents": []}]`, false, agree},
		{"different duplicates", `[{"uid": {"type": "A", "id": "a"}, "attrs": {"x": 1}, "parents": []}, {"uid": {"type": "A", "id": "a"}, "attrs": {"x": 2}, "parents": []}]`, false, agree},
		{"unknown entity field", `[{"uid": {"type": "A", "id": "a"}, "attrs": {}, "parents": [], "x": 1}]`, false, stricter},
		{"unknown uid field", `[{"uid": {"type": "A", "id": "a", "x": 1}, "attrs": {}, "parents": []}]`, false, stricter},
		{"escape with extra key", u(`{"e": {"__entity": {"type": "A", "id": "x"}, "y": 1}}`), false, stricter},
		{"bad ip argument", u(`{"i": {"__extn": {"fn": "ip", "arg": "nope"}}}`), false, later},

		{"schema ok", u(`{"name": "n", "age": 3, "manager": {"type": "User", "id": "b"}, "ip": "1.2.3.4", "tags": ["t"], "addr": {"zip": 1}}`), true, agree},
		{"schema explicit forms", u(`{"name": "n", "manager": {"__entity": {"type": "User", "id": "b"}}, "ip": {"__extn": {"fn": "ip", "arg": "::1"}}}`), true, agree},
		{"schema fn-arg form", u(`{"name": "n", "ip": {"fn": "ip", "arg": "::1"}}`), true, agree},
		{"schema missing attr", u(`{}`), true, agree},
		{"schema extra attr", u(`{"name": "n", "x": 1}`), true, agree},
		{"schema type mismatch", u(`{"name": 1}`), true, agree},
		{"schema nested mismatch", u(`{"name": "n", "addr": {"zip": "1"}}`), true, agree},
		{"schema nested missing", u(`{"name": "n", "addr": {}}`), true, agree},
		{"schema wrong entity type", u(`{"name": "n", "manager": {"type": "Group", "id": "g"}}`), true, agree},
		{"schema wrong extension", u(`{"name": "n", "ip": {"fn": "decimal", "arg": "1.0"}}`), true, agree},
		{"schema set of wrong", u(`{"name": "n", "tags": [1]}`), true, agree},
		{"schema undeclared type", `[{"uid": {"type": "Nope", "id": "a"}, "attrs": {}, "parents": []}]`, true, agree},
		{"schema bad parent", `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": [{"type": "User", "id": "b"}]}]`, true, agree},
		{"schema good parent", `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": [{"type": "Group", "id": "g"}]}]`, true, agree},
		{"schema enum ok", `[{"uid": {"type": "Color", "id": "red"}, "attrs": {}, "parents": []}]`, true, agree},
		{"schema enum bad", `[{"uid": {"type": "Color", "id": "blue"}, "attrs": {}, "parents": []}]`, true, agree},
		{"schema tags ok", `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": [], "tags": {"t": "v"}}]`, true, agree},
		{"schema tags mistyped", `[{"uid": {"type": "User", "id": "a"}, "attrs": {"name": "n"}, "parents": [], "tags": {"t": 1}}]`, true, agree},
		{"schema tags undeclared", `[{"uid": {"type": "Group", "id": "g"}, "attrs": {}, "parents": [], "tags": {"t": "v"}}]`, true, agree},
		{"schema empty tags undeclared", `[{"uid": {"type": "Group", "id": "g"}, "attrs": {}, "parents": [], "tags": {}}]`, true, agree},
		{"schema action exact", `[{"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": [{"type": "Action", "id": "all"}]}]`, true, agree},
		{"schema action wrong parents", `[{"uid": {"type": "Action", "id": "read"}, "attrs": {}, "parents": []}]`, true, agree},
		{"schema action undeclared", `[{"uid": {"type": "Action", "id": "write"}, "attrs": {}, "parents": []}]`, true, agree},
		{"schema implicit ip number", u(`{"name": "n", "ip": 5}`), true, later},
	}

	var in bytes.Buffer
	for _, tt := range tests {
		head, _ := json.Marshal(map[string]bool{"schema": tt.schema})
		in.Write(head)
		in.WriteByte('\n')
		var compactSrc bytes.Buffer
		if err := json.Compact(&compactSrc, []byte(tt.src)); err != nil {
			t.Fatalf("%s: test input is not JSON: %v", tt.name, err)
		}
		in.Write(compactSrc.Bytes())
		in.WriteByte('\n')
	}
	cmd := exec.Command(node, "-e", checkEntitiesScript, module, string(schemaText))
	cmd.Stdin = &in
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	sc := bufio.NewScanner(bytes.NewReader(out))
	i := 0
	for ; sc.Scan(); i++ {
		if i >= len(tests) {
			t.Fatalf("too many answers")
		}
		tt := tests[i]
		var cedar struct {
			OK  bool
			Msg string
		}
		if err := json.Unmarshal(sc.Bytes(), &cedar); err != nil {
			t.Fatal(err)
		}
		sch := testSchema()
		if !tt.schema {
			sch = nil
		}
		_, ourErr := ParseEntities("e.json", []byte(tt.src), sch)
		ours := ourErr == nil
		switch tt.how {
		case agree:
			if ours != cedar.OK {
				t.Errorf("%s: we accept=%v (%v), Cedar accept=%v (%s)", tt.name, ours, ourErr, cedar.OK, cedar.Msg)
			}
		case stricter:
			if ours || !cedar.OK {
				t.Errorf("%s: expected us to reject what Cedar accepts; we accept=%v, Cedar accept=%v (%s)", tt.name, ours, cedar.OK, cedar.Msg)
			}
		case later:
			if !ours || cedar.OK {
				t.Errorf("%s: expected Cedar to reject at evaluation what we accept; we accept=%v (%v), Cedar accept=%v", tt.name, ours, ourErr, cedar.OK)
			}
		}
	}
	if i != len(tests) {
		t.Fatalf("node answered %d of %d cases\n%s", i, len(tests), stderr.String())
	}
}
