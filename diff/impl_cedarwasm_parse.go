package diff

import (
	"context"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

// ParsePolicySets has the official engine read each text as a policy set
// and write the policy JSON of every policy and template, all in one call
// (see cedarwasm.Conn.PolicySetsToJSON). Work the engine could not finish
// is an *InconclusiveError.
func (w *CedarWasmImpl) ParsePolicySets(texts []string) ([]cedarwasm.PolicySetParse, error) {
	var out []cedarwasm.PolicySetParse
	err := w.pool.Do(context.Background(), func(c *cedarwasm.Conn) error {
		var err error
		out, err = c.PolicySetsToJSON(texts)
		return err
	})
	if err != nil {
		return nil, w.inconclusive(err)
	}
	return out, nil
}

// cedarWasmOf returns the cedar-wasm implementation among impls, or nil.
func cedarWasmOf(impls []Implementation) *CedarWasmImpl {
	for _, impl := range impls {
		if g, ok := impl.(guarded); ok {
			impl = g.impl
		}
		if w, ok := impl.(*CedarWasmImpl); ok {
			return w
		}
	}
	return nil
}

// DataCalls makes the data calls of a parse test (schemas, entities,
// contexts, the formatter) in one message (see cedarwasm.Conn.DataCalls).
// Work the engine could not finish is an *InconclusiveError.
func (w *CedarWasmImpl) DataCalls(calls []cedarwasm.DataCall) ([]cedarwasm.DataAnswer, error) {
	var out []cedarwasm.DataAnswer
	err := w.pool.Do(context.Background(), func(c *cedarwasm.Conn) error {
		var err error
		out, err = c.DataCalls(calls)
		return err
	})
	if err != nil {
		return nil, w.inconclusive(err)
	}
	return out, nil
}
