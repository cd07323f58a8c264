package engine_test

import (
	"fmt"
	"log"

	"github.com/cedar-crosscheck/crosscheck/engine"
)

func Example() {
	policies, err := engine.ParsePolicies("photos.cedar", []byte(`
		permit(principal in Group::"friends", action == Action::"view", resource)
		when { resource.public || principal == resource.owner };

		forbid(principal, action, resource)
		when { context.ip.isLoopback() };`))
	if err != nil {
		log.Fatal(err)
	}
	entities, err := engine.ParseEntities("entities.json", []byte(`[
		{"uid": {"type": "User", "id": "alice"}, "attrs": {}, "parents": [{"type": "Group", "id": "friends"}]},
		{"uid": {"type": "Group", "id": "friends"}, "attrs": {}, "parents": []},
		{"uid": {"type": "Photo", "id": "beach.jpg"}, "attrs": {"public": true, "owner": {"__entity": {"type": "User", "id": "bob"}}}, "parents": []}
	]`), nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, ip := range []string{"10.1.2.3", "127.0.0.1"} {
		req, err := engine.ParseRequest("request.json", []byte(`{
			"principal": {"type": "User", "id": "alice"},
			"action": {"type": "Action", "id": "view"},
			"resource": {"type": "Photo", "id": "beach.jpg"},
			"context": {"ip": {"__extn": {"fn": "ip", "arg": "`+ip+`"}}}
		}`), nil)
		if err != nil {
			log.Fatal(err)
		}
		resp := policies.Authorize(entities, req)
		fmt.Println(ip, resp.Decision, resp.Diagnostics.Reasons)
	}
	// Output:
	// 10.1.2.3 allow [policy0]
	// 127.0.0.1 deny [policy1]
}

func ExamplePolicySet_Authorize_errors() {
	policies, _ := engine.ParsePolicies("p.cedar", []byte(`permit(principal, action, resource)
when { resource.owner == principal };`))
	entities, _ := engine.ParseEntities("e.json", []byte(`[]`), nil)
	req, _ := engine.ParseRequest("r.json", []byte(`{
		"principal": {"type": "User", "id": "alice"},
		"action": {"type": "Action", "id": "view"},
		"resource": {"type": "Photo", "id": "missing"}}`), nil)
	resp := policies.Authorize(entities, req)
	fmt.Println(resp.Decision)
	for _, e := range resp.Diagnostics.Errors {
		fmt.Println(e)
	}
	// Output:
	// deny
	// p.cedar:2:8: policy policy0: EntityDoesNotExist: entity Photo::"missing" does not exist
}

func ExamplePolicySet_AuthorizeTo() {
	policies, _ := engine.ParsePolicies("p.cedar", []byte(`permit(principal == User::"alice", action, resource);`))
	entities, _ := engine.ParseEntities("e.json", []byte(`[]`), nil)
	req, _ := engine.ParseRequest("r.json", []byte(`{
		"principal": {"type": "User", "id": "alice"},
		"action": {"type": "Action", "id": "view"},
		"resource": {"type": "Photo", "id": "x"}}`), nil)
	// Reusing one Response makes repeated authorizations allocation-free.
	var resp engine.Response
	for i := 0; i < 3; i++ {
		policies.AuthorizeTo(entities, req, &resp)
	}
	fmt.Println(resp.Decision, resp.Diagnostics.Reasons)
	// Output:
	// allow [policy0]
}

func ExampleParsePoliciesJSON() {
	// A template and one link, in Cedar's policy JSON format.
	policies, err := engine.ParsePoliciesJSON("policies.json", []byte(`{
		"staticPolicies": {},
		"templates": {
			"viewers": {
				"effect": "permit",
				"principal": {"op": "==", "slot": "?principal"},
				"action": {"op": "==", "entity": {"type": "Action", "id": "view"}},
				"resource": {"op": "in", "slot": "?resource"},
				"conditions": []
			}
		},
		"templateLinks": [
			{"templateId": "viewers", "newId": "alice-album",
			 "values": {"?principal": {"type": "User", "id": "alice"}, "?resource": {"type": "Album", "id": "trip"}}}
		]
	}`))
	if err != nil {
		log.Fatal(err)
	}
	entities, _ := engine.ParseEntities("e.json", []byte(`[
		{"uid": {"type": "Photo", "id": "p1"}, "attrs": {}, "parents": [{"type": "Album", "id": "trip"}]}
	]`), nil)
	req, _ := engine.ParseRequest("r.json", []byte(`{
		"principal": {"type": "User", "id": "alice"},
		"action": {"type": "Action", "id": "view"},
		"resource": {"type": "Photo", "id": "p1"}}`), nil)
	decision, diag := policies.IsAuthorized(entities, req)
	fmt.Println(decision, diag.Reasons)
	// Output:
	// allow [alice-album]
}
