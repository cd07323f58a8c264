package syntax

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// EntityType is the full path of an entity type, such as "User" or
// "PhotoApp::Photo". Two types are equal only if their full paths are.
type EntityType string

// Basename returns the last component of the path: "Action" for
// "NS::Action".
func (t EntityType) Basename() string {
	s := string(t)
	if i := strings.LastIndex(s, "::"); i >= 0 {
		return s[i+2:]
	}
	return s
}

// Namespace returns the path without its last component ("" if none).
func (t EntityType) Namespace() string {
	s := string(t)
	if i := strings.LastIndex(s, "::"); i >= 0 {
		return s[:i]
	}
	return ""
}

// IsAction reports whether t is an action entity type: "Action" or
// "<namespace>::Action".
func (t EntityType) IsAction() bool { return t.Basename() == "Action" }

// EntityUID identifies an entity: its type and its id. Any string,
// including the empty one, is a valid id.
type EntityUID struct {
	Type EntityType
	ID   string
}

// NewEntityUID returns the EntityUID of type t and id id.
func NewEntityUID(t EntityType, id string) EntityUID { return EntityUID{Type: t, ID: id} }

// String renders the uid as Cedar text: Type::"id".
func (u EntityUID) String() string { return string(u.Type) + "::" + Quote(u.ID) }

// Var is one of the four request variables.
type Var uint8

const (
	VarPrincipal Var = iota
	VarAction
	VarResource
	VarContext
)

var varNames = [...]string{"principal", "action", "resource", "context"}

func (v Var) String() string {
	if int(v) < len(varNames) {
		return varNames[v]
	}
	return fmt.Sprintf("Var(%d)", uint8(v))
}

// ParseVar returns the variable named s.
func ParseVar(s string) (Var, bool) {
	for i, n := range varNames {
		if n == s {
			return Var(i), true
		}
	}
	return 0, false
}

// SlotID names a template slot: "?principal" or "?resource".
type SlotID string

const (
	SlotPrincipal SlotID = "?principal"
	SlotResource  SlotID = "?resource"
)

// ReservedWords cannot be used as identifiers in names, as `.attr`, or as
// the bare right-hand side of `has`.
var ReservedWords = map[string]bool{
	"true": true, "false": true, "if": true, "then": true, "else": true,
	"in": true, "is": true, "has": true, "like": true,
}

// IsIdent reports whether s is a syntactically valid identifier
// ([_a-zA-Z][_a-zA-Z0-9]*); it does not check reserved words.
func IsIdent(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// Quote returns s as a Cedar string literal, with the escapes that the
// Cedar parser reads back to exactly s.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		case 0:
			b.WriteString(`\0`)
		default:
			if r < 0x20 || r == 0x7f || (r == utf8.RuneError && size == 1) {
				fmt.Fprintf(&b, `\u{%x}`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	b.WriteByte('"')
	return b.String()
}
