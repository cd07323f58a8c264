package protocol

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// example is a JSON block of docs/protocol.md: ```json request, or
// ```json response [OP] (OP names the result's operation).
type example struct {
	line int
	kind string // "request" or "response"
	op   string
	text string
}

var fence = regexp.MustCompile("(?m)^```json (request|response)( [a-z-]+)?\n((?s:.*?))^```$")

func docExamples(t *testing.T) []example {
	t.Helper()
	src, err := os.ReadFile("../docs/protocol.md")
	if err != nil {
		t.Fatal(err)
	}
	var out []example
	for _, m := range fence.FindAllSubmatchIndex(src, -1) {
		out = append(out, example{
			line: 1 + bytes.Count(src[:m[0]], []byte("\n")),
			kind: string(src[m[2]:m[3]]),
			op:   strings.TrimSpace(string(src[max(m[4], 0):max(m[5], 0)])),
			text: string(src[m[6]:m[7]]),
		})
	}
	return out
}

func compileSchemas(t *testing.T) (req, resp *jsonschema.Schema, results map[string]*jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	for _, name := range []string{"request", "response", "results"} {
		path := filepath.Join("..", "docs", "protocol", name+".schema.json")
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := c.AddResource(name+".schema.json", doc); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	if req, err = c.Compile("request.schema.json"); err != nil {
		t.Fatal(err)
	}
	if resp, err = c.Compile("response.schema.json"); err != nil {
		t.Fatal(err)
	}
	results = map[string]*jsonschema.Schema{}
	for _, op := range append([]Op{OpHello}, Capabilities...) {
		s, err := c.Compile("results.schema.json#/$defs/" + string(op))
		if err != nil {
			t.Fatalf("result schema of %s: %v", op, err)
		}
		results[string(op)] = s
	}
	return req, resp, results
}

// resultTypes are the Go types of each operation's result.
var resultTypes = map[string]func() any{
	"hello": func() any { return new(Hello) }, "authorize": func() any { return new(AuthorizeResult) },
	"validate": func() any { return new(ValidateResult) }, "validate-request": func() any { return new(ValidateRequestResult) },
	"validate-entities": func() any { return new(Validity) }, "parse-policies": func() any { return new(ParsePoliciesResult) },
	"parse-schema": func() any { return new(Validity) }, "evaluate": func() any { return new(EvaluateResult) },
	"format": func() any { return new(FormatResult) }, "partial-authorize": func() any { return new(PartialAuthorizeResult) },
	"validate-context": func() any { return new(ValidateRequestResult) }, "request-envs": func() any { return new(RequestEnvsResult) },
	"batch": func() any { return new(BatchResult) },
}

// TestDocExamples checks every example of docs/protocol.md against the
// JSON Schemas and decodes it strictly into this package's types, and
// that every operation has a worked request and result.
func TestDocExamples(t *testing.T) {
	reqSchema, respSchema, results := compileSchemas(t)
	exs := docExamples(t)
	seenReq, seenResult := map[string]bool{}, map[string]bool{}
	for _, ex := range exs {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(ex.text))
		if err != nil {
			t.Errorf("protocol.md:%d: not JSON: %v", ex.line, err)
			continue
		}
		switch ex.kind {
		case "request":
			if err := reqSchema.Validate(v); err != nil {
				t.Errorf("protocol.md:%d: the request does not match request.schema.json: %v", ex.line, err)
			}
			var req Request
			if err := strictDecode([]byte(ex.text), &req); err != nil {
				t.Errorf("protocol.md:%d: the request does not decode into Request: %v", ex.line, err)
			}
			seenReq[string(req.Op)] = true
		case "response":
			if err := respSchema.Validate(v); err != nil {
				t.Errorf("protocol.md:%d: the answer does not match response.schema.json: %v", ex.line, err)
			}
			resp, err := DecodeResponse([]byte(ex.text))
			if err != nil {
				t.Errorf("protocol.md:%d: the answer does not decode: %v", ex.line, err)
				continue
			}
			if err := strictDecode([]byte(ex.text), &Response{}); err != nil {
				t.Errorf("protocol.md:%d: the answer has members version 1 does not define: %v", ex.line, err)
			}
			if ex.op == "" {
				continue
			}
			rv, _ := jsonschema.UnmarshalJSON(bytes.NewReader(resp.Result))
			if err := results[ex.op].Validate(rv); err != nil {
				t.Errorf("protocol.md:%d: the result does not match results.schema.json#/$defs/%s: %v", ex.line, ex.op, err)
			}
			if err := strictDecode(resp.Result, resultTypes[ex.op]()); err != nil {
				t.Errorf("protocol.md:%d: the %s result does not decode: %v", ex.line, ex.op, err)
			}
			seenResult[ex.op] = true
		}
	}
	for _, op := range append([]Op{OpHello}, Capabilities...) {
		if !seenReq[string(op)] || !seenResult[string(op)] {
			t.Errorf("protocol.md has no worked example of %s (request %v, result %v)", op, seenReq[string(op)], seenResult[string(op)])
		}
	}
}

