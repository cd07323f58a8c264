package protocol

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Probe is the outcome of one check of Check.
type Probe struct {
	Name string
	// Problem says plainly what is wrong; "" when the probe passed.
	Problem string
	// Note, when the probe passed or was skipped, says what it saw (a
	// feature the server answers unsupported for, so that part could not
	// be checked).
	Note string
	// Elapsed is how long the probe took, start-up included.
	Elapsed time.Duration
}

// CheckOptions configure Check.
type CheckOptions struct {
	// Timeout bounds each answer (default 10s); the large test gets six
	// times as long, and start-up StartTimeout (default 60s).
	Timeout, StartTimeout time.Duration
	// LargePolicies is the number of policies of the large test (default
	// 40000, about 8 MiB on one line).
	LargePolicies int
}

// Check runs the server argv through probes of the protocol itself: the
// handshake, exact i64 ids and values, unicode, unsupported operations,
// a malformed line, a large test, exiting at the end of its input, and
// a crash in the middle of a request (the server must start again
// cleanly). Each probe uses a fresh process. A probe whose part of Cedar
// the server answers unsupported for passes with a note. It stops after
// the handshake when the handshake fails.
func Check(argv []string, opts CheckOptions) []Probe {
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.StartTimeout <= 0 {
		opts.StartTimeout = time.Minute
	}
	if opts.LargePolicies <= 0 {
		opts.LargePolicies = 40000
	}
	c := &checker{argv: argv, opts: opts}
	var out []Probe
	hs := c.run("handshake", c.handshake)
	out = append(out, hs)
	if hs.Problem != "" {
		return out
	}
	for _, p := range []struct {
		name string
		fn   func(*Process) (string, error)
	}{
		{"exact i64", c.exactI64},
		{"unicode", c.unicode},
		{"unsupported", c.unsupported},
		{"malformed line", c.malformed},
		{"large test", c.large},
		{"end of input", c.endOfInput},
		{"crash", c.crash},
	} {
		out = append(out, c.run(p.name, p.fn))
	}
	return out
}

type checker struct {
	argv  []string
	opts  CheckOptions
	hello Hello
}

// run starts a process (with its handshake, except for the handshake
// probe itself) and runs fn on it.
func (c *checker) run(name string, fn func(*Process) (string, error)) (probe Probe) {
	start := time.Now()
	defer func() { probe.Elapsed = time.Since(start) }()
	var p *Process
	var err error
	if name == "handshake" {
		p, err = Spawn(c.argv)
	} else {
		p, err = Start(c.argv, c.opts.StartTimeout)
	}
	if err != nil {
		return Probe{Name: name, Problem: "the server did not start: " + err.Error()}
	}
	defer p.Stop(time.Second)
	note, err := fn(p)
	if err != nil {
		return Probe{Name: name, Problem: err.Error()}
	}
	return Probe{Name: name, Note: note}
}

func (c *checker) ctx(scale int) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), time.Duration(scale)*c.opts.Timeout)
}

// roundTrip writes raw and reads one answer line, decoded strictly.
func (c *checker) roundTrip(p *Process, raw string, scale int) (*Response, []byte, error) {
	if err := p.WriteLine([]byte(raw)); err != nil {
		return nil, nil, err
	}
	ctx, cancel := c.ctx(scale)
	defer cancel()
	line, err := p.ReadLine(ctx)
	if err != nil {
		return nil, nil, explain(err, p)
	}
	resp, err := DecodeResponse(line)
	if err != nil {
		return nil, line, fmt.Errorf("the answer %q is not an answer of the protocol: %v", truncate(line, 200), err)
	}
	return resp, line, nil
}

func explain(err error, p *Process) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no answer in time (%s)", p.StderrTail())
	}
	return err
}

