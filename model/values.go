package model

import (
	"sort"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Value is a Cedar value. The set of implementations is closed: Bool, Long,
// String, EntityUID, Set, Record, Decimal, IPAddr, Datetime and Duration.
type Value interface {
	// String renders the value as the text of a Cedar expression that
	// evaluates to an equal value, such as [1, "a"] or decimal("1.5000").
	String() string
	isValue()
}

// Bool is a Cedar boolean.
type Bool bool

// Long is a Cedar integer: a signed 64-bit integer whose arithmetic is
// checked for overflow.
type Long int64

// String is a Cedar string: a sequence of Unicode scalar values compared
// exactly, with no normalization.
type String string

// EntityUID is a reference to an entity. The entity need not exist.
type EntityUID syntax.EntityUID

// Set is a finite set of values. Build it with NewSet, which removes
// duplicates; element order carries no meaning.
type Set []Value

// Record maps attribute names to values.
type Record map[string]Value

func (Bool) isValue()      {}
func (Long) isValue()      {}
func (String) isValue()    {}
func (EntityUID) isValue() {}
func (Set) isValue()       {}
func (Record) isValue()    {}

func (b Bool) String() string      { return strconv.FormatBool(bool(b)) }
func (i Long) String() string      { return strconv.FormatInt(int64(i), 10) }
func (s String) String() string    { return syntax.Quote(string(s)) }
func (u EntityUID) String() string { return syntax.EntityUID(u).String() }

func (s Set) String() string {
	parts := make([]string, len(s))
	for i, v := range s {
		parts[i] = v.String()
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func (r Record) String() string {
	parts := make([]string, 0, len(r))
	for _, k := range r.Keys() {
		parts = append(parts, syntax.Quote(k)+": "+r[k].String())
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// Keys returns the record's attribute names in sorted order.
func (r Record) Keys() []string { return sortedKeys(r) }

// sortedKeys returns the keys of m in sorted order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// NewSet returns the set of the given values, keeping the first of any
// group of equal values.
func NewSet(values ...Value) Set {
	out, seen := make(Set, 0, len(values)), make(map[any]bool, len(values))
	for _, v := range values {
		if k := key(v); !seen[k] {
			seen[k] = true
			out = append(out, v)
		}
	}
	return out
}

// Contains reports whether some element of s equals v.
func (s Set) Contains(v Value) bool {
	for _, x := range s {
		if Equal(x, v) {
			return true
		}
	}
	return false
}

// typeName names the type of v in error messages.
func typeName(v Value) string {
	switch v.(type) {
	case Bool:
		return "bool"
	case Long:
		return "long"
	case String:
		return "string"
	case EntityUID:
		return "entity"
	case Set:
		return "set"
	case Record:
		return "record"
	case Decimal:
		return "decimal"
	case IPAddr:
		return "ipaddr"
	case Datetime:
		return "datetime"
	case Duration:
		return "duration"
	}
	return "unknown"
}
