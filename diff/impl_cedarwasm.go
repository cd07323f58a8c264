package diff

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// CedarWasm returns the official Rust engine, npm package
// @cedar-policy/cedar-wasm, as an Implementation. It runs in a pool of
// Node.js subprocesses (see package cedarwasm); close it with Close when
// done. When Node.js or the package is missing, the error wraps
// cedarwasm.ErrNotInstalled and says how to install it.
//
// Each input is sent once as a preparsed policy set, then each request is
// authorized against it. Policies go as Cedar text, one per id, printed
// from the AST; entities as the input's own JSON when it has it (so the
// engine parses exactly what the test gave), otherwise as canonical JSON;
// the schema as its text. Work on which the engine's process died twice or
// threw is an *InconclusiveError.
func CedarWasm(opts cedarwasm.Options) (*CedarWasmImpl, error) {
	pool, err := cedarwasm.NewPool(opts)
	if err != nil {
		return nil, err
	}
	return &CedarWasmImpl{pool: pool}, nil
}

// CedarWasmImpl is the cedar-wasm adapter; see CedarWasm.
type CedarWasmImpl struct {
	pool *cedarwasm.Pool
}

// Close ends the engine's processes.
func (w *CedarWasmImpl) Close() { w.pool.Close() }

// Restarts reports how many engine processes were replaced after dying.
func (w *CedarWasmImpl) Restarts() int { return w.pool.Restarts() }

func (w *CedarWasmImpl) Name() string { return "cedar-wasm" }

func (w *CedarWasmImpl) Unsupported(*Input) string { return "" }

// inconclusive converts the pool's ErrInconclusive into the harness's
// error type.
func (w *CedarWasmImpl) inconclusive(err error) error {
	if errors.Is(err, cedarwasm.ErrInconclusive) {
		return &InconclusiveError{Impl: w.Name(), Reason: err.Error()}
	}
	return err
}

func (w *CedarWasmImpl) Authorize(in *Input, reqs []*syntax.Request) (answers []Answer, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Impl: w.Name(), Value: v}
		}
	}()
	policies, err := wasmPolicySet(in.Policies)
	if err != nil {
		return nil, err
	}
	entities, err := wasmEntities(in)
	if err != nil {
		return nil, err
	}
	schemaText, err := wasmSchema(in)
	if err != nil {
		return nil, err
	}
	calls := make([][]byte, len(reqs))
	for i, req := range reqs {
		if calls[i], err = wasmAuthorizationCall(req, entities, schemaText != nil, false); err != nil {
			return nil, err
		}
	}
	err = w.pool.Do(context.Background(), func(c *cedarwasm.Conn) error {
		answers = make([]Answer, len(reqs))
		parsed, err := c.Preparse(policies)
		if err != nil {
			return err
		}
		if parsed.Type != "success" {
			return fmt.Errorf("cedar-wasm rejected the policies: %s", detailedErrors(parsed.Errors))
		}
		if schemaText != nil {
			body, err := marshalOneLine(*schemaText)
			if err != nil {
				return err
			}
			parsed, err := c.PreparseSchema(body)
			if err != nil {
				return err
			}
			if parsed.Type != "success" {
				return fmt.Errorf("cedar-wasm rejected the schema: %s", detailedErrors(parsed.Errors))
			}
		}
		for i, call := range calls {
			a, err := c.StatefulIsAuthorized(call)
			if err != nil {
				return err
			}
			answers[i] = wasmAnswer(a)
		}
		return nil
	})
	if err != nil {
		return nil, w.inconclusive(err)
	}
	return answers, nil
}

func wasmAnswer(a *cedarwasm.AuthorizationAnswer) Answer {
	if a.Type != "success" || a.Response == nil {
		return Answer{Err: fmt.Errorf("cedar-wasm failed: %s", detailedErrors(a.Errors))}
	}
	var r Response
	if a.Response.Decision == "allow" {
		r.Decision = Allow
	}
	r.Reasons = a.Response.Diagnostics.Reason
	for _, e := range a.Response.Diagnostics.Errors {
		r.Errors = append(r.Errors, e.PolicyID)
		r.Messages = append(r.Messages, e.PolicyID+": "+e.Error.Message)
	}
	slices.Sort(r.Messages)
	return Answer{Response: r.Normalize()}
}

func detailedErrors(errs []cedarwasm.DetailedError) string {
	msgs := make([]string, len(errs))
	for i, e := range errs {
		msgs[i] = e.Message
	}
	if len(msgs) == 0 {
		return "no reason given"
	}
	return strings.Join(msgs, "; ")
}

// wasmPolicySet writes the policy set JSON the engine takes: policy text
// by id, template text by id, and the links.
func wasmPolicySet(ps *syntax.PolicySet) ([]byte, error) {
	static := map[string]string{}
	templates := map[string]string{}
	for _, p := range ps.Policies {
		if p.IsTemplate() {
			templates[p.ID] = printer.Policy(p)
		} else {
			static[p.ID] = printer.Policy(p)
		}
	}
	type uidJSON struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	}
	type linkJSON struct {
		TemplateID string                    `json:"templateId"`
		NewID      string                    `json:"newId"`
		Values     map[syntax.SlotID]uidJSON `json:"values"`
	}
	links := []linkJSON{}
	for _, l := range ps.Links {
		values := map[syntax.SlotID]uidJSON{}
		for slot, uid := range l.Values {
			values[slot] = uidJSON{string(uid.Type), uid.ID}
		}
		links = append(links, linkJSON{l.TemplateID, l.NewID, values})
	}
	return marshalOneLine(struct {
		Static    map[string]string `json:"staticPolicies"`
		Templates map[string]string `json:"templates"`
		Links     []linkJSON        `json:"templateLinks"`
	}{static, templates, links})
}

