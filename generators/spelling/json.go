package spelling

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand"
	"strings"
	"unicode/utf8"
)

// JSON is a JSON document as a tree that keeps what encoding/json would
// lose: the order and repetition of object keys and the exact text of
// numbers. ReadJSON builds it; Render re-spells it; MutateJSON breaks it.
type JSON struct {
	// Kind is one of '{', '[', '"', '0' (a number), 'b' (true or false)
	// and 'n' (null); 'r' (raw text, written as it is) only in mutations.
	Kind byte
	// Text is a string's value, or the literal text of a number, a
	// Boolean or null.
	Text string
	Keys []string // of an object, in order, repeats included
	Vals []*JSON  // of an object (one per key) or an array
}

// ReadJSON reads one JSON document.
func ReadJSON(src []byte) (*JSON, error) {
	d := json.NewDecoder(bytes.NewReader(src))
	d.UseNumber()
	return readJSON(d)
}

func readJSON(d *json.Decoder) (*JSON, error) {
	tok, err := d.Token()
	if err != nil {
		return nil, err
	}
	switch t := tok.(type) {
	case json.Delim:
		n := &JSON{Kind: byte(t)}
		for d.More() {
			if t == '{' {
				k, err := d.Token()
				if err != nil {
					return nil, err
				}
				n.Keys = append(n.Keys, k.(string))
			}
			v, err := readJSON(d)
			if err != nil {
				return nil, err
			}
			n.Vals = append(n.Vals, v)
		}
		_, err := d.Token()
		return n, err
	case string:
		return &JSON{Kind: '"', Text: t}, nil
	case json.Number:
		return &JSON{Kind: '0', Text: string(t)}, nil
	case bool:
		return &JSON{Kind: 'b', Text: fmt.Sprint(t)}, nil
	}
	return &JSON{Kind: 'n', Text: "null"}, nil
}

// Clone returns a deep copy.
func (j *JSON) Clone() *JSON {
	c := *j
	c.Keys = append([]string(nil), j.Keys...)
	c.Vals = make([]*JSON, len(j.Vals))
	for i, v := range j.Vals {
		c.Vals[i] = v.Clone()
	}
	return &c
}

// Get returns the value of the first key k of an object, or nil.
func (j *JSON) Get(k string) *JSON {
	for i, key := range j.Keys {
		if key == k {
			return j.Vals[i]
		}
	}
	return nil
}

// Render writes the document with JSON white space of random kinds and
// amounts between tokens, and every string character raw or escaped
// (`\uXXXX` in either case, surrogate pairs beyond the BMP, the short
// escapes, `\/`). The meaning is unchanged.
func (j *JSON) Render(r *rand.Rand) string {
	var b strings.Builder
	j.render(&b, r)
	return b.String()
}

func jsonSpace(b *strings.Builder, r *rand.Rand) {
	if r.Intn(3) == 0 {
		b.WriteString([]string{" ", "\n", "\t", "\r\n", "  ", "\n    "}[r.Intn(6)])
	}
}

func (j *JSON) render(b *strings.Builder, r *rand.Rand) {
	jsonSpace(b, r)
	switch j.Kind {
	case '{', '[':
		b.WriteByte(j.Kind)
		for i, v := range j.Vals {
			if i > 0 {
				b.WriteByte(',')
			}
			if j.Kind == '{' {
				jsonSpace(b, r)
				writeJSONString(b, j.Keys[i], r)
				jsonSpace(b, r)
				b.WriteByte(':')
			}
			v.render(b, r)
		}
		jsonSpace(b, r)
		b.WriteByte(j.Kind + 2) // '{'+2 == '}', '['+2 == ']'
	case '"':
		writeJSONString(b, j.Text, r)
	default:
		b.WriteString(j.Text)
	}
	jsonSpace(b, r)
}

var shortEscapes = map[rune]string{'"': `\"`, '\\': `\\`, '\b': `\b`, '\f': `\f`, '\n': `\n`, '\r': `\r`, '\t': `\t`}

func writeJSONString(b *strings.Builder, s string, r *rand.Rand) {
	b.WriteByte('"')
	for _, c := range s {
		esc, short := shortEscapes[c]
		switch {
		case short && r.Intn(2) == 0:
			b.WriteString(esc)
		case c == '/' && r.Intn(2) == 0:
			b.WriteString(`\/`)
		case c < 0x20 || short || r.Intn(6) == 0:
			b.WriteString(uEscape(c, r))
		default:
			b.WriteRune(c)
		}
	}
	b.WriteByte('"')
}

func uEscape(c rune, r *rand.Rand) string {
	format := `\u%04x`
	if r.Intn(2) == 0 {
		format = `\u%04X`
	}
	if c <= 0xffff {
		return fmt.Sprintf(format, c)
	}
	c -= 0x10000
	return fmt.Sprintf(format+format, 0xd800+(c>>10), 0xdc00+(c&0x3ff))
}

// JSONMutation names one kind of change MutateJSON makes.
type JSONMutation string

const (
	JSONDuplicateKey JSONMutation = "duplicate an object key"
	JSONDropKey      JSONMutation = "drop an object key"
	JSONExtraKey     JSONMutation = "add an object key"
	JSONNumber       JSONMutation = "an odd number"
	JSONRetype       JSONMutation = "a value of another type"
	JSONBadEscape    JSONMutation = "a broken string escape"
	JSONDeep         JSONMutation = "nest a value deeply"
	JSONTruncate     JSONMutation = "truncate the text"
)

