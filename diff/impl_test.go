package diff

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func user(id string) syntax.EntityUID { return syntax.NewEntityUID("User", id) }

// tinyInput is built in code so that the adapters are tested without the
// parsers: policy0 permits everything, policy1 forbids User::"bad", and
// policy2 always overflows.
func tinyInput() *Input {
	all := syntax.Scope{Op: syntax.ScopeAll}
	when := func(e syntax.Expr) []syntax.Condition { return []syntax.Condition{{Kind: syntax.When, Body: e}} }
	return &Input{
		Name: "tiny",
		Policies: &syntax.PolicySet{Policies: []*syntax.Policy{
			{ID: "policy0", Effect: syntax.Permit, Principal: all, Action: all, Resource: all},
			{ID: "policy1", Effect: syntax.Forbid, Principal: syntax.Scope{Op: syntax.ScopeEq, Entity: user("bad")}, Action: all, Resource: all},
			{ID: "policy2", Effect: syntax.Permit, Principal: all, Action: all, Resource: all,
				Conditions: when(syntax.Bin(syntax.OpLess, syntax.Long(0), syntax.Bin(syntax.OpAdd, syntax.Long(math.MaxInt64), syntax.Long(1))))},
		}},
		Entities: []*syntax.EntityData{{UID: user("good")}},
	}
}

func request(principal string) *syntax.Request {
	return &syntax.Request{
		Principal: user(principal),
		Action:    syntax.NewEntityUID("Action", "view"),
		Resource:  syntax.NewEntityUID("Doc", "d"),
		Context:   &syntax.RecordExpr{},
	}
}

func TestAdapters(t *testing.T) {
	want := []Response{
		{Decision: Allow, Reasons: []string{"policy0"}, Errors: []string{"policy2"}},
		{Decision: Deny, Reasons: []string{"policy1"}, Errors: []string{"policy2"}},
	}
	for _, impl := range []Implementation{Model(), Engine()} {
		t.Run(impl.Name(), func(t *testing.T) {
			in := tinyInput()
			if r := impl.Unsupported(in); r != "" {
				t.Fatalf("Unsupported: %q", r)
			}
			answers, err := impl.Authorize(in, []*syntax.Request{request("good"), request("bad")})
			if err != nil {
				t.Fatal(err)
			}
			if len(answers) != len(want) {
				t.Fatalf("got %d answers", len(answers))
			}
			for i, a := range answers {
				if a.Err != nil {
					t.Fatalf("request %d: %v", i, a.Err)
				}
				if d := cmp.Diff(want[i], a.Response.Normalize(), cmp.FilterPath(func(p cmp.Path) bool {
					return p.Last().String() == ".Messages"
				}, cmp.Ignore())); d != "" {
					t.Errorf("request %d (-want +got):\n%s", i, d)
				}
				if len(a.Response.Messages) != 1 || !strings.Contains(a.Response.Messages[0], "policy2") {
					t.Errorf("request %d: messages %q should explain policy2's error", i, a.Response.Messages)
				}
			}
		})
	}
}

func TestEngineHasNoValidator(t *testing.T) {
	if _, err := Engine().Validate(tinyInput()); !errors.Is(err, ErrNoValidator) {
		t.Errorf("Engine().Validate: got %v, want ErrNoValidator", err)
	}
	if err := Engine().(RequestValidator).ValidateRequest(nil, request("good")); !errors.Is(err, ErrNoValidator) {
		t.Errorf("Engine().ValidateRequest: got %v, want ErrNoValidator", err)
	}
}

func TestModelValidatorNeedsSchema(t *testing.T) {
	if _, err := Model().Validate(tinyInput()); err == nil {
		t.Error("validating without a schema succeeded")
	}
}

// bomb panics in every method.
type bomb struct{}

func (bomb) Name() string                                          { return "bomb" }
func (bomb) Unsupported(*Input) string                             { panic("boom in Unsupported") }
func (bomb) Authorize(*Input, []*syntax.Request) ([]Answer, error) { panic("boom in Authorize") }
func (bomb) Validate(*Input) (Validation, error)                   { panic("boom in Validate") }

