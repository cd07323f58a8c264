package cedarjson

import (
	"runtime/debug"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func repeatJoin(term, op string, n int) string {
	return strings.Repeat(term+op, n-1) + term
}

func wrapN(open, close string, n int, core string) string {
	return strings.Repeat(open, n) + core + strings.Repeat(close, n)
}

// TestPolicyJSONReadsWhatTextAccepts: every condition the text parser
// accepts, up to syntax.MaxNesting and with chains of any length, goes
// text -> AST -> policy JSON -> AST unchanged; one level past the limit,
// both readers reject it.
func TestPolicyJSONReadsWhatTextAccepts(t *testing.T) {
	// Recursion down a chain would need far more stack than this.
	defer debug.SetMaxStack(debug.SetMaxStack(32 << 20))
	const max = syntax.MaxNesting
	tests := []struct {
		name string
		cond string
		ok   bool
	}{
		{"or chain of 255", repeatJoin("context.a", " || ", 255), true},
		{"or chain of 2500", repeatJoin("context.a", " || ", 2500), true},
		{"or chain of 100000", repeatJoin("context.a", " || ", 100_000), true},
		{"and chain of 20000", repeatJoin("true", " && ", 20_000), true},
		{"sum chain of 20000", repeatJoin("1 + 2", " - ", 10_000) + " == 0", true},
		{"product chain of 20000", repeatJoin("2", " * ", 20_000) + " == 0", true},
		{"else-if chain of 5000", strings.Repeat("if context.a then true else ", 5000) + "false", true},
		{"sets at the limit", wrapN("[", "]", max-2, `User::"a"`) + ".isEmpty()", true},
		{"sets past the limit", wrapN("[", "]", max-1, `User::"a"`) + ".isEmpty()", false},
		{"records at the limit", wrapN("{a: ", "}", max-2, `User::"a"`) + ".isEmpty()", true},
		{"negations at the limit", wrapN("!(", ")", max-1, "true"), true},
		{"negations past the limit", wrapN("!(", ")", max, "true"), false},
		{"if in then branches at the limit", wrapN("if true then ", " else false", max-1, "true"), true},
		{"if in then branches past the limit", wrapN("if true then ", " else false", max, "true"), false},
		{"calls at the limit", wrapN("context.contains(", ")", max-2, `ip("1.2.3.4")`), true},
		{"right-nested chains at the limit", wrapN("true || (", ")", max-1, "true"), true},
		{"right-nested chains past the limit", wrapN("true || (", ")", max, "true"), false},
		{"likes at the limit", "context" + strings.Repeat(".a", max-2) + ` like "a*"`, true},
		{"has paths at the limit", "context has a" + strings.Repeat(".a", max-3), true},
		{"has paths past the limit", "context has a" + strings.Repeat(".a", max-2), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "permit(principal, action, resource) when { " + tt.cond + " };"
			ps, err := parser.ParsePolicySet("n.cedar", []byte(src))
			if !tt.ok {
				if e := syntax.FirstError(err); e == nil || e.Kind != parser.KindNestingTooDeep {
					t.Fatalf("text: got %v, want %s", err, parser.KindNestingTooDeep)
				}
				// Past the limit: a tree built with a larger limit, written
				// as JSON, is rejected by the JSON reader.
				if ps, err = parser.ParsePolicySet("n.cedar", []byte(src), parser.MaxDepth(max+1)); err != nil {
					t.Fatal(err)
				}
			} else if err != nil {
				t.Fatalf("text: %v", err)
			}
			js, err := MarshalPolicySet(ps)
			if err != nil {
				t.Fatal(err)
			}
			back, err := UnmarshalPolicySet("n.json", js)
			if !tt.ok {
				e := syntax.FirstError(err)
				if e == nil || e.Kind != KindTooDeep || e.Pos.Line == 0 || !strings.Contains(e.Msg, "512") {
					t.Fatalf("JSON: got %v, want %s with a position", err, KindTooDeep)
				}
				return
			}
			if err != nil {
				t.Fatalf("JSON (%d bytes): %v", len(js), err)
			}
			if !printer.Equal(ps.Policies[0].Conditions[0].Body, back.Policies[0].Conditions[0].Body) {
				t.Fatal("JSON round trip changed the condition")
			}
			// The expression reader applies the same rules.
			ej, err := MarshalExpr(ps.Policies[0].Conditions[0].Body)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := UnmarshalExpr("e.json", ej); err != nil {
				t.Fatalf("UnmarshalExpr: %v", err)
			}
		})
	}
}

// TestJSONWriterLinear: written policy JSON grows linearly with a chain
// (indentation stops at maxIndent levels).
func TestJSONWriterLinear(t *testing.T) {
	size := func(n int) int {
		e, err := parser.ParseExpr("", []byte(repeatJoin("context.a", " || ", n)))
		if err != nil {
			t.Fatal(err)
		}
		js, err := MarshalExpr(e)
		if err != nil {
			t.Fatal(err)
		}
		return len(js)
	}
	small, large := size(1000), size(8000)
	if ratio := float64(large) / float64(small); ratio > 8.5 {
		t.Errorf("JSON for 8000 terms is %.1f times that for 1000", ratio)
	}
}

// TestHostileJSONDepth: deeply nested JSON fails fast in every reader, at
// the bracket where the limit is passed.
func TestHostileJSONDepth(t *testing.T) {
	brackets := []byte(strings.Repeat("[", 10<<20))
	chainOpen := []byte(strings.Repeat(`{"Set": [`, 1<<20))
	tests := []struct {
		name  string
		read  func(src []byte) error
		src   []byte
		limit int
	}{
		{"policy set", func(b []byte) error { _, err := UnmarshalPolicySet("", b); return err }, brackets, MaxPolicyDepth},
		{"expression", func(b []byte) error { _, err := UnmarshalExpr("", b); return err }, brackets, MaxPolicyDepth},
		{"expression of sets", func(b []byte) error { _, err := UnmarshalExpr("", b); return err }, chainOpen, MaxPolicyDepth},
		{"entities", func(b []byte) error { _, err := ParseEntities("", b, nil); return err }, brackets, MaxDepth},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := syntax.FirstError(tt.read(tt.src))
			if e == nil || e.Kind != KindTooDeep {
				t.Fatalf("got %v, want %s", e, KindTooDeep)
			}
			if e.Pos.Offset > len(`{"Set": [`)*(tt.limit+1) {
				t.Errorf("error at offset %d, past the limit of %d levels", e.Pos.Offset, tt.limit)
			}
		})
	}
}