func (c *checker) handshake(p *Process) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), c.opts.StartTimeout)
	defer cancel()
	if err := p.WriteLine([]byte(`{"id":1,"op":"hello","protocol":1}`)); err != nil {
		return "", err
	}
	line, err := p.ReadLine(ctx)
	if err != nil {
		return "", fmt.Errorf("no answer to hello: %v", explain(err, p))
	}
	resp, err := DecodeResponse(line)
	if err != nil {
		return "", fmt.Errorf("the first line the server wrote, %q, is not an answer of the protocol (is something else printing to standard output?): %v", truncate(line, 200), err)
	}
	if resp.ID == nil || *resp.ID != 1 {
		return "", fmt.Errorf("the answer to hello has id %s, the request had 1", idString(resp.ID))
	}
	h, err := CheckHello(resp)
	if err != nil {
		return "", err
	}
	c.hello = *h
	caps := make([]string, len(h.Capabilities))
	for i, op := range h.Capabilities {
		caps[i] = string(op)
	}
	note := fmt.Sprintf("%s %s, Cedar %s, capabilities: %s", h.Name, h.Version, h.Cedar, strings.Join(caps, ", "))
	if len(h.Ignored) > 0 {
		ignored := make([]string, len(h.Ignored))
		for i, op := range h.Ignored {
			ignored[i] = string(op)
		}
		note += "; capabilities unknown to protocol version 1, ignored: " + strings.Join(ignored, ", ")
	}
	return note, nil
}

func (c *checker) exactI64(p *Process) (string, error) {
	for _, id := range []string{"9007199254740993", "-9223372036854775808", "9223372036854775807"} {
		resp, _, err := c.roundTrip(p, `{"id":`+id+`,"op":"hello","protocol":1}`, 1)
		if err != nil {
			return "", err
		}
		if got := idString(resp.ID); got != id {
			return "", fmt.Errorf("the request id %s came back as %s: integers must be read and written exactly, not through a float", id, got)
		}
	}
	if !c.hello.Has(OpAuthorize) {
		return "ids only: the server does not authorize", nil
	}
	// 2^53+1 in a context must not compare equal to 2^53.
	policy := `permit(principal, action, resource) when { context.n == 9007199254740993 };`
	json := `{"effect":"permit","principal":{"op":"All"},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[{"kind":"when","body":{"==":{"left":{".":{"left":{"Var":"context"},"attr":"n"}},"right":{"Value":9007199254740993}}}}]}`
	answers, note, err := c.authorize(p, []testPolicy{{"policy0", policy, json}}, []string{`"context":{"n":9007199254740993}`, `"context":{"n":9007199254740992}`})
	if err != nil || note != "" {
		return "ids exact; " + note, err
	}
	if answers[0].Decision != "allow" || answers[1].Decision != "deny" {
		return "", fmt.Errorf("context.n == 9007199254740993 answered %s for n = 9007199254740993 and %s for n = 9007199254740992 (want allow, deny): a Long lost precision", answers[0].Decision, answers[1].Decision)
	}
	return "", nil
}

type testPolicy struct{ id, text, json string }

// authorize sends an authorize request with the policies, no entities
// and one request per context (User::"u", Action::"a", Photo::"p"). A
// note says the server answered unsupported.
func (c *checker) authorize(p *Process, policies []testPolicy, contexts []string) ([]Answer, string, error) {
	var reqs []string
	for _, ctx := range contexts {
		reqs = append(reqs, `{"principal":{"type":"User","id":"u"},"action":{"type":"Action","id":"a"},"resource":{"type":"Photo","id":"p"},`+ctx+`}`)
	}
	return c.authorizeRaw(p, policies, "[]", reqs, 1)
}

