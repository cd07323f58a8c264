package cedarwasm

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/protocol"
)

func newTestPool(t *testing.T, opts Options) *protocol.Pool {
	t.Helper()
	popts, err := ProtocolOptions(opts)
	if errors.Is(err, ErrNotInstalled) || errors.Is(err, ErrRegistryUnreachable) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	p, err := protocol.NewPool(popts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(p.Close)
	return p
}

// call sends one request line as written and returns the result's
// exact text.
func call(t *testing.T, p *protocol.Pool, req string) string {
	t.Helper()
	var r protocol.Request
	dec := json.NewDecoder(strings.NewReader(req))
	dec.UseNumber()
	if err := dec.Decode(&r); err != nil {
		t.Fatal(err)
	}
	resp, err := p.Call(context.Background(), &r)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := protocol.Marshal(resp)
	return string(b)
}

const anyReq = `"principal": {"type": "User", "id": "a"}, "action": {"type": "Action", "id": "view"}, "resource": {"type": "Photo", "id": "p"}`

// TestServerAnswers runs each operation of the server once: integers at
// the i64 bounds reach the engine and come back digit for digit,
// duplicate keys and lax JSON reach its readers.
func TestServerAnswers(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	tests := []struct{ name, req, want string }{
		{"authorize exact", `{"op": "authorize", "test": {"policies": [
			{"id": "big", "text": "permit(principal, action, resource) when { context.n == 9223372036854775807 && context.m == -9223372036854775808 };"},
			{"id": "over", "text": "permit(principal, action, resource) when { context.n + 1 > 0 };"}],
			"requests": [{` + anyReq + `, "context": {"n": 9223372036854775807, "m": -9223372036854775808}}]}}`,
			`{"answers":[{"decision":"allow","reasons":["big"],"errors":[{"policy":"over","message":"integer overflow`},
		{"authorize a policy named __proto__", `{"op": "authorize", "test": {"policies": [
			{"id": "__proto__", "text": "permit(principal, action, resource);"}],
			"requests": [{` + anyReq + `}]}}`,
			`{"answers":[{"decision":"allow","reasons":["__proto__"],"errors":[]}]}`},
		{"authorize templates and entities", `{"op": "authorize", "test": {"policies": [
			{"id": "t", "template": true, "text": "permit(principal == ?principal, action, resource) when { principal.n == 9007199254740993 };"}],
			"templateLinks": [{"templateId": "t", "newId": "link0", "values": {"?principal": {"type": "User", "id": "a"}}}],
			"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 9007199254740993}, "parents": []}],
			"requests": [{` + anyReq + `}]}}`,
			`{"answers":[{"decision":"allow","reasons":["link0"],"errors":[]}]}`},
		{"validate", `{"op": "validate", "test": {"policies": [{"id": "p", "text": "permit(principal, action, resource) when { principal.nope };"}],
			"schema": {"text": "entity User; action view appliesTo { principal: User, resource: User };"}}}`,
			`{"valid":false,"errors":[{"policy":"p","message":`},
		{"validate-entities out of range", `{"op": "validate-entities", "test": {"entities": [{"uid": {"type": "User", "id": "a"}, "attrs": {"n": 9223372036854775808}, "parents": []}]}}`,
			`{"valid":false`},
		{"validate-entities lax data", `{"op": "validate-entities", "data": "[{\"uid\": {\"type\": \"User\", \"id\": \"a\"}, \"attrs\": {\"n\": 1, \"n\": 1}, \"parents\": []}]", "test": {}}`,
			`{"valid":false,"errors":["thrown: `},
		{"validate-context with schema", `{"op": "validate-context", "test": {"schema": {"text": "entity User; action view appliesTo { principal: User, resource: User, context: {k: Long} };"},
			"requests": [{"principal": null, "action": {"type": "Action", "id": "view"}, "resource": null, "context": {"k": -9223372036854775808}}]}}`,
			`{"answers":[{"valid":true}]}`},
		{"parse-policies exact", `{"op": "parse-policies", "text": "permit(principal, action, resource) when { 9223372036854775807 == -9223372036854775808 };"}`,
			`{"valid":true,"policies":[{"id":"","template":false,"json":{"effect":"permit","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[{"kind":"when","body":{"==":{"left":{"Value":9223372036854775807},"right":{"Value":-9223372036854775808}}}}]}}]}`},
		{"parse-schema duplicate key", `{"op": "parse-schema", "data": "{\"\": {\"entityTypes\": {\"U\": {}, \"U\": {}}, \"actions\": {}}}"}`,
			`{"valid":false,"errors":["thrown: `},
		{"parse-schema text", `{"op": "parse-schema", "text": "entity User;"}`, `{"valid":true,"json":{"":{"entityTypes":{"User":{}},"actions":{}}}}`},
		{"format", `{"op": "format", "text": "permit(principal,action,resource);"}`, `{"valid":true,"text":"permit (principal, action, resource);\n"}`},
		{"request-envs", `{"op": "request-envs", "test": {"policies": [{"id": "p", "text": "permit(principal, action, resource);"}], "schema": {"text": "entity User; action view appliesTo { principal: User, resource: User };"}}}`,
			`{"envs":{"p":{"principals":["User"],"actions":["Action::\"view\""],"resources":["User"]}}}`},
		{"batch", `{"op": "batch", "requests": [{"op": "format", "text": "permit(principal,action,resource);"}, {"op": "evaluate", "text": "1"}]}`,
			`{"answers":[{"result":{"valid":true,"text":"permit (principal, action, resource);\n"},"micros":`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := call(t, p, strings.ReplaceAll(tt.req, "\n", ""))
			want := `"result":` + tt.want
			if !strings.Contains(got, want) {
				t.Errorf("got  %s\nwant %s...", got, want)
			}
		})
	}
}

