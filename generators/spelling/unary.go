package spelling

import "math/rand"

// MutUnaryRun wraps a condition body in a run of `!` or `-`: at the
// limit (four, valid) or one past it (five, which Cedar rejects).
const MutUnaryRun Mutation = "a run of unary operators around a condition"

// UnaryRun returns a copy of t (a spelled policy set) in which the body
// of one `when` or `unless` clause, drawn from r, is wrapped in n
// operators `!` or `-` and parentheses: `when { !!!!(body) }`. The text
// parses exactly when t does and n is at most four (a `-` run is a type
// error, not a syntax error). It reports false when t has no condition.
func UnaryRun(t *Text, r *rand.Rand, n int) (*Text, bool) {
	var opens []int
	for i := 0; i+1 < len(t.Tokens); i++ {
		if k := t.Tokens[i]; k.Kind == Word && (k.Text == "when" || k.Text == "unless") && t.Tokens[i+1].Text == "{" {
			opens = append(opens, i+1)
		}
	}
	if len(opens) == 0 {
		return t, false
	}
	open := opens[r.Intn(len(opens))]
	depth, end := 0, -1
	for j := open; j < len(t.Tokens) && end < 0; j++ {
		switch t.Tokens[j].Text {
		case "{":
			depth++
		case "}":
			if depth--; depth == 0 {
				end = j
			}
		}
	}
	if end < 0 {
		return t, false
	}
	sign := "!"
	if r.Intn(3) == 0 {
		sign = "-"
	}
	out := &Text{Tokens: make([]Token, 0, len(t.Tokens)+n+2)}
	out.Tokens = append(out.Tokens, t.Tokens[:open+1]...)
	for range n {
		out.Tokens = append(out.Tokens, Token{sign, Punct})
	}
	out.Tokens = append(out.Tokens, Token{"(", Punct})
	out.Tokens = append(out.Tokens, t.Tokens[open+1:end]...)
	out.Tokens = append(out.Tokens, Token{")", Punct})
	out.Tokens = append(out.Tokens, t.Tokens[end:]...)
	return out, true
}
