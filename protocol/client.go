package protocol

import (
	"context"
	"encoding/json"
	"fmt"
)

// ResponseError is an error answer: the server could not answer the
// request at all.
type ResponseError struct {
	Op      Op
	Message string
}

func (e *ResponseError) Error() string {
	return fmt.Sprintf("the server could not %s: %s", e.Op, e.Message)
}

// Result sends req through Call and decodes its result into out, keeping
// numbers exact (json.Number in untyped places) and ignoring members out
// does not know (later additions to the protocol). An unsupported answer is an *UnsupportedError, an error
// answer a *ResponseError; work the pool could not finish wraps
// ErrInconclusive.
func (p *Pool) Result(ctx context.Context, req *Request, out any) error {
	resp, err := p.Call(ctx, req)
	if err != nil {
		return err
	}
	return DecodeResult(req.Op, resp.Result, resp.Unsupported, resp.Error, out)
}

// DecodeResult turns one answer (of a Response or a BatchAnswer) into out
// or the errors of Result.
func DecodeResult(op Op, result json.RawMessage, unsupported *Unsupported, answerErr *Error, out any) error {
	switch {
	case unsupported != nil:
		return &UnsupportedError{Unsupported: *unsupported}
	case answerErr != nil:
		return &ResponseError{Op: op, Message: answerErr.Message}
	case result == nil:
		return fmt.Errorf("the server's %s answer has no result", op)
	}
	if err := decode(result, out); err != nil {
		return fmt.Errorf("the server's %s result does not decode: %w", op, err)
	}
	return nil
}

// PartialAuthorize asks for partial-authorize on test: one answer per
// request of test, in order (checked). In a request, a nil Principal,
// Action or Resource is unknown, and so is a context value
// {"__extn": {"fn": "unknown", "arg": NAME}} (the official engine's
// spelling; see docs/protocol.md).
func (p *Pool) PartialAuthorize(ctx context.Context, test *Test) (*PartialAuthorizeResult, error) {
	var res PartialAuthorizeResult
	if err := p.Result(ctx, &Request{Op: OpPartialAuthorize, Test: test}, &res); err != nil {
		return nil, err
	}
	if len(res.Answers) != len(test.Requests) {
		return nil, fmt.Errorf("the server gave %d partial-authorize answers for %d requests", len(res.Answers), len(test.Requests))
	}
	return &res, nil
}

// Batch sends reqs as one batch request (one round trip) and returns
// their answers, in order (checked).
func (p *Pool) Batch(ctx context.Context, reqs []BatchRequest) ([]BatchAnswer, error) {
	var res BatchResult
	if err := p.Result(ctx, &Request{Op: OpBatch, Requests: reqs}, &res); err != nil {
		return nil, err
	}
	if len(res.Answers) != len(reqs) {
		return nil, fmt.Errorf("the server gave %d batch answers for %d requests", len(res.Answers), len(reqs))
	}
	return res.Answers, nil
}