// TestPartialAuthorize checks partial-authorize: unknown principal, an
// unknown inside the context, the id lists, and residuals as the
// engine's policy JSON with exact integers.
func TestPartialAuthorize(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	test := &protocol.Test{
		Policies: []protocol.Policy{
			{ID: "p0", Text: `permit(principal == User::"a", action, resource) when { context.k < 9223372036854775807 };`},
			{ID: "p1", Text: `forbid(principal, action, resource) when { context.f };`},
		},
		Requests: []protocol.AuthRequest{
			{Action: &protocol.EntityUID{Type: "Action", ID: "view"}, Resource: &protocol.EntityUID{Type: "Photo", ID: "p"},
				Context: json.RawMessage(`{"k": 1, "f": false}`)},
			{Principal: &protocol.EntityUID{Type: "User", ID: "a"}, Action: &protocol.EntityUID{Type: "Action", ID: "view"}, Resource: &protocol.EntityUID{Type: "Photo", ID: "p"},
				Context: json.RawMessage(`{"k": {"__extn": {"fn": "unknown", "arg": "kk"}}, "f": true}`)},
			{Principal: &protocol.EntityUID{Type: "User", ID: "a"}, Action: &protocol.EntityUID{Type: "Action", ID: "view"}, Resource: &protocol.EntityUID{Type: "Photo", ID: "p"},
				Context: json.RawMessage(`{"k": 1, "f": false}`)},
		},
	}
	res, err := p.PartialAuthorize(context.Background(), test)
	if err != nil {
		t.Fatal(err)
	}
	type summary struct {
		decision                 string
		satisfied, may, must     string
		residuals, residual0Body string
	}
	got := make([]summary, len(res.Answers))
	for i, a := range res.Answers {
		got[i] = summary{a.Decision, strings.Join(a.Satisfied, ","), strings.Join(a.MayBeDetermining, ","), strings.Join(a.MustBeDetermining, ","), "", ""}
		var ids []string
		for _, r := range a.Residuals {
			ids = append(ids, r.ID)
		}
		got[i].residuals = strings.Join(ids, ",")
		if len(a.Residuals) > 0 {
			got[i].residual0Body = string(a.Residuals[0].JSON)
		}
	}
	want := []summary{
		{decision: "unknown", may: "p0", residuals: "p0,p1"},
		{decision: "deny", satisfied: "p1", may: "p1", must: "p1", residuals: "p0,p1"},
		{decision: "allow", satisfied: "p0", may: "p0", must: "p0", residuals: "p0,p1"},
	}
	for i := range want {
		w, g := want[i], got[i]
		g.residual0Body = ""
		if g != w {
			t.Errorf("request %d: got %+v, want %+v", i, g, w)
		}
	}
	if b := got[0].residual0Body; !strings.Contains(b, `{"unknown":[{"Value":"principal"}]}`) {
		t.Errorf("request 0's residual lacks the unknown principal: %s", b)
	}
	if b := got[1].residual0Body; !strings.Contains(b, `"left":{"unknown":[{"Value":"kk"}]},"right":{"Value":9223372036854775807}`) {
		t.Errorf("request 1's residual lacks the unknown context value or the exact integer: %s", b)
	}
	test.Requests = []protocol.AuthRequest{{Action: &protocol.EntityUID{Type: "Action", ID: "view"}, Context: json.RawMessage(`null`)}}
	var ue *protocol.UnsupportedError
	if _, err := p.PartialAuthorize(context.Background(), test); !errors.As(err, &ue) || ue.Feature != "unknown context" {
		t.Errorf("an unknown context: got %v, want unsupported \"unknown context\"", err)
	}
}