func wasmEntities(in *Input) (json.RawMessage, error) {
	if len(in.EntitiesJSON) > 0 {
		return compactJSON(in.EntitiesJSON)
	}
	b, err := cedarjson.MarshalEntities(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	return compactJSON(b)
}

func wasmSchema(in *Input) (*string, error) {
	if in.Schema == nil {
		return nil, nil
	}
	if in.SchemaText != "" {
		return &in.SchemaText, nil
	}
	b, err := schema.CedarText(in.Schema)
	if err != nil {
		return nil, fmt.Errorf("printing the schema: %w", err)
	}
	s := string(b)
	return &s, nil
}

// wasmAuthorizationCall writes one statefulIsAuthorized call, asking
// the engine to validate the request against the schema when
// validateRequest is set. The request's context is written as canonical
// value JSON, so integers keep every digit.
func wasmAuthorizationCall(req *syntax.Request, entities json.RawMessage, withSchema, validateRequest bool) ([]byte, error) {
	context := json.RawMessage(`{}`)
	if req.Context != nil {
		b, err := cedarjson.MarshalValue(req.Context)
		if err != nil {
			return nil, fmt.Errorf("context: %w", err)
		}
		context = b
	}
	type uidJSON struct {
		Type string `json:"type"`
		ID   string `json:"id"`
	}
	uid := func(u syntax.EntityUID) uidJSON { return uidJSON{string(u.Type), u.ID} }
	schemaName := ""
	if withSchema {
		schemaName = cedarwasm.PreparsedID
	}
	return marshalOneLine(struct {
		Principal       uidJSON         `json:"principal"`
		Action          uidJSON         `json:"action"`
		Resource        uidJSON         `json:"resource"`
		Context         json.RawMessage `json:"context"`
		SchemaName      string          `json:"preparsedSchemaName,omitempty"`
		ValidateRequest bool            `json:"validateRequest"`
		PreparsedID     string          `json:"preparsedPolicySetId"`
		Entities        json.RawMessage `json:"entities"`
	}{uid(req.Principal), uid(req.Action), uid(req.Resource), context, schemaName, validateRequest, cedarwasm.PreparsedID, entities})
}

// Validate runs the official validator (strict mode). Cedar 4.13 reports a
// policy whose scope matches no action of the schema ("unable to find an
// applicable action given the policy scope constraints") only as a
// warning; Cedar 4.10, which produced the integration corpus, and the
// model count it as an error, so the adapter does too (see
// docs/known-differences.md).
func (w *CedarWasmImpl) Validate(in *Input) (Validation, error) {
	if in.Schema == nil {
		return Validation{}, errors.New("validate: the input has no schema")
	}
	policies, err := wasmPolicySet(in.Policies)
	if err != nil {
		return Validation{}, err
	}
	schemaText, err := wasmSchema(in)
	if err != nil {
		return Validation{}, err
	}
	call, err := marshalOneLine(struct {
		Schema   *string         `json:"schema"`
		Policies json.RawMessage `json:"policies"`
	}{schemaText, policies})
	if err != nil {
		return Validation{}, err
	}
	var out Validation
	err = w.pool.Do(context.Background(), func(c *cedarwasm.Conn) error {
		a, err := c.Validate(call)
		if err != nil {
			return err
		}
		if a.Type != "success" {
			return fmt.Errorf("cedar-wasm could not validate: %s", detailedErrors(a.Errors))
		}
		out = Validation{OK: true}
		for _, e := range a.ValidationErrors {
			out.OK = false
			out.Errors = append(out.Errors, e.PolicyID+": "+e.Error.Message)
		}
		for _, e := range a.ValidationWarnings {
			if strings.Contains(e.Error.Message, noApplicableActionWarning) {
				out.OK = false
				out.Errors = append(out.Errors, e.PolicyID+": "+e.Error.Message)
			}
		}
		slices.Sort(out.Errors)
		return nil
	})
	if err != nil {
		return Validation{}, w.inconclusive(err)
	}
	return out, nil
}

const noApplicableActionWarning = "unable to find an applicable action given the policy scope constraints"

func marshalOneLine(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// compactJSON removes insignificant white space (the engine's protocol is
// one line per call) without touching numbers.
func compactJSON(b []byte) (json.RawMessage, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return nil, fmt.Errorf("entities JSON: %w", err)
	}
	return buf.Bytes(), nil
}

// Health reports what the pool's supervision saw: every Authorize and
// Validate call is one input sent. It makes CedarWasmImpl Supervised.
func (w *CedarWasmImpl) Health() OracleHealth {
	h := w.pool.Health()
	return OracleHealth{Sent: h.Work, Inconclusive: h.Inconclusive, Restarts: h.Restarts, Timeouts: h.Timeouts}
}

// Processes is the most engine processes the pool runs at once.
func (w *CedarWasmImpl) Processes() int { return w.pool.Processes() }
