package generators

import "github.com/cedar-crosscheck/crosscheck/syntax"

// policyExtLit returns an extension constructor call for a policy. Typed
// and rbac policies get valid literals, which the validator requires.
// Untyped and expr tests also get invalid ones: from the pool of known
// bad forms, or a valid literal with one random edit, which probes the
// corners of the four literal parsers.
func (g *gen) policyExtLit(ext string) *syntax.Call {
	bad := 0
	switch g.s.Mode {
	case ModeUntyped:
		bad = 30
	case ModeExpr:
		bad = 20
	}
	if !g.chance(bad) {
		return g.extLit(ext, false)
	}
	if g.intn(2) == 0 {
		return g.extLit(ext, true)
	}
	s := mutate(g.draw, pick(g.draw, extValid[ext]))
	return &syntax.Call{Name: extConstructor[ext], Args: []syntax.Expr{syntax.String(s)}}
}

// mutationChars are the characters the extension literal formats are
// made of, plus a few that none of them allow.
const mutationChars = "0123456789.:-+/TZabcdefABCDEFhmsdx %\u0660"

// mutate applies one random edit to s: replace, insert or delete a
// character, or duplicate a piece of it.
func mutate(d draw, s string) string {
	r := []rune(s)
	chars := []rune(mutationChars)
	if len(r) == 0 {
		return string(pick(d, chars))
	}
	i := d.intn(len(r))
	switch d.intn(4) {
	case 0:
		r[i] = pick(d, chars)
	case 1:
		r = append(r[:i], append([]rune{pick(d, chars)}, r[i:]...)...)
	case 2:
		r = append(r[:i], r[i+1:]...)
	default:
		j := i + d.intn(len(r)-i)
		r = append(r[:j], append(append([]rune(nil), r[i:j+1]...), r[j:]...)...)
	}
	return string(r)
}
