package cedarwasm

import (
	"encoding/json"
	"fmt"
	"time"
)

// BatchCall is one call of a Batch: an op of the driver and its exact
// body.
type BatchCall struct {
	Op   string
	Body []byte
}

// BatchAnswer is the answer to one call of a Batch: the raw answer and
// the time the engine spent on it, or the message of the exception it
// threw (after which the driver loaded the module afresh, so state such
// as a preparsed policy set is gone).
type BatchAnswer struct {
	OK     json.RawMessage `json:"ok"`
	Thrown *string         `json:"thrown"`
	Micros int64           `json:"us"`
}

// Elapsed is the time the engine spent on the call.
func (a BatchAnswer) Elapsed() time.Duration { return time.Duration(a.Micros) * time.Microsecond }

// Decode decodes the answer into out; a thrown call is a *ThrownError.
func (a BatchAnswer) Decode(out any) error {
	if a.Thrown != nil {
		return &ThrownError{Message: *a.Thrown}
	}
	return json.Unmarshal(a.OK, out)
}

// Batch runs calls in one round trip to the engine, in order, and returns
// their answers in the same order. The timeout bounds the whole batch.
func (c *Conn) Batch(calls []BatchCall) ([]BatchAnswer, error) {
	pairs := make([][2]string, len(calls))
	for i, call := range calls {
		pairs[i] = [2]string{call.Op, string(call.Body)}
	}
	body, err := json.Marshal(pairs)
	if err != nil {
		return nil, err
	}
	var out []BatchAnswer
	if err := c.call("batch", body, &out); err != nil {
		return nil, err
	}
	if len(out) != len(calls) {
		return nil, fmt.Errorf("cedar-wasm: %d answers to a batch of %d calls", len(out), len(calls))
	}
	return out, nil
}

// Ops of the driver that Batch calls may name.
const (
	OpValidate           = "validate"
	OpPreparse           = "preparse"
	OpPreparseSchema     = "preparseSchema"
	OpStateful           = "stateful"
	OpCheckParseEntities = "checkParseEntities"
	OpValidRequestEnvs   = "validRequestEnvs"
)
