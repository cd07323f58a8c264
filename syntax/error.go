package syntax

import (
	"errors"
	"strings"
)

// Error is a problem found in some input, at a position where one is known.
// Kind is a short stable name for the class of problem (for example
// "InvalidSingleEq" or "DuplicateKey"), suitable for tests and tooling;
// Msg says what was wrong and, where possible, what was expected.
type Error struct {
	Pos  Pos
	Kind string
	Msg  string
}

func (e *Error) Error() string {
	if e.Pos.IsValid() || e.Pos.Filename != "" {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Msg
}

// ErrorList is a list of errors, in the order they were found. A non-empty
// ErrorList is returned as an error by the parsers that report more than one
// problem.
type ErrorList []*Error

func (l ErrorList) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	var b strings.Builder
	b.WriteString(l[0].Error())
	for _, e := range l[1:] {
		b.WriteString("\n")
		b.WriteString(e.Error())
	}
	return b.String()
}

// Err returns nil for an empty list and the list otherwise.
func (l ErrorList) Err() error {
	if len(l) == 0 {
		return nil
	}
	return l
}

// Unwrap lets errors.As find the individual errors.
func (l ErrorList) Unwrap() []error {
	out := make([]error, len(l))
	for i, e := range l {
		out[i] = e
	}
	return out
}

// FirstError returns the first *Error inside err, or nil.
func FirstError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}