// oddNumbers are the numbers JSONNumber puts in place of a value: the
// i64 bounds (valid), just beyond them, floats, -0 and exponents.
var oddNumbers = []string{"9223372036854775807", "-9223372036854775808", "9223372036854775808", "-9223372036854775809",
	"1.0", "1.5", "-0", "0", "1e3", "-1E2", "100000000000000000000", "007"}

var retypes = []*JSON{{Kind: '"', Text: "x"}, {Kind: 'b', Text: "true"}, {Kind: 'n', Text: "null"}, {Kind: '0', Text: "1"},
	{Kind: '['}, {Kind: '{'},
	{Kind: '{', Keys: []string{"type", "id"}, Vals: []*JSON{{Kind: '"', Text: "T"}, {Kind: '"', Text: "i"}}}}

// Mutations of the text, not the tree: applied after Render.
var badEscapes = []string{`\q`, `\u12`, `\ud800`, `\x41`, `\U0041`, "\x01"}

// MutateJSON returns a rendered mutation of j: one change drawn from r,
// most of which make entity or context JSON invalid (some only against a
// schema). allowDuplicate lets it duplicate a key, which the official
// engine's glue throws on (costly: the driver reloads the module).
func MutateJSON(j *JSON, r *rand.Rand, allowDuplicate bool) (string, JSONMutation) {
	out := j.Clone()
	var nodes []*JSON
	var walk func(n *JSON)
	walk = func(n *JSON) {
		nodes = append(nodes, n)
		for _, v := range n.Vals {
			walk(v)
		}
	}
	walk(out)
	objects := func() []*JSON {
		var os []*JSON
		for _, n := range nodes {
			if n.Kind == '{' && len(n.Keys) > 0 {
				os = append(os, n)
			}
		}
		return os
	}
	for range 10 {
		m := []JSONMutation{JSONDuplicateKey, JSONDropKey, JSONExtraKey, JSONNumber, JSONNumber, JSONRetype,
			JSONBadEscape, JSONDeep, JSONTruncate}[r.Intn(9)]
		switch m {
		case JSONDuplicateKey, JSONDropKey:
			if m == JSONDuplicateKey && !allowDuplicate {
				continue
			}
			os := objects()
			if len(os) == 0 {
				continue
			}
			o := os[r.Intn(len(os))]
			i := r.Intn(len(o.Keys))
			if m == JSONDropKey {
				o.Keys = append(o.Keys[:i:i], o.Keys[i+1:]...)
				o.Vals = append(o.Vals[:i:i], o.Vals[i+1:]...)
			} else {
				v := o.Vals[i].Clone()
				if r.Intn(2) == 0 {
					v = retypes[r.Intn(len(retypes))].Clone()
				}
				o.Keys = append(o.Keys, o.Keys[i])
				o.Vals = append(o.Vals, v)
			}
		case JSONExtraKey:
			os := objects()
			if len(os) == 0 {
				continue
			}
			o := os[r.Intn(len(os))]
			o.Keys = append(o.Keys, []string{"extra", "__entity", "__extn", "type", "tags", ""}[r.Intn(6)])
			o.Vals = append(o.Vals, retypes[r.Intn(len(retypes))].Clone())
		case JSONNumber, JSONRetype, JSONDeep:
			n := nodes[r.Intn(len(nodes))]
			if n == out && m != JSONDeep {
				continue
			}
			switch m {
			case JSONNumber:
				*n = JSON{Kind: '0', Text: oddNumbers[r.Intn(len(oddNumbers))]}
			case JSONRetype:
				*n = *retypes[r.Intn(len(retypes))].Clone()
			default:
				inner := n.Clone()
				for range 10 + r.Intn(40) {
					inner = &JSON{Kind: '[', Vals: []*JSON{inner}}
				}
				*n = *inner
			}
		case JSONBadEscape:
			var strs []*JSON
			for _, n := range nodes {
				if n.Kind == '"' {
					strs = append(strs, n)
				}
			}
			if len(strs) == 0 {
				continue
			}
			s := strs[r.Intn(len(strs))]
			q, _ := json.Marshal(s.Text)
			// A raw node: written as it is.
			*s = JSON{Kind: 'r', Text: string(q[:len(q)-1]) + badEscapes[r.Intn(len(badEscapes))] + `"`}
		case JSONTruncate:
			text := out.Render(r)
			cut := r.Intn(max(1, utf8.RuneCountInString(text)))
			return string([]rune(text)[:cut]), m
		}
		return out.Render(r), m
	}
	text := out.Render(r)
	return text[:len(text)/2], JSONTruncate
}

// RespellUIDs rewrites, in entity JSON (an array of entities), each
// entity's "uid" and each of its "parents" at random between the two
// forms Cedar accepts there: {"type": T, "id": I} and
// {"__entity": {"type": T, "id": I}}. Values in attributes and tags keep
// their form, since without a schema a bare {"type", "id"} there is a
// record.
func RespellUIDs(entities *JSON, r *rand.Rand) {
	if entities.Kind != '[' {
		return
	}
	flip := func(u *JSON) {
		if u == nil || u.Kind != '{' || r.Intn(2) == 0 {
			return
		}
		if in := u.Get("__entity"); in != nil && len(u.Keys) == 1 {
			*u = *in
		} else if u.Get("type") != nil {
			*u = JSON{Kind: '{', Keys: []string{"__entity"}, Vals: []*JSON{u.Clone()}}
		}
	}
	for _, e := range entities.Vals {
		if e.Kind != '{' {
			continue
		}
		flip(e.Get("uid"))
		if ps := e.Get("parents"); ps != nil {
			for _, p := range ps.Vals {
				flip(p)
			}
		}
	}
}
