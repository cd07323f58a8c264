package diff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// ExecPrefix starts the --impl name of a protocol server: "exec:CMD ARGS".
const ExecPrefix = "exec:"

// ExecOptions configure Exec.
type ExecOptions struct {
	// Processes, Timeout and StartTimeout are as in protocol.Options.
	Processes    int
	Timeout      time.Duration
	StartTimeout time.Duration
}

// Exec runs the protocol server spec ("CMD ARGS", split like a shell
// splits words: see protocol.SplitCommand) under supervision (package
// protocol) and returns it as an Implementation named "exec:" + spec.
// The first process starts at once: a server that does not start, or
// whose handshake is wrong, is an error here. Close it when done.
//
// Authorize sends the whole input as one authorize request (every
// policy as Cedar text and policy JSON, the template links, the entity
// JSON, the schema as Cedar text, every request). Validate and
// ValidateRequest use validate and validate-request when the server
// lists them, and are ErrNoValidator otherwise. A test the server
// answers unsupported for is an *UnsupportedError; work on which its
// process died twice is an *InconclusiveError.
func Exec(spec string, opts ExecOptions) (*ExecImpl, error) {
	argv, err := protocol.SplitCommand(spec)
	if err != nil {
		return nil, fmt.Errorf("%s%s: %w", ExecPrefix, spec, err)
	}
	pool, err := protocol.NewPool(protocol.Options{Command: argv, Processes: opts.Processes, Timeout: opts.Timeout, StartTimeout: opts.StartTimeout})
	if err != nil {
		return nil, fmt.Errorf("%s%s: %w", ExecPrefix, spec, err)
	}
	return &ExecImpl{name: ExecPrefix + spec, pool: pool}, nil
}

// ExecImpl is the adapter of a protocol server; see Exec.
type ExecImpl struct {
	name string
	pool *protocol.Pool
	// textOnly: the server reads policies as Cedar text only (the
	// cedar-wasm server), so their policy JSON is not written.
	textOnly bool
}

func (x *ExecImpl) Name() string { return x.name }

// Hello is the server's handshake: its name, version, Cedar version and
// capabilities.
func (x *ExecImpl) Hello() protocol.Hello { return x.pool.Hello() }

// Close ends the server's processes.
func (x *ExecImpl) Close() { x.pool.Close() }

// Unsupported is always "": only the server can tell, and it tells in
// its answer (an *UnsupportedError from Authorize or Validate).
func (x *ExecImpl) Unsupported(*Input) string { return "" }

// Health reports what the pool's supervision saw. It makes ExecImpl
// Supervised.
func (x *ExecImpl) Health() OracleHealth {
	h := x.pool.Health()
	return OracleHealth{Sent: h.Work, Inconclusive: h.Inconclusive, Restarts: h.Restarts, Timeouts: h.Timeouts}
}

// Processes is the most server processes the pool runs at once.
func (x *ExecImpl) Processes() int { return x.pool.Processes() }

// call sends one request and turns the answers that are not results
// into the harness's errors (see harnessError).
func (x *ExecImpl) call(op protocol.Op, test *protocol.Test, out any) error {
	return x.callRequest(&protocol.Request{Op: op, Test: test}, out)
}

// callRequest is call for a request built by the caller.
func (x *ExecImpl) callRequest(req *protocol.Request, out any) error {
	err := x.pool.Result(context.Background(), req, out)
	return x.harnessError(req.Op, err)
}

// harnessError turns the errors of protocol.Pool.Result into the
// harness's: *InconclusiveError for work the pool could not finish,
// *UnsupportedError for an unsupported answer.
func (x *ExecImpl) harnessError(op protocol.Op, err error) error {
	var ue *protocol.UnsupportedError
	switch {
	case err == nil:
		return nil
	case errors.Is(err, protocol.ErrInconclusive):
		return &InconclusiveError{Impl: x.name, Reason: err.Error()}
	case errors.As(err, &ue):
		return &UnsupportedError{Impl: x.name, Feature: ue.Feature}
	}
	return err
}

func (x *ExecImpl) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	test, err := protocolTest(in, reqs, testParts{policyJSON: !x.textOnly, entities: true})
	if err != nil {
		return nil, err
	}
	var res protocol.AuthorizeResult
	if err := x.call(protocol.OpAuthorize, test, &res); err != nil {
		return nil, err
	}
	if len(res.Answers) != len(reqs) {
		return nil, fmt.Errorf("the server gave %d answers for %d requests", len(res.Answers), len(reqs))
	}
	answers := make([]Answer, len(reqs))
	for i, a := range res.Answers {
		answers[i] = execAnswer(a)
	}
	return answers, nil
}

func execAnswer(a protocol.Answer) Answer {
	if a.Error != "" {
		return Answer{Err: fmt.Errorf("the server could not authorize the request: %s", a.Error)}
	}
	var r Response
	switch a.Decision {
	case "allow":
		r.Decision = Allow
	case "deny":
	default:
		return Answer{Err: fmt.Errorf("the server answered decision %q (want allow or deny)", a.Decision)}
	}
	r.Reasons = a.Reasons
	for _, e := range a.Errors {
		r.Errors = append(r.Errors, e.Policy)
		r.Messages = append(r.Messages, fmt.Sprintf("%s: %s: %s", e.Policy, e.Kind, e.Message))
	}
	slices.Sort(r.Messages)
	return Answer{Response: r.Normalize()}
}

