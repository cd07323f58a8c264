package corpus

import (
	"encoding/json"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Test is one integration test: a policy set, an entity set and a schema,
// whether the policies should validate against the schema, and requests
// with their expected answers.
type Test struct {
	// Name is where the test came from: the path of its JSON file, or
	// "archive.tar.gz:corpus-tests/<hash>.json" for an archive member.
	Name string

	// The file names as written in the test, relative to the folder that
	// holds tests/ or corpus-tests/ (or absolute).
	PoliciesFile string
	EntitiesFile string
	SchemaFile   string

	PolicyText string            // the policy file, as read; "" when it is policy JSON
	Policies   *syntax.PolicySet // parsed; ids policy0, policy1, ... in text order (policy JSON: its ids)
	// PolicyJSON is the policy file when it is policy JSON (an extension
	// of the format, see the package documentation), as read; Save writes
	// the policies in that form when it is set.
	PolicyJSON   []byte
	SchemaText   string         // the schema file, as read (Cedar or JSON syntax)
	Schema       *syntax.Schema // nil only for tests built in code without one
	EntitiesJSON []byte         // the entities file, as read
	Entities     []*syntax.EntityData
	// EntitiesDoNotConform says the entities do not conform to the schema
	// (the extension field "entitiesConform": false): they were read
	// without it, and a replay expects validation to reject them.
	EntitiesDoNotConform bool

	ShouldValidate bool
	Requests       []*Request
}

// Request is one request of a test and the answer it expects.
type Request struct {
	Description string

	Principal syntax.EntityUID
	Action    syntax.EntityUID
	Resource  syntax.EntityUID
	// Context is the context record, parsed with the test's schema (so
	// that implicit extension values and entity references are resolved).
	Context *syntax.RecordExpr
	// ContextJSON is the context as written in the test file.
	ContextJSON json.RawMessage

	// ValidateRequest asks that the request be checked against the schema
	// before it is authorized; the check must succeed.
	ValidateRequest bool

	Decision diff.Decision
	Reasons  []string // ids of the determining policies
	Errors   []string // ids of the policies whose evaluation errored
}

// Expected returns the response the request expects, normalized.
func (r *Request) Expected() diff.Response {
	return diff.Response{Decision: r.Decision, Reasons: r.Reasons, Errors: r.Errors}.Normalize()
}

// SyntaxRequest returns the request as the implementations take it.
func (r *Request) SyntaxRequest() *syntax.Request {
	req := &syntax.Request{Principal: r.Principal, Action: r.Action, Resource: r.Resource}
	if r.Context != nil {
		req.Context = r.Context
	} else {
		req.Context = &syntax.RecordExpr{}
	}
	return req
}

// Input returns the test's policies, entities and schema as the
// implementations take them.
func (t *Test) Input() *diff.Input {
	return &diff.Input{
		Name:         t.Name,
		Policies:     t.Policies,
		Entities:     t.Entities,
		Schema:       t.Schema,
		PolicyText:   t.PolicyText,
		SchemaText:   t.SchemaText,
		EntitiesJSON: t.EntitiesJSON,
	}
}
