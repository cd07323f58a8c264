package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// The small JSON files the CLI reads itself (--request-json, the
// template-linked file) are read with encoding/json, keeping each value's
// offset so that every error names its file:line:col.

// jsonValue is one value of a JSON array or object, with where it starts.
type jsonValue struct {
	key string // the field name, for an object's values
	raw json.RawMessage
	off int // byte offset of the value in the file
}

// posAt converts a byte offset of src to a position.
func posAt(name string, src []byte, off int) syntax.Pos {
	off = min(max(off, 0), len(src))
	line := 1 + bytes.Count(src[:off], []byte("\n"))
	col := off - bytes.LastIndexByte(src[:off], '\n')
	return syntax.Pos{Filename: name, Offset: off, Line: line, Column: col}
}

// jsonError positions an encoding/json error, or any other error at off.
func jsonError(name string, src []byte, off int, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	msg := err.Error()
	switch {
	case errors.As(err, &se):
		off = int(se.Offset)
	case errors.As(err, &te):
		off = int(te.Offset)
	case errors.Is(err, errUnexpectedEnd):
		off = len(src)
	}
	msg = strings.TrimPrefix(msg, "json: ")
	return &syntax.Error{Pos: posAt(name, src, off), Kind: "InvalidJSON", Msg: msg}
}

var errUnexpectedEnd = errors.New("unexpected end of JSON input")

// jsonElems splits a JSON document into the values of its top-level
// array (what "array"), or its object's fields (what "object").
func jsonElems(name string, src []byte, what string) ([]jsonValue, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonError(name, src, int(dec.InputOffset()), fixEOF(err))
	}
	open := map[string]json.Delim{"array": '[', "object": '{'}[what]
	if d, ok := tok.(json.Delim); !ok || d != open {
		start := int(dec.InputOffset())
		return nil, &syntax.Error{Pos: posAt(name, src, start-1), Kind: "InvalidJSON", Msg: fmt.Sprintf("expected a JSON %s", what)}
	}
	var out []jsonValue
	for dec.More() {
		var v jsonValue
		if what == "object" {
			k, err := dec.Token()
			if err != nil {
				return nil, jsonError(name, src, int(dec.InputOffset()), fixEOF(err))
			}
			v.key = k.(string) // object keys are always strings
		}
		if err := dec.Decode(&v.raw); err != nil {
			return nil, jsonError(name, src, int(dec.InputOffset()), fixEOF(err))
		}
		// RawMessage holds the value's exact bytes, so it ends where the
		// decoder stopped reading.
		v.off = int(dec.InputOffset()) - len(v.raw)
		out = append(out, v)
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonError(name, src, int(dec.InputOffset()), fixEOF(err))
	}
	end := int(dec.InputOffset())
	if rest := bytes.TrimLeft(src[end:], " \t\r\n"); len(rest) > 0 {
		return nil, &syntax.Error{Pos: posAt(name, src, len(src)-len(rest)), Kind: "InvalidJSON", Msg: "unexpected data after the top-level " + what}
	}
	return out, nil
}

// fixEOF says what the decoder's io.EOF means here: the file ended
// inside the value.
func fixEOF(err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return errUnexpectedEnd
	}
	return err
}

// masked returns src with every byte outside v replaced by a space,
// except newlines, so that a parser given the whole file sees only v but
// reports positions of the original file.
func masked(src []byte, v jsonValue) []byte {
	out := bytes.Clone(src)
	for i := range out {
		if (i < v.off || i >= v.off+len(v.raw)) && out[i] != '\n' {
			out[i] = ' '
		}
	}
	return out
}
