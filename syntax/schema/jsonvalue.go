package schema

import (
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// jsonKind is the kind of a JSON value.
type jsonKind uint8

const (
	jsonNull jsonKind = iota
	jsonBool
	jsonNumber
	jsonString
	jsonArray
	jsonObject
)

var jsonKindNames = [...]string{"null", "a boolean", "a number", "a string", "an array", "an object"}

// jsonValue is a JSON value with the position of its first character.
// Objects keep their fields in source order; keys are unique.
type jsonValue struct {
	Kind   jsonKind
	Pos    syntax.Pos
	Bool   bool
	Str    string // string value, or the text of a number
	Elems  []*jsonValue
	Fields []jsonField
}

type jsonField struct {
	Key    string
	KeyPos syntax.Pos
	Value  *jsonValue
}

// readJSON parses one JSON document strictly (RFC 8259): no trailing
// commas, no comments, duplicate keys are errors, nesting is bounded.
func readJSON(filename string, src []byte) (*jsonValue, error) {
	r := &jsonReader{filename: filename, src: src, line: 1}
	if !utf8.Valid(src) {
		return nil, syntax.ErrorList{errorf(syntax.Pos{Filename: filename}, KindInvalidUTF8, "source is not valid UTF-8")}
	}
	r.skipSpace()
	v, err := r.value(0)
	if err != nil {
		return nil, syntax.ErrorList{err}
	}
	r.skipSpace()
	if r.off < len(r.src) {
		return nil, syntax.ErrorList{errorf(r.pos(), KindInvalidJSON, "unexpected data after the JSON value")}
	}
	return v, nil
}

type jsonReader struct {
	filename string
	src      []byte
	off      int
	line     int
	lineOff  int
}

func (r *jsonReader) pos() syntax.Pos {
	return syntax.Pos{Filename: r.filename, Offset: r.off, Line: r.line, Column: r.off - r.lineOff + 1}
}

func (r *jsonReader) skipSpace() {
	for r.off < len(r.src) {
		switch r.src[r.off] {
		case '\n':
			r.line++
			r.lineOff = r.off + 1
		case ' ', '\t', '\r':
		default:
			return
		}
		r.off++
	}
}

func (r *jsonReader) errHere(msg string) *syntax.Error {
	if r.off >= len(r.src) {
		return errorf(r.pos(), KindInvalidJSON, "unexpected end of JSON input, "+msg)
	}
	return errorf(r.pos(), KindInvalidJSON, msg)
}

func (r *jsonReader) value(depth int) (*jsonValue, *syntax.Error) {
	if depth > MaxDepth*2 {
		return nil, errorf(r.pos(), KindNestingTooDeep, "JSON nested too deeply")
	}
	p := r.pos()
	if r.off >= len(r.src) {
		return nil, r.errHere("expected a value")
	}
	switch c := r.src[r.off]; {
	case c == '{':
		return r.object(p, depth)
	case c == '[':
		r.off++
		v := &jsonValue{Kind: jsonArray, Pos: p, Elems: []*jsonValue{}}
		r.skipSpace()
		if r.off < len(r.src) && r.src[r.off] == ']' {
			r.off++
			return v, nil
		}
		for {
			r.skipSpace()
			e, err := r.value(depth + 1)
			if err != nil {
				return nil, err
			}
			v.Elems = append(v.Elems, e)
			r.skipSpace()
			if r.off < len(r.src) && r.src[r.off] == ',' {
				r.off++
				continue
			}
			if r.off < len(r.src) && r.src[r.off] == ']' {
				r.off++
				return v, nil
			}
			return nil, r.errHere("expected `,` or `]`")
		}
	case c == '"':
		s, err := r.string()
		if err != nil {
			return nil, err
		}
		return &jsonValue{Kind: jsonString, Pos: p, Str: s}, nil
	case c == '-' || '0' <= c && c <= '9':
		return r.number(p)
	case c == 't' || c == 'f' || c == 'n':
		for _, lit := range []string{"true", "false", "null"} {
			if strings.HasPrefix(string(r.src[r.off:min(len(r.src), r.off+5)]), lit) {
				r.off += len(lit)
				switch lit {
				case "null":
					return &jsonValue{Kind: jsonNull, Pos: p}, nil
				default:
					return &jsonValue{Kind: jsonBool, Pos: p, Bool: lit == "true"}, nil
				}
			}
		}
	}
	return nil, r.errHere("expected a JSON value")
}

func (r *jsonReader) object(p syntax.Pos, depth int) (*jsonValue, *syntax.Error) {
	r.off++
	v := &jsonValue{Kind: jsonObject, Pos: p, Fields: []jsonField{}}
	r.skipSpace()
	if r.off < len(r.src) && r.src[r.off] == '}' {
		r.off++
		return v, nil
	}
	seen := map[string]syntax.Pos{}
	for {
		r.skipSpace()
		kp := r.pos()
		if r.off >= len(r.src) || r.src[r.off] != '"' {
			return nil, r.errHere("expected a string key")
		}
		k, err := r.string()
		if err != nil {
			return nil, err
		}
		if prev, dup := seen[k]; dup {
			return nil, errorf(kp, KindDuplicateKey, "duplicate key "+strconv.Quote(k)+" (first at "+prev.String()+")")
		}
		seen[k] = kp
		r.skipSpace()
		if r.off >= len(r.src) || r.src[r.off] != ':' {
			return nil, r.errHere("expected `:`")
		}
		r.off++
		r.skipSpace()
		e, err := r.value(depth + 1)
		if err != nil {
			return nil, err
		}
		v.Fields = append(v.Fields, jsonField{Key: k, KeyPos: kp, Value: e})
		r.skipSpace()
		if r.off < len(r.src) && r.src[r.off] == ',' {
			r.off++
			continue
		}
		if r.off < len(r.src) && r.src[r.off] == '}' {
			r.off++
			return v, nil
		}
		return nil, r.errHere("expected `,` or `}`")
	}
}

func (r *jsonReader) number(p syntax.Pos) (*jsonValue, *syntax.Error) {
	start := r.off
	if r.src[r.off] == '-' {
		r.off++
	}
	digits := func() int {
		n := 0
		for r.off < len(r.src) && '0' <= r.src[r.off] && r.src[r.off] <= '9' {
			r.off++
			n++
		}
		return n
	}
	intStart := r.off
	if digits() == 0 || (r.src[intStart] == '0' && r.off-intStart > 1) {
		return nil, errorf(p, KindInvalidJSON, "invalid number")
	}
	if r.off < len(r.src) && r.src[r.off] == '.' {
		r.off++
		if digits() == 0 {
			return nil, errorf(p, KindInvalidJSON, "invalid number")
		}
	}
	if r.off < len(r.src) && (r.src[r.off] == 'e' || r.src[r.off] == 'E') {
		r.off++
		if r.off < len(r.src) && (r.src[r.off] == '+' || r.src[r.off] == '-') {
			r.off++
		}
		if digits() == 0 {
			return nil, errorf(p, KindInvalidJSON, "invalid number")
		}
	}
	return &jsonValue{Kind: jsonNumber, Pos: p, Str: string(r.src[start:r.off])}, nil
}

// string reads a JSON string at the opening quote.
func (r *jsonReader) string() (string, *syntax.Error) {
	p := r.pos()
	r.off++
	var b strings.Builder
	for {
		if r.off >= len(r.src) {
			return "", errorf(p, KindInvalidJSON, "unterminated string")
		}
		c := r.src[r.off]
		switch {
		case c == '"':
			r.off++
			return b.String(), nil
		case c < 0x20:
			return "", errorf(r.pos(), KindInvalidJSON, "control character in string")
		case c == '\\':
			if r.off+1 >= len(r.src) {
				return "", errorf(p, KindInvalidJSON, "unterminated string")
			}
			e := r.src[r.off+1]
			r.off += 2
			switch e {
			case '"', '\\', '/':
				b.WriteByte(e)
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case 'u':
				u, ok := r.hex4()
				if !ok {
					return "", errorf(r.pos(), KindInvalidJSON, "invalid \\u escape")
				}
				if utf16.IsSurrogate(rune(u)) {
					if u >= 0xDC00 || r.off+1 >= len(r.src) || r.src[r.off] != '\\' || r.src[r.off+1] != 'u' {
						return "", errorf(r.pos(), KindInvalidJSON, "lone surrogate in \\u escape")
					}
					r.off += 2
					lo, ok := r.hex4()
					if !ok || lo < 0xDC00 || lo > 0xDFFF {
						return "", errorf(r.pos(), KindInvalidJSON, "lone surrogate in \\u escape")
					}
					b.WriteRune(utf16.DecodeRune(rune(u), rune(lo)))
				} else {
					b.WriteRune(rune(u))
				}
			default:
				return "", errorf(r.pos(), KindInvalidJSON, "invalid escape in string")
			}
		default:
			b.WriteByte(c)
			r.off++
		}
	}
}

func (r *jsonReader) hex4() (int, bool) {
	if r.off+4 > len(r.src) {
		return 0, false
	}
	v := 0
	for i := 0; i < 4; i++ {
		h, ok := hexVal(r.src[r.off+i])
		if !ok {
			return 0, false
		}
		v = v<<4 | h
	}
	r.off += 4
	return v, true
}
