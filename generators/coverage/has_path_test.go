package coverage

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/haspathtest"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// The coverage visit of nested has-path tests counts each node once: a
// level of `(if X has a.b then context else context)` is an if, an &&,
// two has, an access and a context (the else branch is not taken), so
// 30 levels count about 6 constructs a level; visiting the shared
// prefixes once per reference would count 2^31.
func TestVisitHasPathOnce(t *testing.T) {
	ctx, err := parser.ParseExpr("context", []byte(haspathtest.Context))
	if err != nil {
		t.Fatal(err)
	}
	u := func(typ, id string) syntax.EntityUID { return syntax.NewEntityUID(syntax.EntityType(typ), id) }
	req := &syntax.Request{Principal: u("User", "alice"), Action: u("Action", "view"),
		Resource: u("Photo", "p"), Context: ctx.(*syntax.RecordExpr)}
	es, err := model.NewEntities(nil)
	if err != nil {
		t.Fatal(err)
	}
	env, err := model.NewEnv(req, es)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []int{3, 30} {
		e, err := parser.ParseExpr("haspath", []byte(haspathtest.Nested(n)))
		if err != nil {
			t.Fatal(err)
		}
		c := New()
		v, err := c.visit(env, e)
		if err != nil || v != model.Bool(true) {
			t.Fatalf("%d levels: %v, %v", n, v, err)
		}
		total := 0
		for _, k := range c.Evaluated {
			total += k
		}
		if len(c.EvalErrors) > 0 || total > 6*(n+1)+1 || total < 5*n {
			t.Errorf("%d levels: %d constructs evaluated (%v), errors %v; want about %d", n, total, c.Evaluated, c.EvalErrors, 6*n)
		}
	}
}