// TestSchemasRejectBadMessages makes sure the schemas are not vacuous:
// each of these breaks one rule of the protocol.
func TestSchemasRejectBadMessages(t *testing.T) {
	reqSchema, respSchema, results := compileSchemas(t)
	tests := []struct {
		name, msg string
		schema    *jsonschema.Schema
	}{
		{"request without id", `{"op":"hello","protocol":1}`, reqSchema},
		{"fractional id", `{"id":1.5,"op":"hello","protocol":1}`, reqSchema},
		{"unknown op", `{"id":1,"op":"launch"}`, reqSchema},
		{"authorize without test", `{"id":1,"op":"authorize"}`, reqSchema},
		{"policy without text or json", `{"id":1,"op":"authorize","test":{"policies":[{"id":"p"}]}}`, reqSchema},
		{"answer with result and error", `{"id":1,"result":{},"error":{"message":"x"}}`, respSchema},
		{"answer without id", `{"result":{}}`, respSchema},
		{"id beyond i64", `{"id":9223372036854775808,"result":{}}`, respSchema},
		{"hello of another version", `{"protocol":2,"name":"x","version":"1","cedar":"4.5","capabilities":[]}`, results["hello"]},
		{"unknown capability", `{"protocol":1,"name":"x","version":"1","cedar":"4.5","capabilities":["fly"]}`, results["hello"]},
		{"decision maybe", `{"answers":[{"decision":"maybe"}]}`, results["authorize"]},
		{"unknown error kind", `{"answers":[{"decision":"deny","errors":[{"policy":"p","kind":"oops"}]}]}`, results["authorize"]},
	}
	for _, tt := range tests {
		v, err := jsonschema.UnmarshalJSON(strings.NewReader(tt.msg))
		if err != nil {
			t.Fatal(err)
		}
		if tt.schema.Validate(v) == nil {
			t.Errorf("%s: %s is accepted", tt.name, tt.msg)
		}
	}
}

// TestGoMessagesMatchSchemas checks that what this package writes
// validates: a request of every kind the client sends.
func TestGoMessagesMatchSchemas(t *testing.T) {
	reqSchema, _, _ := compileSchemas(t)
	text := "permit(principal, action, resource);"
	uid := &EntityUID{Type: "User", ID: "a"}
	for _, req := range []*Request{
		{ID: 1, Op: OpHello, Protocol: Version},
		{ID: 2, Op: OpAuthorize, Test: &Test{Policies: []Policy{{ID: "p", Text: text, JSON: json.RawMessage(`{}`)}}, Entities: json.RawMessage(`[]`),
			Requests: []AuthRequest{{Principal: uid, Action: uid, Resource: uid, Context: json.RawMessage(`{}`)}}}},
		{ID: 3, Op: OpValidate, Test: &Test{Policies: []Policy{{ID: "p", Text: text}}, Schema: &Schema{Text: "entity User;"}}},
		{ID: 4, Op: OpParsePolicies, Text: &text},
	} {
		b, err := Marshal(req)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := jsonschema.UnmarshalJSON(bytes.NewReader(b))
		if err := reqSchema.Validate(v); err != nil {
			t.Errorf("%s: %v", b, err)
		}
	}
}

// strictDecode decodes one JSON value into v, refusing unknown fields
// and trailing data, and keeping numbers exact: the worked examples of
// docs/protocol.md use only the members version 1 defines.
func strictDecode(raw []byte, v any) error { return decodeJSON(raw, v, true) }
