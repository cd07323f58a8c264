package diff

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// CedarWasmName is the --impl name of the official engine: "cedar-wasm"
// for the pinned npm package, "cedar-wasm@VERSION" for a published
// release installed on demand.
const CedarWasmName = "cedar-wasm"

// CedarWasm returns the official Rust engine, npm package
// @cedar-policy/cedar-wasm (the pinned one, or release opts.Version), as
// an Implementation. It is a protocol server (package cedarwasm's
// server.js) under the supervision of package protocol, like any exec:
// server: one request per test, a pool of Node.js processes, restart and
// retry once, inconclusive after a second failure or when the engine
// threw. Close it when done. When Node.js or the package is missing, the
// error wraps cedarwasm.ErrNotInstalled and says how to install it.
//
// Everything the harness asks of the official engine goes through the
// protocol: authorize and validate as for exec: servers, and the
// additions of docs/protocol.md (warnings of validate, request-envs,
// validate-context, batch) for ValidateInDetail, ParsePolicySets and
// DataCalls.
func CedarWasm(opts cedarwasm.Options) (*CedarWasmImpl, error) {
	name := CedarWasmName
	if opts.Version != "" {
		name += "@" + opts.Version
	}
	popts, err := cedarwasm.ProtocolOptions(opts)
	if err != nil {
		return nil, err
	}
	pool, err := protocol.NewPool(popts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &CedarWasmImpl{x: &ExecImpl{name: name, pool: pool, textOnly: true}}, nil
}

// CedarWasmImpl is the cedar-wasm adapter; see CedarWasm.
type CedarWasmImpl struct {
	x *ExecImpl
}

// Close ends the engine's processes.
func (w *CedarWasmImpl) Close() { w.x.Close() }

// Restarts reports how many engine processes were replaced after dying.
func (w *CedarWasmImpl) Restarts() int { return w.x.pool.Health().Restarts }

func (w *CedarWasmImpl) Name() string { return w.x.name }

// Hello is the server's handshake: the package's version, its Cedar
// language version and the operations this release supports.
func (w *CedarWasmImpl) Hello() protocol.Hello { return w.x.Hello() }

// Protocol is the supervised pool of the engine's server, for the calls
// the adapter does not wrap (such as protocol.Pool.PartialAuthorize).
// Its health is the adapter's.
func (w *CedarWasmImpl) Protocol() *protocol.Pool { return w.x.pool }

func (w *CedarWasmImpl) Unsupported(*Input) string { return "" }

// Health reports what the pool's supervision saw. It makes CedarWasmImpl
// Supervised.
func (w *CedarWasmImpl) Health() OracleHealth { return w.x.Health() }

// Processes is the most engine processes the pool runs at once.
func (w *CedarWasmImpl) Processes() int { return w.x.Processes() }

// Authorize sends the input as one authorize request: the server parses
// the policies (and the schema) once and authorizes every request
// against them. Work the engine threw on is an *InconclusiveError.
func (w *CedarWasmImpl) Authorize(in *Input, reqs []*syntax.Request) (answers []Answer, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &PanicError{Impl: w.Name(), Value: v}
		}
	}()
	return w.x.Authorize(in, reqs)
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
	test, err := protocolTest(in, nil, testParts{}) // validate reads policy text and the schema only
	if err != nil {
		return Validation{}, err
	}
	var res protocol.ValidateResult
	if err := w.x.call(protocol.OpValidate, test, &res); err != nil {
		return Validation{}, err
	}
	out := Validation{OK: res.Valid}
	for _, e := range res.Errors {
		out.Errors = append(out.Errors, e.Policy+": "+e.Message)
	}
	for _, e := range res.Warnings {
		if strings.Contains(e.Message, noApplicableActionWarning) {
			out.OK = false
			out.Errors = append(out.Errors, e.Policy+": "+e.Message)
		}
	}
	slices.Sort(out.Errors)
	return out, nil
}

const noApplicableActionWarning = "unable to find an applicable action given the policy scope constraints"

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

// compactJSON removes insignificant white space (the protocol is one
// line per message) without touching numbers.
func compactJSON(b []byte) (json.RawMessage, error) {
	var buf bytes.Buffer
	if err := json.Compact(&buf, b); err != nil {
		return nil, fmt.Errorf("entities JSON: %w", err)
	}
	return buf.Bytes(), nil
}
