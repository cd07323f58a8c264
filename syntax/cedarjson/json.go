package cedarjson

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// MaxDepth bounds the nesting of arrays and objects in any JSON input.
// Deeper input is rejected with KindTooDeep instead of exhausting the
// stack.
const MaxDepth = 512

// nodeKind is the kind of a JSON value.
type nodeKind uint8

const (
	nullNode nodeKind = iota
	boolNode
	numberNode
	stringNode
	arrayNode
	objectNode
)

var nodeKindNames = [...]string{"null", "boolean", "number", "string", "array", "object"}

func (k nodeKind) String() string { return nodeKindNames[k] }

// node is one parsed JSON value with the byte offset where it starts.
// Objects keep their members in source order; keys are unique.
type node struct {
	kind    nodeKind
	off     int
	b       bool
	text    string // the decoded string, or the number exactly as written
	elems   []*node
	members []member
}

// member is one key and value of a JSON object.
type member struct {
	key    string
	keyOff int
	value  *node
}

// get returns the value of key k in an object node, or nil.
func (n *node) get(k string) *node {
	for _, m := range n.members {
		if m.key == k {
			return m.value
		}
	}
	return nil
}

// scanner parses JSON text (RFC 8259) into nodes.
type scanner struct {
	d     *decoder
	src   []byte
	i     int
	depth int
}

// parseJSON parses src as exactly one JSON value.
func (d *decoder) parseJSON() (*node, error) {
	s := &scanner{d: d, src: d.src}
	s.skipSpace()
	n, err := s.value()
	if err != nil {
		return nil, err
	}
	s.skipSpace()
	if s.i < len(s.src) {
		return nil, s.errAt(s.i, "unexpected %s after the JSON value", s.describe())
	}
	return n, nil
}

// errAt reports malformed JSON at a byte offset; such errors have no
// JSON path.
func (s *scanner) errAt(off int, format string, args ...any) *syntax.Error {
	return s.d.errorAt(off, KindSyntax, fmt.Sprintf(format, args...))
}

// describe names what is at the current offset, for error messages.
func (s *scanner) describe() string {
	if s.i >= len(s.src) {
		return "end of input"
	}
	r, _ := utf8.DecodeRune(s.src[s.i:])
	return strconv.QuoteRune(r)
}

func (s *scanner) skipSpace() {
	for s.i < len(s.src) {
		switch s.src[s.i] {
		case ' ', '\t', '\n', '\r':
			s.i++
		default:
			return
		}
	}
}

func (s *scanner) value() (*node, error) {
	if s.i >= len(s.src) {
		return nil, s.errAt(s.i, "unexpected end of input, expected a JSON value")
	}
	start := s.i
	switch c := s.src[s.i]; {
	case c == '{':
		return s.object()
	case c == '[':
		return s.array()
	case c == '"':
		str, err := s.str()
		if err != nil {
			return nil, err
		}
		return &node{kind: stringNode, off: start, text: str}, nil
	case c == '-' || '0' <= c && c <= '9':
		return s.number()
	case s.literal("true"):
		return &node{kind: boolNode, off: start, b: true}, nil
	case s.literal("false"):
		return &node{kind: boolNode, off: start}, nil
	case s.literal("null"):
		return &node{kind: nullNode, off: start}, nil
	}
	return nil, s.errAt(s.i, "unexpected %s, expected a JSON value", s.describe())
}

