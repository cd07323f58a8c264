package cedarjson

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"
)

// policyToTextScript answers each line (the exact text of one policy in
// policy JSON) with whether the official engine reads it.
const policyToTextScript = `
const c = require(process.argv[1]);
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const orig = JSON.stringify;
for (const line of lines) {
  if (line === '') continue;
  const sentinel = {};
  JSON.stringify = function (v, ...rest) { return v === sentinel ? line : orig.call(JSON, v, ...rest); };
  let r;
  try { r = c.policyToText(sentinel); } catch (e) { r = {type: 'thrown', errors: [{message: String(e)}]}; }
  JSON.stringify = orig;
  process.stdout.write(orig({ok: r.type === 'success', msg: r.errors ? r.errors.map(e => e.message).join('; ') : ''}) + '\n');
}
`

// TestPolicyJSONAgreesWithCedar checks that UnmarshalPolicy accepts and
// rejects the policy JSON the official engine does. The engine's
// policyToText reads static policies only, so templates are not among the
// cases (UnmarshalPolicy reads both).
func TestPolicyJSONAgreesWithCedar(t *testing.T) {
	node, module := cedarWasm(t)
	const all = `"principal": {"op": "All"}, "action": {"op": "All"}, "resource": {"op": "All"}`
	when := func(body string) string {
		return `{"effect": "permit", ` + all + `, "conditions": [{"kind": "when", "body": ` + body + `}]}`
	}
	scope := func(p, a, r string) string {
		return `{"effect": "forbid", "principal": ` + p + `, "action": ` + a + `, "resource": ` + r + `, "conditions": []}`
	}
	tests := []struct{ name, src string }{
		{"minimal", `{"effect": "permit", ` + all + `, "conditions": []}`},
		{"lowercase all", scope(`{"op": "all"}`, `{"op": "All"}`, `{"op": "All"}`)},
		{"annotations", `{"effect": "permit", ` + all + `, "conditions": [], "annotations": {"a": null, "b": "x"}}`},
		{"annotation number", `{"effect": "permit", ` + all + `, "conditions": [], "annotations": {"a": 1}}`},
		{"annotation bad key", `{"effect": "permit", ` + all + `, "conditions": [], "annotations": {"a b": "x"}}`},
		{"missing conditions", `{"effect": "permit", ` + all + `}`},
		{"unknown policy field", `{"effect": "permit", ` + all + `, "conditions": [], "x": 1}`},
		{"bad effect", `{"effect": "allow", ` + all + `, "conditions": []}`},
		{"is in scope", scope(`{"op": "is", "entity_type": "User", "in": {"entity": {"type": "G", "id": "g"}}}`, `{"op": "All"}`, `{"op": "All"}`)},
		{"is on action", scope(`{"op": "All"}`, `{"op": "is", "entity_type": "Action"}`, `{"op": "All"}`)},
		{"action not action", scope(`{"op": "All"}`, `{"op": "==", "entity": {"type": "User", "id": "a"}}`, `{"op": "All"}`)},
		{"action entities", scope(`{"op": "All"}`, `{"op": "in", "entities": [{"type": "Action", "id": "a"}, {"__entity": {"type": "NS::Action", "id": "b"}}]}`, `{"op": "All"}`)},
		{"wrong slot", scope(`{"op": "==", "slot": "?resource"}`, `{"op": "All"}`, `{"op": "All"}`)},
		{"ops", when(`{"&&": {"left": {"!=": {"left": {"Var": "principal"}, "right": {"Value": 1}}}, "right": {">=": {"left": {"Value": 1}, "right": {"neg": {"arg": {"Value": 2}}}}}}}`)},
		{"has path", when(`{"has": {"left": {"Var": "context"}, "attr": ["a", "b"]}}`)},
		{"has empty path", when(`{"has": {"left": {"Var": "context"}, "attr": []}}`)},
		{"like", when(`{"like": {"left": {"Var": "context"}, "pattern": ["Wildcard", {"Literal": "ab"}]}}`)},
		{"like string pattern", when(`{"like": {"left": {"Var": "context"}, "pattern": "a*"}}`)},
		{"extension call", when(`{"lessThan": [{"decimal": [{"Value": "1.0"}]}, {"Value": {"__extn": {"fn": "decimal", "arg": "2.0"}}}]}`)},
		{"unknown function", when(`{"frob": [{"Value": 1}]}`)},
		{"unknown operator", when(`{"Bogus": {"x": 1}}`)},
		{"two keys", when(`{"Var": "principal", "Slot": "?principal"}`)},
		{"slot in condition", when(`{"Slot": "?principal"}`)},
		{"null value", when(`{"Value": null}`)},
		{"record-like value", when(`{"Value": {"type": "A", "id": "b"}}`)},
		{"duplicate record key", when(`{"Record": {"a": {"Value": 1}, "a": {"Value": 2}}}`)},
		{"big integer", when(`{"==": {"left": {"Value": 9223372036854775807}, "right": {"Value": -9223372036854775808}}}`)},
		{"integer overflow", when(`{"Value": 9223372036854775808}`)},
		{"float", when(`{"Value": 1.5}`)},
		{"bad var", when(`{"Var": "subject"}`)},
		{"is bad type", when(`{"is": {"left": {"Var": "principal"}, "entity_type": "if"}}`)},
		{"extra operand field", when(`{"==": {"left": {"Value": 1}, "right": {"Value": 1}, "x": 1}}`)},
		{"if", when(`{"if-then-else": {"if": {"Value": true}, "then": {"Set": []}, "else": {"Record": {}}}}`)},
	}
	var in bytes.Buffer
	for _, tt := range tests {
		var c bytes.Buffer
		if err := json.Compact(&c, []byte(tt.src)); err != nil {
			// Duplicate keys are still valid input for json.Compact.
			t.Fatalf("%s: %v", tt.name, err)
		}
		in.Write(c.Bytes())
		in.WriteByte('\n')
	}
	cmd := exec.Command(node, "-e", policyToTextScript, module)
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
		var cedar struct {
			OK  bool
			Msg string
		}
		if err := json.Unmarshal(sc.Bytes(), &cedar); err != nil {
			t.Fatal(err)
		}
		tt := tests[i]
		_, ourErr := UnmarshalPolicy("p.json", []byte(tt.src))
		if (ourErr == nil) != cedar.OK {
			t.Errorf("%s: we accept=%v (%v), Cedar accept=%v (%s)", tt.name, ourErr == nil, ourErr, cedar.OK, cedar.Msg)
		}
	}
	if i != len(tests) {
		t.Fatalf("node answered %d of %d cases\n%s", i, len(tests), stderr.String())
	}
}