func (c *checker) authorizeRaw(p *Process, policies []testPolicy, entities string, reqs []string, scale int) ([]Answer, string, error) {
	var b strings.Builder
	b.WriteString(`{"id":77,"op":"authorize","test":{"policies":[`)
	for i, pol := range policies {
		if i > 0 {
			b.WriteByte(',')
		}
		text, _ := Marshal(pol.text)
		fmt.Fprintf(&b, `{"id":%q,"text":%s,"json":%s}`, pol.id, text, pol.json)
	}
	b.WriteString(`],"entities":` + entities + `,"requests":[` + strings.Join(reqs, ",") + `]}}`)
	resp, _, err := c.roundTrip(p, b.String(), scale)
	if err != nil {
		return nil, "", err
	}
	switch {
	case resp.ID == nil || *resp.ID != 77:
		return nil, "", fmt.Errorf("the answer has id %s, the request had 77", idString(resp.ID))
	case resp.Unsupported != nil:
		return nil, "unsupported: " + resp.Unsupported.Feature, nil
	case resp.Error != nil:
		return nil, "", fmt.Errorf("the server answered error to a well-formed test: %s", resp.Error.Message)
	}
	var res AuthorizeResult
	if err := decode(resp.Result, &res); err != nil {
		return nil, "", fmt.Errorf("the authorize result does not decode: %v", err)
	}
	if len(res.Answers) != len(reqs) {
		return nil, "", fmt.Errorf("%d answers for %d requests", len(res.Answers), len(reqs))
	}
	return res.Answers, "", nil
}

func (c *checker) unicode(p *Process) (string, error) {
	// Control characters, a combining sequence, an astral character, a
	// quote and a backslash: the server must compare ids as exact
	// strings (no normalization) and write them back intact.
	id := "ü💥\t\"\\ \u00e9"
	nfd := "u\u0308💥\t\"\\ e\u0301"
	if !c.hello.Has(OpAuthorize) {
		return "not checked: the server does not authorize", nil
	}
	uidJSON, _ := Marshal(EntityUID{Type: "User", ID: id})
	nfdJSON, _ := Marshal(EntityUID{Type: "User", ID: nfd})
	quoted, _ := Marshal(id)
	text := `permit(principal == User::` + cedarString(id) + `, action, resource);`
	est := `{"effect":"permit","principal":{"op":"==","entity":` + string(uidJSON) + `},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`
	pid := "pölicy💥"
	req := func(uid []byte) string {
		return `{"principal":` + string(uid) + `,"action":{"type":"Action","id":"a"},"resource":{"type":"Photo","id":"p"},"context":{}}`
	}
	answers, note, err := c.authorizeRaw(p, []testPolicy{{pid, text, est}}, `[{"uid":`+string(uidJSON)+`,"attrs":{"name":`+string(quoted)+`},"parents":[]}]`, []string{req(uidJSON), req(nfdJSON)}, 1)
	if err != nil || note != "" {
		return note, err
	}
	if answers[0].Decision != "allow" || !slices.Equal(answers[0].Reasons, []string{pid}) {
		return "", fmt.Errorf("a principal with the same non-ASCII id as the policy's got %s with reasons %q (want allow, [%q]): non-ASCII text is mangled", answers[0].Decision, answers[0].Reasons, pid)
	}
	if answers[1].Decision != "deny" {
		return "", fmt.Errorf("a principal whose id is the policy's in another Unicode normalization was allowed: ids must be compared exactly, without normalization")
	}
	return "", nil
}

