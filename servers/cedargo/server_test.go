package main

import (
	"bufio"
	"strings"
	"testing"
)

// TestServe checks the server's answers to one line of each kind.
func TestServe(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"hello", `{"id": 1, "op": "hello", "protocol": 1}`, `"name":"cedar-go"`},
		{"authorize with an exact i64 and an overflow",
			`{"id": 9007199254740993, "op": "authorize", "test": {"policies": [{"id": "p", "text": "permit(principal, action, resource) when { context.n + 1 > 0 };"}, {"id": "q", "text": "permit(principal == User::\"ü\", action, resource);"}], "entities": [], "requests": [{"principal": {"type": "User", "id": "ü"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Photo", "id": "x"}, "context": {"n": 9223372036854775807}}]}}`,
			`{"id":9007199254740993,"result":{"answers":[{"decision":"allow","reasons":["q"],"errors":[{"policy":"p","kind":"other"`},
		{"a template", `{"id": 2, "op": "authorize", "test": {"policies": [{"id": "t", "template": true, "text": "permit(principal == ?principal, action, resource);"}], "requests": []}}`,
			`{"id":2,"unsupported":{"feature":"templates"`},
		{"a duplicate entity", `{"id": 3, "op": "authorize", "test": {"policies": [], "entities": [{"uid": {"type": "U", "id": "a"}, "attrs": {}, "parents": []}, {"uid": {"type": "U", "id": "a"}, "attrs": {}, "parents": []}], "requests": []}}`,
			`{"id":3,"unsupported":{"feature":"identical duplicate entities"`},
		{"a policy that does not parse", `{"id": 4, "op": "authorize", "test": {"policies": [{"id": "p", "text": "permit(principal"}], "requests": []}}`,
			`{"id":4,"error":{"message":"cedar-go rejected policy p: `},
		{"parse-policies", `{"id": 5, "op": "parse-policies", "text": "permit(principal, action, resource);"}`,
			`{"id":5,"result":{"valid":true,"policies":[{"id":"policy0","json":{"effect":"permit"`},
		{"an operation it lacks", `{"id": 6, "op": "format", "text": ""}`, `{"id":6,"unsupported":{"feature":"format"`},
		{"a malformed line", `{"id": 7, "op": `, `{"id":null,"error":{"message":"cannot read the request: `},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out strings.Builder
			if err := serve(strings.NewReader(c.in+"\n"), &out, handshake(), handle); err != nil {
				t.Fatal(err)
			}
			line, _ := bufio.NewReader(strings.NewReader(out.String())).ReadString('\n')
			if !strings.HasPrefix(line, c.want) && !strings.Contains(line, c.want) {
				t.Errorf("answer %s\nwant it to hold %s", line, c.want)
			}
		})
	}
}