func (x *ExecImpl) Validate(in *Input) (Validation, error) {
	if !x.pool.Hello().Has(protocol.OpValidate) {
		return Validation{}, ErrNoValidator
	}
	if in.Schema == nil {
		return Validation{}, errors.New("validate: the input has no schema")
	}
	// validate reads the policies and the schema only.
	test, err := protocolTest(in, nil, testParts{policyJSON: !x.textOnly})
	if err != nil {
		return Validation{}, err
	}
	var res protocol.ValidateResult
	if err := x.call(protocol.OpValidate, test, &res); err != nil {
		return Validation{}, err
	}
	v := Validation{OK: res.Valid}
	for _, e := range res.Errors {
		v.Errors = append(v.Errors, e.Policy+": "+e.Message)
	}
	slices.Sort(v.Errors)
	return v, nil
}

// ParseText asks the server whether text parses, with op parse-policies
// (Cedar policy text) or parse-schema (Cedar schema text), and returns
// its verdict and messages; the policies or schema JSON it gives are not
// read. A server without op is an *UnsupportedError naming op.
func (x *ExecImpl) ParseText(op protocol.Op, text string) (ok bool, errs []string, err error) {
	if op != protocol.OpParsePolicies && op != protocol.OpParseSchema {
		return false, nil, fmt.Errorf("ParseText: %s is not a parse operation", op)
	}
	if !x.pool.Hello().Has(op) {
		return false, nil, &UnsupportedError{Impl: x.name, Feature: string(op)}
	}
	var res struct {
		Valid    bool            `json:"valid"`
		Policies json.RawMessage `json:"policies,omitempty"`
		JSON     json.RawMessage `json:"json,omitempty"`
		Errors   []string        `json:"errors,omitempty"`
	}
	if err := x.callRequest(&protocol.Request{Op: op, Text: &text}, &res); err != nil {
		return false, nil, err
	}
	return res.Valid, res.Errors, nil
}

// ValidateRequest uses the server's validate-request when it has it.
func (x *ExecImpl) ValidateRequest(s *syntax.Schema, req *syntax.Request) error {
	if !x.pool.Hello().Has(protocol.OpValidateRequest) {
		return ErrNoValidator
	}
	test, err := ProtocolTest(&Input{Policies: &syntax.PolicySet{}, Schema: s}, []*syntax.Request{req})
	if err != nil {
		return err
	}
	test.Policies = nil
	var res protocol.ValidateRequestResult
	if err := x.call(protocol.OpValidateRequest, test, &res); err != nil {
		return err
	}
	if len(res.Answers) != 1 {
		return fmt.Errorf("the server gave %d answers to validate-request for 1 request", len(res.Answers))
	}
	if !res.Answers[0].Valid {
		return fmt.Errorf("the request does not conform to the schema: %s", strings.Join(res.Answers[0].Errors, "; "))
	}
	return nil
}

// ProtocolTest writes in and reqs as the protocol's Test: each policy
// and template as Cedar text printed from the AST and as policy JSON,
// the links, the entities as the input's own JSON when it has it (so the
// server parses exactly what the test gave) or canonical entity JSON,
// the schema as Cedar schema text, and each request with its context in
// canonical value JSON (integers keep every digit).
func ProtocolTest(in *Input, reqs []*syntax.Request) (*protocol.Test, error) {
	return protocolTest(in, reqs, testParts{policyJSON: true, entities: true})
}

// testParts says which optional parts of a test protocolTest writes: a
// call that does not read them need not pay for writing and reading
// them.
type testParts struct {
	policyJSON bool // each policy's JSON beside its text
	entities   bool
}

func protocolTest(in *Input, reqs []*syntax.Request, parts testParts) (*protocol.Test, error) {
	t := &protocol.Test{Policies: make([]protocol.Policy, 0, len(in.Policies.Policies))}
	for _, p := range in.Policies.Policies {
		var j json.RawMessage
		if parts.policyJSON {
			var err error
			if j, err = cedarjson.MarshalPolicy(p); err != nil {
				return nil, fmt.Errorf("policy %s: %w", p.ID, err)
			}
		}
		t.Policies = append(t.Policies, protocol.Policy{ID: p.ID, Template: p.IsTemplate(), Text: printer.Policy(p), JSON: j})
	}
	for _, l := range in.Policies.Links {
		values := map[string]protocol.EntityUID{}
		for slot, uid := range l.Values {
			values[string(slot)] = protocolUID(uid)
		}
		t.TemplateLinks = append(t.TemplateLinks, protocol.TemplateLink{TemplateID: l.TemplateID, NewID: l.NewID, Values: values})
	}
	if parts.entities {
		entities, err := wasmEntities(in)
		if err != nil {
			return nil, err
		}
		t.Entities = entities
	}
	if in.Schema != nil {
		text := in.SchemaText
		if text == "" || strings.HasPrefix(strings.TrimSpace(text), "{") {
			b, err := schema.CedarText(in.Schema)
			if err != nil {
				return nil, fmt.Errorf("printing the schema: %w", err)
			}
			text = string(b)
		}
		t.Schema = &protocol.Schema{Text: text}
	}
	for _, req := range reqs {
		ctx := json.RawMessage(`{}`)
		if req.Context != nil {
			b, err := cedarjson.MarshalValue(req.Context)
			if err != nil {
				return nil, fmt.Errorf("context: %w", err)
			}
			ctx = b
		}
		p, a, r := protocolUID(req.Principal), protocolUID(req.Action), protocolUID(req.Resource)
		t.Requests = append(t.Requests, protocol.AuthRequest{Principal: &p, Action: &a, Resource: &r, Context: ctx})
	}
	return t, nil
}

func protocolUID(u syntax.EntityUID) protocol.EntityUID {
	return protocol.EntityUID{Type: string(u.Type), ID: u.ID}
}