func TestGuardCatchesPanics(t *testing.T) {
	g := Guard(bomb{})
	if Guard(g) != g {
		t.Error("guarding twice wraps twice")
	}
	_, err := g.Authorize(tinyInput(), nil)
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Impl != "bomb" || !strings.Contains(err.Error(), "boom in Authorize") || !strings.Contains(err.Error(), "goroutine") {
		t.Errorf("Authorize: got %v, want a PanicError with the stack", err)
	}
	if _, err := g.Validate(tinyInput()); !errors.As(err, &pe) {
		t.Errorf("Validate: got %v", err)
	}
	if r := g.Unsupported(tinyInput()); r != "" {
		t.Errorf("Unsupported: got %q, want \"\" (a panic must not skip the input)", r)
	}
	if _, err := Support(g, tinyInput()); !errors.As(err, &pe) || !strings.Contains(err.Error(), "boom in Unsupported") {
		t.Errorf("Support: got %v, want the panic", err)
	}
}

// short answers too few requests.
type short struct{ bomb }

func (short) Authorize(*Input, []*syntax.Request) ([]Answer, error) { return nil, nil }

func TestGuardChecksAnswerCount(t *testing.T) {
	if _, err := Guard(short{}).Authorize(tinyInput(), []*syntax.Request{request("good")}); err == nil {
		t.Error("0 answers for 1 request accepted")
	}
}

func TestResponseNormalizeAndEqual(t *testing.T) {
	a := Response{Decision: Allow, Reasons: []string{"p2", "p1", "p2"}, Errors: []string{}, Messages: []string{"x"}}
	b := Response{Decision: Allow, Reasons: []string{"p1", "p2"}}
	if !a.Equal(b) {
		t.Errorf("%+v and %+v should be equal", a, b)
	}
	n := a.Normalize()
	if strings.Join(n.Reasons, ",") != "p1,p2" || n.Errors != nil {
		t.Errorf("Normalize: %+v", n)
	}
	if a.Reasons[0] != "p2" {
		t.Error("Normalize changed its receiver's slice")
	}
	if a.Equal(Response{Decision: Deny, Reasons: []string{"p1", "p2"}}) {
		t.Error("different decisions are equal")
	}
	if b.Equal(Response{Decision: Allow, Reasons: []string{"p1", "p2"}, Errors: []string{"p3"}}) {
		t.Error("different errors are equal")
	}
}

func TestParseDecision(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Decision
		ok   bool
	}{{"allow", Allow, true}, {"Allow", Allow, true}, {"deny", Deny, true}, {"Deny", Deny, true}, {"permit", Deny, false}, {"", Deny, false}} {
		got, err := ParseDecision(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("ParseDecision(%q) = %v, %v", c.in, got, err)
		}
	}
}

// A request that cannot be authorized at all gets an Answer with Err;
// the other requests of the input are still answered.
func TestAdaptersAnswerBadRequestAlone(t *testing.T) {
	bad := request("good")
	bad.Context = syntax.Long(1) // a context must be a record
	for _, impl := range []Implementation{Model(), Engine()} {
		t.Run(impl.Name(), func(t *testing.T) {
			answers, err := impl.Authorize(tinyInput(), []*syntax.Request{bad, request("good")})
			if err != nil {
				t.Fatal(err)
			}
			if answers[0].Err == nil {
				t.Errorf("a context that is not a record was answered: %+v", answers[0].Response)
			}
			if answers[1].Err != nil || answers[1].Response.Decision != Allow {
				t.Errorf("the good request: %+v", answers[1])
			}
		})
	}
}

// An input the implementation rejects as a whole is an error of Authorize.
func TestAdaptersRejectBadEntities(t *testing.T) {
	in := tinyInput()
	// A parent cycle is an error for every Cedar implementation.
	in.Entities = []*syntax.EntityData{
		{UID: user("a"), Parents: []syntax.EntityUID{user("b")}},
		{UID: user("b"), Parents: []syntax.EntityUID{user("a")}},
	}
	for _, impl := range []Implementation{Model(), Engine()} {
		if _, err := impl.Authorize(in, []*syntax.Request{request("a")}); err == nil {
			t.Errorf("%s accepted a parent cycle", impl.Name())
		}
	}
}
