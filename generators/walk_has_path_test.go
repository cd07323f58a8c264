package generators

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/haspathtest"
	"github.com/cedar-crosscheck/crosscheck/internal/isintest"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// exprDepth measures the shared prefixes of has-path tests once: the
// same height as the copied tree on small cases, and 30 nested levels
// (2^31 visits of the innermost context when measured per reference)
// are measured: context, 4 levels each (if, &&, has, access), and the
// outer `X has a.b` (&&, has, access).
func TestExprDepthHasPath(t *testing.T) {
	for _, src := range haspathtest.Cases {
		e, err := parser.ParseExpr("haspath", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := exprDepth(e), exprDepth(isintest.Unshare(e)); got != want {
			t.Errorf("%s: depth %d shared, %d copied", src, got, want)
		}
	}
	e, err := parser.ParseExpr("haspath", []byte(haspathtest.Nested(30)))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := exprDepth(e), 1+4*30+3; got != want {
		t.Errorf("30 levels: depth %d, want %d", got, want)
	}
}
