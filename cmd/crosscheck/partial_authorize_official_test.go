package main

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

// officialPartialScript answers one isAuthorizedPartial call read from
// standard input with the official engine, keeping only the residuals
// that are not trivially true or false (the official CLI prints those).
const officialPartialScript = `
const c = require('@cedar-policy/cedar-wasm/nodejs');
let src = ''; process.stdin.on('data', d => src += d).on('end', () => {
  const a = c.isAuthorizedPartial(JSON.parse(src));
  if (a.type !== 'residuals') { console.log(JSON.stringify(a)); return; }
  const r = a.response, residuals = {};
  for (const id of r.nontrivialResiduals) residuals[id] = r.residuals[id];
  console.log(JSON.stringify({decision: r.decision || 'unknown', satisfied: r.satisfied, errored: r.errored,
    mayBeDetermining: r.mayBeDetermining, mustBeDetermining: r.mustBeDetermining, residuals}));
});`

// TestPartiallyAuthorizeMatchesOfficial compares partially-authorize
// --format json with the official engine's isAuthorizedPartial on cases
// whose residuals have one form (no sets or extension values, which each
// side may write differently but equally): the decision, the policy
// classifications and the residual policy JSON must be the same.
func TestPartiallyAuthorizeMatchesOfficial(t *testing.T) {
	node, modules, err := cedarwasm.Locate()
	if err != nil {
		t.Skip(err)
	}
	const unk = `{"__extn": {"fn": "unknown", "arg": "x"}}`
	for _, tc := range []struct {
		name, policies, entities, context string
		principal, action, resource       string // "" is unknown; else JSON {"type","id"}
	}{
		{name: "unknown principal and context value",
			policies: `permit(principal == User::"a", action, resource) when { context.x > 1 && (1 + "a") == 2 };
forbid(principal, action, resource) when { resource.owner == principal };
permit(principal, action, resource) when { if context.x then principal.foo else false };`,
			action: `Action::"view"`, resource: `Doc::"d"`, context: `{"x": ` + unk + `}`,
			entities: `[{"uid": {"type": "Doc", "id": "d"}, "attrs": {"owner": {"__entity": {"type": "User", "id": "u"}}}, "parents": []}]`},
		{name: "unknown resource, known rest",
			policies: `permit(principal, action == Action::"view", resource in Folder::"f") when { resource has owner && resource.owner == principal };
forbid(principal, action, resource) unless { context.ok };
permit(principal is User, action, resource is Doc) when { principal.level < 3 || resource like "*" };`,
			principal: `User::"u"`, action: `Action::"view"`, context: `{"ok": true}`,
			entities: `[{"uid": {"type": "User", "id": "u"}, "attrs": {"level": 2}, "parents": []}]`},
		{name: "everything unknown",
			policies: `permit(principal, action, resource) when { context.x.y == 1 };
forbid(principal in Group::"g", action, resource) when { !(context.x has z) };
permit(principal, action, resource);`,
			context: `{"x": ` + unk + `}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			pol := filepath.Join(dir, "p.cedar")
			ent := filepath.Join(dir, "e.json")
			ents := tc.entities
			if ents == "" {
				ents = "[]"
			}
			if err := os.WriteFile(pol, []byte(tc.policies), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(ent, []byte(ents), 0o644); err != nil {
				t.Fatal(err)
			}
			args := []string{"partially-authorize", "--policies", pol, "--entities", ent, "--context", tc.context, "--format", "json"}
			call := map[string]any{"policies": map[string]any{"staticPolicies": tc.policies},
				"entities": json.RawMessage(ents), "context": json.RawMessage(tc.context)}
			for _, v := range []struct{ role, uid string }{{"principal", tc.principal}, {"action", tc.action}, {"resource", tc.resource}} {
				call[v.role] = nil
				if v.uid != "" {
					args = append(args, "--"+v.role, v.uid)
					call[v.role] = uidJSON(t, v.uid)
				}
			}
			code, out, errOut := runCLI(t, args...)
			if code != exitOK {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			callJSON, err := json.Marshal(call)
			if err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(node, "-e", officialPartialScript)
			cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
			cmd.Stdin = bytes.NewReader(callJSON)
			official, err := cmd.Output()
			if err != nil {
				t.Fatalf("node: %v", err)
			}
			ours, theirs := normalizePartial(t, []byte(out)), normalizePartial(t, official)
			if !reflect.DeepEqual(ours, theirs) {
				t.Errorf("crosscheck:\n%s\nofficial:\n%s", mustJSON(ours), mustJSON(theirs))
			}
		})
	}
}

func uidJSON(t *testing.T, text string) map[string]string {
	t.Helper()
	var typ, id string
	for i := 0; i+1 < len(text); i++ {
		if text[i] == ':' && text[i+1] == ':' {
			typ, id = text[:i], text[i+3:len(text)-1]
			break
		}
	}
	return map[string]string{"type": typ, "id": id}
}

// normalizePartial keeps the compared fields, with the id lists sorted.
func normalizePartial(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	out := map[string]any{"decision": m["decision"], "residuals": m["residuals"]}
	for _, k := range []string{"satisfied", "errored", "mayBeDetermining", "mustBeDetermining"} {
		var ids []string
		for _, v := range m[k].([]any) {
			ids = append(ids, v.(string))
		}
		slices.Sort(ids)
		out[k] = ids
	}
	return out
}

func mustJSON(v any) string {
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}
