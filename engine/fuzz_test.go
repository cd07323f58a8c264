package engine

import (
	"slices"
	"testing"
)

// FuzzAuthorize feeds arbitrary policy text, entity JSON and request
// JSON to the engine. Input that parses must authorize without panicking,
// and the indexed authorizer must agree with evaluating every policy.
func FuzzAuthorize(f *testing.F) {
	f.Add(`permit(principal in Group::"g", action, resource) when { resource.owner == principal };`,
		`[{"uid":{"type":"User","id":"a"},"attrs":{},"parents":[{"type":"Group","id":"g"}]},
		  {"uid":{"type":"Doc","id":"d"},"attrs":{"owner":{"__entity":{"type":"User","id":"a"}}},"parents":[]}]`,
		`{"principal":{"type":"User","id":"a"},"action":{"type":"Action","id":"v"},"resource":{"type":"Doc","id":"d"},"context":{}}`)
	f.Add(`forbid(principal, action, resource) unless { context.ip.isInRange(ip("10.0.0.0/8")) && decimal("1.5").lessThan(context.d) };
permit(principal == ?principal, action, resource);
permit(principal, action in [Action::"a", Action::"b"], resource is Doc in Folder::"f") when { principal.name like "a*b*" };`,
		`[{"uid":{"type":"Doc","id":"x"},"attrs":{"s":[1,2,{"a":"b"}]},"parents":[{"type":"Folder","id":"f"}],"tags":{"t":1}}]`,
		`{"principal":{"type":"User","id":"ab"},"action":{"type":"Action","id":"a"},"resource":{"type":"Doc","id":"x"},
		  "context":{"ip":{"__extn":{"fn":"ip","arg":"10.1.2.3"}},"d":{"__extn":{"fn":"decimal","arg":"2.0"}}}}`)
	f.Add(`permit(principal, action, resource) when { datetime("2024-01-01").offset(duration("1d")) > context.t && resource.getTag("k") == 1 };`,
		`[]`, `{"principal":{"type":"A","id":""},"action":{"type":"Action","id":""},"resource":{"type":"A","id":""},"context":{"t":1}}`)
	f.Fuzz(func(t *testing.T, policies, entities, request string) {
		ps, err := ParsePolicies("p.cedar", []byte(policies))
		if err != nil {
			return
		}
		es, err := ParseEntities("e.json", []byte(entities), nil)
		if err != nil {
			return
		}
		req, err := ParseRequest("r.json", []byte(request), nil)
		if err != nil {
			return
		}
		got := ps.Authorize(es, req)
		want := ps.authorizeAll(es, req)
		if got.Decision != want.Decision ||
			!slices.Equal(sortedCopy(got.Diagnostics.Reasons), sortedCopy(want.Diagnostics.Reasons)) ||
			!slices.Equal(sortedCopy(errorIDs(got)), sortedCopy(errorIDs(want))) {
			t.Fatalf("indexed %+v, exhaustive %+v", got, want)
		}
	})
}
