package cedarjson

import (
	"bytes"
	"strconv"
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

// encode renders v with two-space indentation and a final newline.
func encode(v jv) []byte {
	w := &writer{}
	v.write(w)
	w.buf.WriteByte('\n')
	return w.buf.Bytes()
}

func (w *writer) newline() {
	w.buf.WriteByte('\n')
	for i := 0; i < w.indent; i++ {
		w.buf.WriteString("  ")
	}
}

func (o jObject) write(w *writer) {
	if len(o) == 0 {
		w.buf.WriteString("{}")
		return
	}
	w.buf.WriteByte('{')
	w.indent++
	for i, m := range o {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.newline()
		jString(m.key).write(w)
		w.buf.WriteString(": ")
		m.value.write(w)
	}
	w.indent--
	w.newline()
	w.buf.WriteByte('}')
}

func (a jArray) write(w *writer) {
	if len(a) == 0 {
		w.buf.WriteString("[]")
		return
	}
	w.buf.WriteByte('[')
	w.indent++
	for i, v := range a {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.newline()
		v.write(w)
	}
	w.indent--
	w.newline()
	w.buf.WriteByte(']')
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
