package engine

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ErrorKind classifies an evaluation error, following the error kinds of
// the Cedar specification.
type ErrorKind uint8

const (
	EntityDoesNotExist ErrorKind = iota // dereferencing an entity absent from the store
	AttrDoesNotExist                    // reading a missing record field or entity attribute
	TagDoesNotExist                     // reading a missing entity tag
	TypeError                           // an operand of the wrong type, or a bad extension call
	Overflow                            // 64-bit integer overflow
	ExtensionError                      // an extension constructor or method failed
	// RecursionLimit: evaluation reached a subexpression nested deeper
	// than syntax.MaxNesting. An implementation limit, not a Cedar
	// error; the model reports the same kind.
	RecursionLimit
)

var errorKindNames = [...]string{"EntityDoesNotExist", "AttrDoesNotExist", "TagDoesNotExist",
	"TypeError", "Overflow", "ExtensionError", "RecursionLimit"}

func (k ErrorKind) String() string {
	if int(k) < len(errorKindNames) {
		return errorKindNames[k]
	}
	return fmt.Sprintf("ErrorKind(%d)", uint8(k))
}

// evalError is an error raised while evaluating an expression. It is a
// pointer so that the success path returns a nil word.
type evalError struct {
	kind ErrorKind
	msg  string
	pos  syntax.Pos
}

func (e *evalError) Error() string {
	if e.pos.IsValid() {
		return e.pos.String() + ": " + e.msg
	}
	return e.msg
}

func errorf(kind ErrorKind, pos syntax.Pos, format string, args ...any) *evalError {
	return &evalError{kind: kind, msg: fmt.Sprintf(format, args...), pos: pos}
}

func typeErrorf(pos syntax.Pos, format string, args ...any) *evalError {
	return errorf(TypeError, pos, format, args...)
}