func (s *scanner) literal(word string) bool {
	if len(s.src)-s.i >= len(word) && string(s.src[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
}

func (s *scanner) enter(off int) error {
	s.depth++
	if s.depth > MaxDepth {
		return s.d.errorAt(off, KindTooDeep, fmt.Sprintf("JSON nesting deeper than %d levels", MaxDepth))
	}
	return nil
}

func (s *scanner) object() (*node, error) {
	n := &node{kind: objectNode, off: s.i}
	if err := s.enter(s.i); err != nil {
		return nil, err
	}
	defer func() { s.depth-- }()
	s.i++ // {
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == '}' {
		s.i++
		return n, nil
	}
	seen := make(map[string]bool)
	for {
		s.skipSpace()
		if s.i >= len(s.src) || s.src[s.i] != '"' {
			return nil, s.errAt(s.i, "unexpected %s, expected an object key", s.describe())
		}
		keyOff := s.i
		key, err := s.str()
		if err != nil {
			return nil, err
		}
		if seen[key] {
			return nil, s.d.errorf(&node{off: keyOff}, nil, KindDuplicateKey, "duplicate key %s", strconv.Quote(key))
		}
		seen[key] = true
		s.skipSpace()
		if s.i >= len(s.src) || s.src[s.i] != ':' {
			return nil, s.errAt(s.i, "unexpected %s, expected ':'", s.describe())
		}
		s.i++
		s.skipSpace()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		n.members = append(n.members, member{key: key, keyOff: keyOff, value: v})
		s.skipSpace()
		if s.i < len(s.src) && s.src[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.src) && s.src[s.i] == '}' {
			s.i++
			return n, nil
		}
		return nil, s.errAt(s.i, "unexpected %s, expected ',' or '}'", s.describe())
	}
}

func (s *scanner) array() (*node, error) {
	n := &node{kind: arrayNode, off: s.i}
	if err := s.enter(s.i); err != nil {
		return nil, err
	}
	defer func() { s.depth-- }()
	s.i++ // [
	s.skipSpace()
	if s.i < len(s.src) && s.src[s.i] == ']' {
		s.i++
		return n, nil
	}
	for {
		s.skipSpace()
		v, err := s.value()
		if err != nil {
			return nil, err
		}
		n.elems = append(n.elems, v)
		s.skipSpace()
		if s.i < len(s.src) && s.src[s.i] == ',' {
			s.i++
			continue
		}
		if s.i < len(s.src) && s.src[s.i] == ']' {
			s.i++
			return n, nil
		}
		return nil, s.errAt(s.i, "unexpected %s, expected ',' or ']'", s.describe())
	}
}

// number scans a JSON number and keeps its text; whether it is an
// acceptable integer is decided by the reader that needs it.
func (s *scanner) number() (*node, error) {
	start := s.i
	digits := func() int {
		n := 0
		for s.i < len(s.src) && '0' <= s.src[s.i] && s.src[s.i] <= '9' {
			s.i++
			n++
		}
		return n
	}
	if s.src[s.i] == '-' {
		s.i++
	}
	if s.i < len(s.src) && s.src[s.i] == '0' {
		s.i++
	} else if digits() == 0 {
		return nil, s.errAt(s.i, "malformed number: expected a digit")
	}
	if s.i < len(s.src) && s.src[s.i] == '.' {
		s.i++
		if digits() == 0 {
			return nil, s.errAt(s.i, "malformed number: expected a digit after '.'")
		}
	}
	if s.i < len(s.src) && (s.src[s.i] == 'e' || s.src[s.i] == 'E') {
		s.i++
		if s.i < len(s.src) && (s.src[s.i] == '+' || s.src[s.i] == '-') {
			s.i++
		}
		if digits() == 0 {
			return nil, s.errAt(s.i, "malformed number: expected a digit in the exponent")
		}
	}
	return &node{kind: numberNode, off: start, text: string(s.src[start:s.i])}, nil
}

// str scans a JSON string starting at the opening quote and returns its
// decoded value. Invalid UTF-8, raw control characters and lone
// surrogates are errors.
func (s *scanner) str() (string, error) {
	s.i++ // opening quote
	var out []byte
	for {
		if s.i >= len(s.src) {
			return "", s.errAt(s.i, "unterminated string")
		}
		c := s.src[s.i]
		switch {
		case c == '"':
			s.i++
			return string(out), nil
		case c < 0x20:
			return "", s.errAt(s.i, "control character %#02x in string must be escaped", c)
		case c == '\\':
			if err := s.escape(&out); err != nil {
				return "", err
			}
		case c < utf8.RuneSelf:
			out = append(out, c)
			s.i++
		default:
			r, size := utf8.DecodeRune(s.src[s.i:])
			if r == utf8.RuneError && size == 1 {
				return "", s.errAt(s.i, "invalid UTF-8 in string")
			}
			out = append(out, s.src[s.i:s.i+size]...)
			s.i += size
		}
	}
}

func (s *scanner) escape(out *[]byte) error {
	start := s.i
	s.i++ // backslash
	if s.i >= len(s.src) {
		return s.errAt(start, "unterminated escape sequence")
	}
	c := s.src[s.i]
	s.i++
	switch c {
	case '"', '\\', '/':
		*out = append(*out, c)
	case 'b':
		*out = append(*out, '\b')
	case 'f':
		*out = append(*out, '\f')
	case 'n':
		*out = append(*out, '\n')
	case 'r':
		*out = append(*out, '\r')
	case 't':
		*out = append(*out, '\t')
	case 'u':
		r, ok := s.hex4()
		if !ok {
			return s.errAt(start, `malformed \u escape`)
		}
		if utf16.IsSurrogate(r) {
			if r >= 0xDC00 || len(s.src)-s.i < 2 || s.src[s.i] != '\\' || s.src[s.i+1] != 'u' {
				return s.errAt(start, `lone surrogate \u%04X in string`, r)
			}
			s.i += 2
			r2, ok := s.hex4()
			if !ok {
				return s.errAt(start, `malformed \u escape`)
			}
			if r2 < 0xDC00 || r2 > 0xDFFF {
				return s.errAt(start, `lone surrogate \u%04X in string`, r)
			}
			r = utf16.DecodeRune(r, r2)
		}
		*out = utf8.AppendRune(*out, r)
	default:
		return s.errAt(start, "invalid escape sequence \\%c", c)
	}
	return nil
}

func (s *scanner) hex4() (rune, bool) {
	if len(s.src)-s.i < 4 {
		return 0, false
	}
	v, err := strconv.ParseUint(string(s.src[s.i:s.i+4]), 16, 32)
	if err != nil {
		return 0, false
	}
	s.i += 4
	return rune(v), true
}
