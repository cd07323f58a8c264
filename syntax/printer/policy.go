package printer

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// lineWidth is the width beyond which a condition made of an `&&` or `||`
// chain is broken over several lines.
const lineWidth = 80

// PolicySet returns the policies of ps in the canonical layout, separated
// by blank lines. Template links are not printed (they have no text form).
func PolicySet(ps *syntax.PolicySet) string {
	var w writer
	for i, p := range ps.Policies {
		if i > 0 {
			w.WriteByte('\n')
		}
		w.policy(p)
		w.WriteByte('\n')
	}
	return w.String()
}

// Policy returns p in the canonical layout, ending with `;` and no line
// break.
func Policy(p *syntax.Policy) string {
	var w writer
	w.policy(p)
	return w.String()
}

// policy writes p; comments, when not nil, are written before each
// condition clause (cond[i] before clause i).
func (w *writer) policy(p *syntax.Policy) { w.policyWithComments(p, nil) }

func (w *writer) policyWithComments(p *syntax.Policy, condComments [][]string) {
	for _, a := range p.Annotations {
		w.WriteByte('@')
		w.WriteString(a.Key)
		if a.HasValue || a.Value != "" {
			w.WriteByte('(')
			w.WriteString(syntax.Quote(a.Value))
			w.WriteByte(')')
		}
		w.WriteByte('\n')
	}
	w.head(p)
	for i, c := range p.Conditions {
		w.WriteByte('\n')
		if i < len(condComments) {
			for _, text := range condComments[i] {
				w.WriteString(text)
				w.WriteByte('\n')
			}
		}
		w.condition(c)
	}
	w.WriteByte(';')
}

// head writes the effect and the scope: `permit (principal, action,
// resource)` on one line when no element is constrained, and otherwise
// one element per line, as the official formatter does.
func (w *writer) head(p *syntax.Policy) {
	w.WriteString(p.Effect.String())
	if p.Principal.Op == syntax.ScopeAll && p.Action.Op == syntax.ScopeAll && p.Resource.Op == syntax.ScopeAll {
		w.WriteString(" (principal, action, resource)")
		return
	}
	w.WriteString(" (\n  ")
	w.scope("principal", p.Principal)
	w.WriteString(",\n  ")
	w.scope("action", p.Action)
	w.WriteString(",\n  ")
	w.scope("resource", p.Resource)
	w.WriteString("\n)")
}

func (w *writer) scope(v string, s syntax.Scope) {
	w.WriteString(v)
	ref := func() {
		if s.Slot != "" {
			w.WriteString(string(s.Slot))
		} else {
			w.literal(s.Entity)
		}
	}
	switch s.Op {
	case syntax.ScopeEq:
		w.WriteString(" == ")
		ref()
	case syntax.ScopeIn:
		w.WriteString(" in ")
		ref()
	case syntax.ScopeIs:
		w.WriteString(" is ")
		w.WriteString(string(s.Type))
	case syntax.ScopeIsIn:
		w.WriteString(" is ")
		w.WriteString(string(s.Type))
		w.WriteString(" in ")
		ref()
	case syntax.ScopeInSet:
		w.WriteString(" in [")
		for i, u := range s.Entities {
			if i > 0 {
				w.WriteString(", ")
			}
			w.literal(u)
		}
		w.WriteByte(']')
	}
}

// condition writes `when { body }`, or, when that line would be too long,
// the body between `{` and `}` on lines of their own, as the official
// formatter does; a long `&&` or `||` chain gets one operand per line.
func (w *writer) condition(c syntax.Condition) {
	kw := c.Kind.String()
	body := Expr(c.Body)
	if len(kw)+len(body)+5 <= lineWidth || strings.Contains(body, "\n") {
		w.WriteString(kw)
		w.WriteString(" { ")
		w.WriteString(body)
		w.WriteString(" }")
		return
	}
	b, ok := c.Body.(*syntax.Binary)
	if !ok || (b.Op != syntax.OpAnd && b.Op != syntax.OpOr) || level(b) == precRel {
		w.WriteString(kw)
		w.WriteString("\n{\n  ")
		w.WriteString(body)
		w.WriteString("\n}")
		return
	}
	// Collect the chain's operands, left to right.
	op, prec := " &&", precRel
	if b.Op == syntax.OpOr {
		op, prec = " ||", precAnd
	}
	spine := chainSpine(b, level(b))
	operands := []syntax.Expr{spine[len(spine)-1].Left}
	for i := len(spine) - 1; i >= 0; i-- {
		operands = append(operands, spine[i].Right)
	}
	w.WriteString(kw)
	w.WriteString("\n{")
	for i, x := range operands {
		w.WriteString("\n  ")
		w.expr(x, prec)
		if i < len(operands)-1 {
			w.WriteString(op)
		}
	}
	w.WriteString("\n}")
}