// cedarString writes s as a Cedar string literal.
func cedarString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20:
			fmt.Fprintf(&b, `\u{%x}`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

func (c *checker) unsupported(p *Process) (string, error) {
	ops := []string{"no-such-operation"}
	for _, op := range Capabilities {
		if !c.hello.Has(op) {
			ops = append(ops, string(op))
			break
		}
	}
	for i, op := range ops {
		id := int64(100 + i)
		resp, _, err := c.roundTrip(p, fmt.Sprintf(`{"id":%d,"op":%q,"text":"","test":{}}`, id, op), 1)
		if err != nil {
			return "", fmt.Errorf("after a request for the operation %q it does not list: %v", op, err)
		}
		if resp.ID == nil || *resp.ID != id {
			return "", fmt.Errorf("the answer to %q has id %s, the request had %d", op, idString(resp.ID), id)
		}
		if resp.Unsupported == nil {
			return "", fmt.Errorf("the operation %q, which the server does not list, was not answered unsupported (%s)", op, describe(resp))
		}
	}
	return "", nil
}

func (c *checker) malformed(p *Process) (string, error) {
	resp, _, err := c.roundTrip(p, `{"id": 5, "op": "authorize", "test": {"policies": [`, 1)
	if err != nil {
		return "", fmt.Errorf("after a line that is not JSON: %v", err)
	}
	if resp.Error == nil {
		return "", fmt.Errorf("a line that is not JSON was not answered with an error (%s)", describe(resp))
	}
	if resp.ID != nil && *resp.ID != 5 {
		return "", fmt.Errorf("the error for a line that is not JSON has id %d (want null)", *resp.ID)
	}
	resp, _, err = c.roundTrip(p, `{"id":6,"op":"hello","protocol":1}`, 1)
	if err != nil {
		return "", fmt.Errorf("the server stopped serving after a line that is not JSON: %v", err)
	}
	if resp.ID == nil || *resp.ID != 6 || resp.Result == nil {
		return "", fmt.Errorf("after a line that is not JSON, hello was answered wrongly (id %s, %s)", idString(resp.ID), describe(resp))
	}
	return "", nil
}

// largeTest is an authorize request of n scope-only policies
// (principal == User::"uI") and as many entities, one line.
func largeTest(n int) ([]testPolicy, string) {
	policies := make([]testPolicy, n)
	var ents strings.Builder
	ents.WriteByte('[')
	for i := range n {
		uid := fmt.Sprintf(`{"type":"User","id":"u%d"}`, i)
		policies[i] = testPolicy{fmt.Sprintf("policy%d", i), fmt.Sprintf(`permit(principal == User::"u%d", action, resource);`, i),
			`{"effect":"permit","principal":{"op":"==","entity":` + uid + `},"action":{"op":"All"},"resource":{"op":"All"},"conditions":[]}`}
		if i > 0 {
			ents.WriteByte(',')
		}
		ents.WriteString(`{"uid":` + uid + `,"attrs":{},"parents":[]}`)
	}
	ents.WriteByte(']')
	return policies, ents.String()
}

func (c *checker) large(p *Process) (string, error) {
	if !c.hello.Has(OpAuthorize) {
		return "not checked: the server does not authorize", nil
	}
	n := c.opts.LargePolicies
	policies, ents := largeTest(n)
	last := n - 1
	req := fmt.Sprintf(`{"principal":{"type":"User","id":"u%d"},"action":{"type":"Action","id":"a"},"resource":{"type":"Photo","id":"p"},"context":{}}`, last)
	answers, note, err := c.authorizeRaw(p, policies, ents, []string{req}, 6)
	if err != nil {
		return "", fmt.Errorf("a test of %d policies on one line: %v", n, err)
	}
	if note != "" {
		return note, nil
	}
	if answers[0].Decision != "allow" || !slices.Equal(answers[0].Reasons, []string{fmt.Sprintf("policy%d", last)}) {
		return "", fmt.Errorf("a test of %d policies: got %s with reasons %q, want allow with [policy%d]", n, answers[0].Decision, answers[0].Reasons, last)
	}
	return "", nil
}

// crash kills the server in the middle of a large request, as a crash
// would, and checks that a new process starts and serves: a server that
// leaves state behind (a lock file, a port) cannot be restarted.
func (c *checker) crash(p *Process) (string, error) {
	policies, ents := largeTest(min(c.opts.LargePolicies, 5000))
	go func() {
		time.Sleep(20 * time.Millisecond)
		p.cmd.Process.Kill()
	}()
	_, _, _ = c.authorizeRaw(p, policies, ents, nil, 1)
	p.Kill()
	q, err := Start(c.argv, c.opts.StartTimeout)
	if err != nil {
		return "", fmt.Errorf("after the server was killed in the middle of a request, a new one did not start: %v", err)
	}
	defer q.Kill()
	ctx, cancel := c.ctx(1)
	defer cancel()
	if _, err := q.Call(ctx, &Request{Op: OpHello, Protocol: Version}); err != nil {
		return "", fmt.Errorf("after the server was killed in the middle of a request, a new one does not serve: %v", explain(err, q))
	}
	return "", nil
}

func (c *checker) endOfInput(p *Process) (string, error) {
	p.CloseInput()
	if !p.Exited(5 * time.Second) {
		return "", errors.New("the server did not exit within 5s of the end of its standard input")
	}
	return "", nil
}
