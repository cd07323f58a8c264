package model

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ErrorKind classifies an evaluation error. The set is closed and follows
// the Lean specification's error type, and String spells each kind as the
// Lean specification does (docs: cedar-semantics.md, section 7), which is
// the one spelling crosscheck shows for every implementation's errors
// (`authorize --json`, run summaries); the Rust engine's finer-grained
// errors map onto it (for example both RecordAttrDoesNotExist and
// EntityAttrDoesNotExist are AttrDoesNotExist, and WrongNumArguments and
// FailedExtensionFunctionLookup are TypeError).
type ErrorKind uint8

const (
	// EntityDoesNotExist: an attribute or tag of an entity absent from the
	// store was read.
	EntityDoesNotExist ErrorKind = iota
	// AttrDoesNotExist: a record or entity lacks the attribute read.
	AttrDoesNotExist
	// TagDoesNotExist: an entity lacks the tag read.
	TagDoesNotExist
	// TypeError: an operand had the wrong type, or an extension function
	// was unknown or called with the wrong number of arguments.
	TypeError
	// Overflow: i64 arithmetic overflowed (Lean arithBoundsError).
	Overflow
	// ExtensionError: an extension function failed, such as a malformed
	// decimal string or a datetime offset that overflows.
	ExtensionError
	// RecursionLimit: the expression was nested more deeply than the model
	// evaluates. It is an implementation limit, not a Cedar error; Rust has
	// the same escape hatch.
	RecursionLimit
)

var errorKindNames = [...]string{"entityDoesNotExist", "attrDoesNotExist",
	"tagDoesNotExist", "typeError", "arithBoundsError", "extensionError", "recursionLimit"}

func (k ErrorKind) String() string {
	if int(k) < len(errorKindNames) {
		return errorKindNames[k]
	}
	return fmt.Sprintf("ErrorKind(%d)", uint8(k))
}

// Error is an evaluation error: its kind, a message for people, and the
// position of the expression that raised it (the innermost erroring
// expression that came from text; zero when none did).
type Error struct {
	Kind    ErrorKind
	Message string
	Pos     syntax.Pos
}

// at returns err positioned at pos, unless it has a position already (an
// inner expression raised it) or pos is unknown. The *Error is copied, so
// an error value is never changed once returned.
func at(err error, pos syntax.Pos) error {
	e, ok := err.(*Error)
	if !ok || e.Pos.IsValid() || !pos.IsValid() {
		return err
	}
	c := *e
	c.Pos = pos
	return &c
}

func (e *Error) Error() string { return e.Kind.String() + ": " + e.Message }

// errorf returns an *Error of the given kind.
func errorf(kind ErrorKind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// typeErrorf returns a TypeError.
func typeErrorf(format string, args ...any) *Error {
	return errorf(TypeError, format, args...)
}

// extensionErrorf returns an ExtensionError.
func extensionErrorf(format string, args ...any) *Error {
	return errorf(ExtensionError, format, args...)
}

// expectedType is the TypeError for a value v where type want was needed.
func expectedType(want string, v Value) *Error {
	return typeErrorf("expected %s, got %s", want, typeName(v))
}