// TestEngineThrowIsInconclusive checks that a wasm trap (deep nesting)
// is an inconclusive answer, counted in the pool's health, and that the
// server answers correctly afterwards (the module was reloaded).
func TestEngineThrowIsInconclusive(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	deep := strings.Repeat("(", 3000) + "true" + strings.Repeat(")", 3000)
	req := &protocol.Request{Op: protocol.OpAuthorize, Test: &protocol.Test{
		Policies: []protocol.Policy{{ID: "p", Text: "permit(principal, action, resource) when { " + deep + " };"}},
		Requests: []protocol.AuthRequest{{Principal: &protocol.EntityUID{Type: "User", ID: "a"}, Action: &protocol.EntityUID{Type: "Action", ID: "v"}, Resource: &protocol.EntityUID{Type: "User", ID: "a"}}},
	}}
	var res protocol.AuthorizeResult
	err := p.Result(context.Background(), req, &res)
	if !errors.Is(err, protocol.ErrInconclusive) {
		t.Fatalf("got %v (%+v), want ErrInconclusive", err, res)
	}
	if h := p.Health(); h.Inconclusive != 1 || h.Restarts != 0 {
		t.Errorf("health %+v, want 1 inconclusive and no restart", h)
	}
	if got := call(t, p, `{"op": "format", "text": "permit(principal,action,resource);"}`); !strings.Contains(got, `"valid":true`) {
		t.Errorf("after the trap: %s", got)
	}
}

// TestNoTemporaryFiles checks that running the engine leaves nothing in
// the temporary directory (the server is passed with -e).
func TestNoTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("TMPDIR", dir)
	p := newTestPool(t, Options{Processes: 1})
	call(t, p, `{"op": "format", "text": "permit(principal,action,resource);"}`)
	p.Close()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left in the temporary directory: %s", e.Name())
	}
}

func TestServerFitsInOneArgument(t *testing.T) {
	if len(serverJS) > maxServerBytes {
		t.Errorf("server.js is %d bytes; node -e takes at most %d", len(serverJS), maxServerBytes)
	}
}

// TestHelloNamesThePinnedPackage checks the handshake: the package's
// version and its Cedar language version.
func TestHelloNamesThePinnedPackage(t *testing.T) {
	p := newTestPool(t, Options{Processes: 1})
	h := p.Hello()
	_, nm, _ := Locate()
	if h.Name != "cedar-wasm" || h.Version != packageVersion(nm) || h.Cedar == "" || !h.Has(protocol.OpPartialAuthorize) {
		t.Errorf("hello %+v (package %s)", h, packageVersion(nm))
	}
}

