package cedarjson

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// jv is a JSON value being written. Objects keep their members in the
// order they were added, so output is deterministic and follows the
// order of the source.
type jv interface{ write(w *writer) }

type (
	jObject []jMember
	jArray  []jv
	jString string
	jInt    int64
	jBool   bool
	jNull   struct{}
)

type jMember struct {
	key   string
	value jv
}

// writer renders jv values as indented JSON.
type writer struct {
	buf    bytes.Buffer
	indent int
}

// maxIndent is the nesting level past which values are written compactly,
// without line breaks: policy JSON nests two levels per operator of a
// chain, and indenting every level would make the output quadratic in
// the length of the chain.
const maxIndent = 32

// indentation holds the spaces of the deepest indented line.
var indentation = strings.Repeat("  ", maxIndent)

// encode renders v with two-space indentation, compactly past maxIndent
// levels, and a final newline.
func encode(v jv) []byte {
	w := &writer{}
	v.write(w)
	w.buf.WriteByte('\n')
	return w.buf.Bytes()
}

func (w *writer) newline() {
	if w.indent > maxIndent {
		return
	}
	w.buf.WriteByte('\n')
	w.buf.WriteString(indentation[:2*w.indent])
}

func (o jObject) write(w *writer) { w.nested(o) }

func (a jArray) write(w *writer) { w.nested(a) }

// nested writes an array or object with an explicit stack of the open
// ones rather than by recursion, since policy JSON nests as deep as the
// chains it holds.
func (w *writer) nested(v jv) {
	type open struct {
		obj  jObject
		arr  jArray
		next int
	}
	var stack []open
	for v != nil {
		switch x := v.(type) {
		case jObject:
			if len(x) == 0 {
				w.buf.WriteString("{}")
			} else {
				w.buf.WriteByte('{')
				w.indent++
				stack = append(stack, open{obj: x})
			}
		case jArray:
			if len(x) == 0 {
				w.buf.WriteString("[]")
			} else {
				w.buf.WriteByte('[')
				w.indent++
				stack = append(stack, open{arr: x})
			}
		default:
			x.write(w)
		}
		v = nil
		for v == nil && len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < len(top.obj)+len(top.arr) {
				if top.next > 0 {
					w.buf.WriteByte(',')
				}
				w.newline()
				if top.obj != nil {
					m := top.obj[top.next]
					jString(m.key).write(w)
					w.buf.WriteString(": ")
					v = m.value
				} else {
					v = top.arr[top.next]
				}
				top.next++
				continue
			}
			w.indent--
			w.newline()
			if top.obj != nil {
				w.buf.WriteByte('}')
			} else {
				w.buf.WriteByte(']')
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func (i jInt) write(w *writer) { w.buf.WriteString(strconv.FormatInt(int64(i), 10)) }

func (b jBool) write(w *writer) { w.buf.WriteString(strconv.FormatBool(bool(b))) }

func (jNull) write(w *writer) { w.buf.WriteString("null") }

// write quotes the string with the escapes JSON requires and no others
// (unlike encoding/json, which also escapes <, > and &). Invalid UTF-8,
// which Cedar strings never contain, is replaced by U+FFFD.
func (s jString) write(w *writer) {
	b := &w.buf
	b.WriteByte('"')
	str := string(s)
	for i := 0; i < len(str); {
		r, size := utf8.DecodeRuneInString(str[i:])
		i += size
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			b.WriteString(`\u00`)
			b.WriteByte("0123456789abcdef"[r>>4])
			b.WriteByte("0123456789abcdef"[r&0xf])
		case r == utf8.RuneError && size == 1:
			b.WriteString("\uFFFD")
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}
