package cedarjson

import (
	"fmt"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// MaxDepth bounds the nesting of arrays and objects in entity, context,
// request and value JSON. Deeper input is rejected with KindTooDeep.
const MaxDepth = 512

// MaxPolicyDepth bounds the nesting of arrays and objects in policy JSON,
// counted so that every expression the Cedar text parser accepts fits:
// an expression adds two JSON levels per level of syntax.Nesting
// ({"op": {"left": ...}}), and, as in syntax.Nesting, a chain of one
// operator family down "left" and an else-if chain down "else" count as
// one level however long they are. The expression reader then applies
// syntax.Nesting itself; this bound only keeps hostile JSON (a megabyte
// of `[`) from costing more than a legitimate policy would.
const MaxPolicyDepth = 2*syntax.MaxNesting + 16

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

// scanner parses JSON text (RFC 8259) into nodes. It keeps the open
// arrays and objects on an explicit stack rather than recursing, so that
// the depth it allows costs no call stack.
type scanner struct {
	d     *decoder
	src   []byte
	i     int
	limit int // the largest depth allowed
	// flat, when set, says which nested objects count at the depth of the
	// object two levels up (see MaxPolicyDepth): an object that is the
	// value of field in an object that is the value of outer, and whose
	// first key is inner.
	flat func(outer, field, inner string) bool
	what string // what is nested, for the error message
}

// frame is an array or object being read.
type frame struct {
	n     *node
	depth int
	field string          // the key this value belongs to in its parent object
	key   string          // the key of the member being read (objects)
	keyAt int             // and its offset
	seen  map[string]bool // keys so far, once the object is large
}

// parseJSON parses src as exactly one JSON value of any kind but policy
// JSON, with nesting bounded by MaxDepth.
func (d *decoder) parseJSON() (*node, error) {
	return d.scan(&scanner{limit: MaxDepth, what: "JSON"})
}

// parsePolicyJSON parses src as policy JSON, with nesting bounded as
// MaxPolicyDepth says.
func (d *decoder) parsePolicyJSON() (*node, error) {
	return d.scan(&scanner{limit: MaxPolicyDepth, flat: flatPolicyJSON, what: "policy JSON"})
}

// flatPolicyJSON recognizes the objects of policy JSON that syntax.Nesting
// counts at the level of their parent expression: the next link of a
// chain ({"||": {"left": {"||": ...}}}) and of an else-if chain.
func flatPolicyJSON(outer, field, inner string) bool {
	switch field {
	case "left":
		f := chainFamily(outer)
		return f != 0 && chainFamily(inner) == f
	case "else":
		return outer == "if-then-else" && inner == "if-then-else"
	}
	return false
}

// chainFamily groups the policy-JSON operators that chain without
// nesting, as syntax.Nesting does; zero for the others.
func chainFamily(key string) int {
	switch key {
	case "||":
		return 1
	case "&&":
		return 2
	case "+", "-":
		return 3
	case "*":
		return 4
	}
	return 0
}

func (d *decoder) scan(s *scanner) (*node, error) {
	s.d, s.src = d, d.src
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

// value reads one JSON value. Each turn of its loop starts a value (a
// scalar, or an array or object, which is pushed) and then, once a value
// is complete, adds it to the innermost open array or object and reads on
// to the next value or to the closing bracket.
func (s *scanner) value() (*node, error) {
	var stack []*frame
	for {
		s.skipSpace()
		v, err := s.start(&stack)
		if err != nil {
			return nil, err
		}
		for v != nil {
			if len(stack) == 0 {
				return v, nil
			}
			top := stack[len(stack)-1]
			if top.n.kind == arrayNode {
				top.n.elems = append(top.n.elems, v)
			} else {
				top.n.members = append(top.n.members, member{key: top.key, keyOff: top.keyAt, value: v})
			}
			s.skipSpace()
			closer := byte(']')
			if top.n.kind == objectNode {
				closer = '}'
			}
			switch {
			case s.i < len(s.src) && s.src[s.i] == ',':
				s.i++
				v = nil
				if top.n.kind == objectNode {
					if err := s.key(stack); err != nil {
						return nil, err
					}
				}
			case s.i < len(s.src) && s.src[s.i] == closer:
				s.i++
				stack = stack[:len(stack)-1]
				v = top.n
			default:
				return nil, s.errAt(s.i, "unexpected %s, expected ',' or '%c'", s.describe(), closer)
			}
		}
	}
}

// start begins a value: it returns a scalar or an empty array or object,
// or pushes a non-empty array or object (having read the first key of an
// object) and returns nil.
func (s *scanner) start(stack *[]*frame) (*node, error) {
	if s.i >= len(s.src) {
		return nil, s.errAt(s.i, "unexpected end of input, expected a JSON value")
	}
	start := s.i
	switch c := s.src[s.i]; {
	case c == '{' || c == '[':
		kind := arrayNode
		if c == '{' {
			kind = objectNode
		}
		f := &frame{n: &node{kind: kind, off: start}, depth: 1}
		if n := len(*stack); n > 0 {
			parent := (*stack)[n-1]
			f.depth = parent.depth + 1
			if parent.n.kind == objectNode {
				f.field = parent.key
			}
		}
		if f.depth > s.limit {
			return nil, s.d.errorAt(start, KindTooDeep, fmt.Sprintf("%s nested deeper than %d levels", s.what, s.limit))
		}
		s.i++
		s.skipSpace()
		if s.i < len(s.src) && s.src[s.i] == "]}"[kind-arrayNode] {
			s.i++
			return f.n, nil
		}
		*stack = append(*stack, f)
		if kind == objectNode {
			return nil, s.key(*stack)
		}
		return nil, nil
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

// smallObject is the number of members below which duplicate keys are
// found by a scan rather than a set.
const smallObject = 8

// key reads an object key and its ':' into the innermost frame, checking
// that the key is new. After the first key, it settles the frame's depth.
func (s *scanner) key(stack []*frame) error {
	f := stack[len(stack)-1]
	s.skipSpace()
	if s.i >= len(s.src) || s.src[s.i] != '"' {
		return s.errAt(s.i, "unexpected %s, expected an object key", s.describe())
	}
	keyOff := s.i
	key, err := s.str()
	if err != nil {
		return err
	}
	if f.duplicate(key) {
		return s.d.errorf(&node{off: keyOff}, nil, KindDuplicateKey, "duplicate key %s", strconv.Quote(key))
	}
	f.key, f.keyAt = key, keyOff
	if len(f.n.members) == 0 && s.flat != nil && len(stack) >= 3 {
		parent, grand := stack[len(stack)-2], stack[len(stack)-3]
		if parent.n.kind == objectNode && s.flat(parent.field, f.field, key) {
			f.depth = grand.depth
		}
	}
	s.skipSpace()
	if s.i >= len(s.src) || s.src[s.i] != ':' {
		return s.errAt(s.i, "unexpected %s, expected ':'", s.describe())
	}
	s.i++
	return nil
}

// duplicate reports whether key is already a key of the object f reads,
// switching from a scan to a set once the object grows, so that large
// objects stay linear and small ones allocate nothing.
func (f *frame) duplicate(key string) bool {
	ms := f.n.members
	if len(ms) < smallObject {
		for _, m := range ms {
			if m.key == key {
				return true
			}
		}
		return false
	}
	if f.seen == nil {
		f.seen = make(map[string]bool, 2*len(ms))
		for _, m := range ms {
			f.seen[m.key] = true
		}
	}
	if f.seen[key] {
		return true
	}
	f.seen[key] = true
	return false
}

func (s *scanner) literal(word string) bool {
	if len(s.src)-s.i >= len(word) && string(s.src[s.i:s.i+len(word)]) == word {
		s.i += len(word)
		return true
	}
	return false
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