// TestBatchReloadsOnce checks how a batch recovers from throws: parts
// that throw (duplicate keys in lax data) leave the instance usable, so
// the module is loaded afresh once, after the batch, not after each; a
// trap (deep nesting) leaves it unusable, so it is loaded afresh before
// the next part, which is answered correctly. Loads are counted from the
// server's trace (CROSSCHECK_WASM_TRACE_LOADS).
func TestBatchReloadsOnce(t *testing.T) {
	t.Setenv("CROSSCHECK_WASM_TRACE_LOADS", "1")
	argv, err := Command(Options{})
	if errors.Is(err, ErrNotInstalled) {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	p, err := protocol.Start(argv, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Kill()
	send := func(line string) string {
		t.Helper()
		if err := p.WriteLine([]byte(line)); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		got, err := p.ReadLine(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return string(got)
	}
	throwing := `{"op": "validate-entities", "data": "[{\"uid\": {\"type\": \"User\", \"id\": \"a\"}, \"attrs\": {\"n\": 1, \"n\": 1}, \"parents\": []}]", "test": {}}`
	good := `{"op": "format", "text": "permit(principal,action,resource);"}`
	deep := strings.Repeat("(", 3000) + "true" + strings.Repeat(")", 3000)
	trap := `{"op": "authorize", "test": {"policies": [{"id": "p", "text": "permit(principal, action, resource) when { ` + deep + ` };"}],
		"requests": [{` + anyReq + `}]}}`
	trap = strings.ReplaceAll(trap, "\n", "")

	// Twenty throwing parts, then a good one: one load, after the batch.
	parts := slices.Repeat([]string{throwing}, 20)
	got := send(`{"id": 1, "op": "batch", "requests": [` + strings.Join(append(parts, good), ",") + `]}`)
	if n := strings.Count(got, `"errors":["thrown: `); n != 20 {
		t.Errorf("batch 1: %d thrown rejections, want 20: %.300s", n, got)
	}
	if !strings.Contains(got, `{"result":{"valid":true,"text":"permit (principal, action, resource);\n"}`) {
		t.Errorf("batch 1: the part after the throws: %.300s...", got[max(0, len(got)-300):])
	}
	// A trap, a good part, a throwing part, a good part: a load before
	// the second part (the trap broke the instance) and one after the
	// batch (the throw).
	got = send(`{"id": 2, "op": "batch", "requests": [` + strings.Join([]string{trap, good, throwing, good}, ",") + `]}`)
	var b struct {
		Result protocol.BatchResult `json:"result"`
	}
	if err := json.Unmarshal([]byte(got), &b); err != nil || len(b.Result.Answers) != 4 {
		t.Fatalf("batch 2: %v: %.300s", err, got)
	}
	if a := b.Result.Answers[0]; a.Error == nil || !a.Error.Inconclusive {
		t.Errorf("batch 2: the trap: %+v, want an inconclusive error", a)
	}
	for _, i := range []int{1, 3} {
		if a := b.Result.Answers[i]; !strings.Contains(string(a.Result), `"valid":true`) {
			t.Errorf("batch 2: part %d after the trap: %s %+v", i, a.Result, a.Error)
		}
	}
	if !strings.Contains(string(b.Result.Answers[2].Result), `"thrown: `) {
		t.Errorf("batch 2: part 2: %s", b.Result.Answers[2].Result)
	}
	// A clean request: no load.
	if got := send(`{"id": 3, "op": "batch", "requests": [` + good + `]}`); !strings.Contains(got, `"valid":true`) {
		t.Errorf("batch 3: %s", got)
	}
	p.CloseInput()
	if !p.Exited(30 * time.Second) {
		t.Fatal("the server did not exit when its input closed")
	}
	want := "cedar-wasm: load 1 (start)\ncedar-wasm: load 2 (after a throw)\ncedar-wasm: load 3 (after a trap)\ncedar-wasm: load 4 (after a throw)\n"
	if got := strings.TrimPrefix(p.StderrTail(), "stderr: "); got != want {
		t.Errorf("loads:\n%s\nwant\n%s", got, want)
	}
}
