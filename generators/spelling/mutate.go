package spelling

import (
	"math/rand"
	"slices"
	"strings"
)

// Mutation names one kind of change Mutate makes.
type Mutation string

const (
	MutDelete       Mutation = "delete a token"
	MutDuplicate    Mutation = "duplicate a token"
	MutSwap         Mutation = "swap two tokens"
	MutInsert       Mutation = "insert a token"
	MutReserved     Mutation = "reserved word for an identifier"
	MutUnicodeIdent Mutation = "Unicode identifier"
	MutEscape       Mutation = "break a string literal"
	MutInteger      Mutation = "out-of-range integer"
	MutBracket      Mutation = "unbalance a bracket"
	MutComment      Mutation = "comment out the rest of a line"
)

var mutations = []Mutation{MutDelete, MutDuplicate, MutSwap, MutInsert, MutReserved,
	MutUnicodeIdent, MutEscape, MutInteger, MutBracket, MutComment}

// inserted are the tokens MutInsert inserts.
var inserted = []Token{{"(", Punct}, {")", Punct}, {"[", Punct}, {"]", Punct}, {"{", Punct}, {"}", Punct},
	{",", Punct}, {";", Punct}, {"::", Punct}, {".", Punct}, {"==", Punct}, {"&&", Punct}, {"!", Punct},
	{"-", Punct}, {":", Punct}, {"@", Punct}, {"?principal", Punct}, {"?resource", Punct}, {"?other", Punct},
	{"if", Word}, {"in", Word}, {"has", Word}, {"like", Word}, {"is", Word}, {"permit", Word}, {"when", Word},
	{"principal", Word}, {"context", Word}, {"1", Number}, {`"s"`, String}, {"__cedar", Word}}

var reserved = []string{"true", "false", "if", "then", "else", "in", "is", "has", "like", "__cedar", "__cedar::X"}

// brokenEscapes are escapes Cedar rejects (`\*` only outside patterns).
var brokenEscapes = []string{`\q`, `\x80`, `\xff`, `\x4`, `\u{110000}`, `\u{d800}`, `\u{DFFF}`, `\u{}`, `\u{1234567}`,
	`\u{_41}`, `\u41`, `\*`, "\r", `\`, `\u{41`}

var bigIntegers = []string{"9223372036854775808", "9223372036854775809", "18446744073709551616", "99999999999999999999999"}

// Mutate returns a copy of t with one or two small changes drawn from r,
// most of which make the text invalid, and names them.
func Mutate(t *Text, r *rand.Rand) (*Text, []Mutation) {
	out := &Text{Tokens: slices.Clone(t.Tokens)}
	var done []Mutation
	for range 1 + r.Intn(2) {
		if len(out.Tokens) == 0 {
			break
		}
		m := mutations[r.Intn(len(mutations))]
		if out.mutate(m, r) {
			done = append(done, m)
		}
	}
	if len(done) == 0 && len(out.Tokens) > 0 {
		out.mutate(MutDelete, r)
		done = append(done, MutDelete)
	}
	return out, done
}

// pick returns the index of a random token for which ok holds, or -1.
func (t *Text) pick(r *rand.Rand, ok func(Token) bool) int {
	var idx []int
	for i, tok := range t.Tokens {
		if ok(tok) {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return -1
	}
	return idx[r.Intn(len(idx))]
}

func (t *Text) mutate(m Mutation, r *rand.Rand) bool {
	toks := t.Tokens
	switch m {
	case MutDelete:
		i := r.Intn(len(toks))
		t.Tokens = slices.Delete(toks, i, i+1)
	case MutDuplicate:
		i := r.Intn(len(toks))
		t.Tokens = slices.Insert(toks, i, toks[i])
	case MutSwap:
		if len(toks) < 2 {
			return false
		}
		i := r.Intn(len(toks) - 1)
		toks[i], toks[i+1] = toks[i+1], toks[i]
	case MutInsert:
		t.Tokens = slices.Insert(toks, r.Intn(len(toks)+1), inserted[r.Intn(len(inserted))])
	case MutReserved, MutUnicodeIdent:
		i := t.pick(r, func(k Token) bool { return k.Kind == Word })
		if i < 0 {
			return false
		}
		if m == MutReserved {
			toks[i] = Token{reserved[r.Intn(len(reserved))], Word}
		} else {
			toks[i] = Token{[]string{"é", "ünï", "日本", "aé", "x\u200d"}[r.Intn(5)], Word}
		}
	case MutEscape:
		i := t.pick(r, func(k Token) bool { return k.Kind == String })
		if i < 0 {
			return false
		}
		s := toks[i].Text
		if r.Intn(5) == 0 {
			toks[i].Text = s[:len(s)-1] // unterminated
			break
		}
		at := 1 + r.Intn(len(s)-1)
		// Keep escapes whole: insert before a backslash or at the end.
		for at < len(s)-1 && strings.LastIndexByte(s[:at], '\\') > strings.LastIndexAny(s[:at], "}\"") {
			at++
		}
		toks[i].Text = s[:at] + brokenEscapes[r.Intn(len(brokenEscapes))] + s[at:]
	case MutInteger:
		i := t.pick(r, func(k Token) bool { return k.Kind == Number })
		if i < 0 {
			return false
		}
		toks[i].Text = bigIntegers[r.Intn(len(bigIntegers))]
	case MutBracket:
		i := t.pick(r, func(k Token) bool { return strings.ContainsAny(k.Text, "()[]{}") && k.Kind == Punct })
		if i < 0 {
			return false
		}
		t.Tokens = slices.Delete(toks, i, i+1)
	case MutComment:
		t.Tokens = slices.Insert(toks, r.Intn(len(toks)+1), Token{"//", Punct})
	default:
		return false
	}
	return true
}
