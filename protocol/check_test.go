package protocol_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/protocol/engineserver"
)

// serverEnv makes the test binary a protocol server: the engine's, with
// the fault it names planted ("none": no fault).
const serverEnv = "CROSSCHECK_PROTOCOL_TEST_SERVER"

func TestMain(m *testing.M) {
	if fault := os.Getenv(serverEnv); fault != "" {
		os.Exit(faultyServer(fault, os.Stdin, os.Stdout))
	}
	os.Exit(m.Run())
}

// faultyServer is the engine's server with one planted fault.
func faultyServer(fault string, in io.Reader, out io.Writer) int {
	hello := engineserver.Hello()
	handle := engineserver.Handle
	switch fault {
	case "wrong-version":
		// Serve always sets the version: answer hello by hand.
		return rawLoop(in, out, func(line []byte) []byte {
			return []byte(`{"id":1,"result":{"protocol":2,"name":"x","version":"1","cedar":"4.5","capabilities":[]}}`)
		})
	case "no-name":
		hello.Name = ""
	case "banner":
		fmt.Fprintln(out, "engine server ready")
	case "float-ids":
		// Reads the id through a float64, as JavaScript's JSON.parse does.
		return rawLoop(in, out, func(line []byte) []byte {
			var m map[string]any
			if json.Unmarshal(line, &m) != nil {
				return []byte(`{"id":null,"error":{"message":"bad line"}}`)
			}
			var resp bytes.Buffer
			protocol.Serve(bytes.NewReader(line), &resp, hello, handle)
			var r map[string]any
			json.Unmarshal(resp.Bytes(), &r)
			r["id"] = m["id"]
			b, _ := json.Marshal(r)
			return b
		})
	case "ascii-only":
		// Mangles non-ASCII text before handling it.
		return rawLoop(in, out, func(line []byte) []byte {
			line = []byte(strings.Map(func(r rune) rune {
				if r > 127 {
					return '?'
				}
				return r
			}, string(line)))
			var resp bytes.Buffer
			protocol.Serve(bytes.NewReader(line), &resp, hello, handle)
			return bytes.TrimRight(resp.Bytes(), "\n")
		})
	case "crash-on-unknown-op":
		return rawLoop(in, out, func(line []byte) []byte {
			var req struct{ Op string }
			json.Unmarshal(line, &req)
			if req.Op != "" && req.Op != "hello" && req.Op != "authorize" {
				os.Exit(3)
			}
			var resp bytes.Buffer
			protocol.Serve(bytes.NewReader(line), &resp, hello, handle)
			return bytes.TrimRight(resp.Bytes(), "\n")
		})
	case "exit-on-malformed":
		return rawLoop(in, out, func(line []byte) []byte {
			if !json.Valid(line) {
				os.Exit(4)
			}
			var resp bytes.Buffer
			protocol.Serve(bytes.NewReader(line), &resp, hello, handle)
			return bytes.TrimRight(resp.Bytes(), "\n")
		})
	case "short-lines":
		// bufio.Scanner's default limit: 64 KiB lines.
		sc := bufio.NewScanner(in)
		for sc.Scan() {
			var resp bytes.Buffer
			protocol.Serve(bytes.NewReader(sc.Bytes()), &resp, hello, handle)
			out.Write(resp.Bytes())
		}
		fmt.Fprintln(os.Stderr, "reading:", sc.Err())
		return 1
	case "lock-file":
		lock := filepath.Join(os.Getenv("LOCK_DIR"), "server.lock")
		f, err := os.OpenFile(lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			fmt.Fprintln(os.Stderr, "another server holds the lock:", err)
			return 1
		}
		f.Close()
		defer os.Remove(lock)
	case "future":
		// A server of a later addition to the protocol: an unknown
		// capability and unknown members in every answer.
		return rawLoop(in, out, func(line []byte) []byte {
			var resp bytes.Buffer
			protocol.Serve(bytes.NewReader(line), &resp, hello, handle)
			return addFutureMembers(bytes.TrimRight(resp.Bytes(), "\n"))
		})
	case "ignore-eof":
		protocol.Serve(in, out, hello, handle)
		time.Sleep(time.Hour)
	}
	if err := protocol.Serve(in, out, hello, handle); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// addFutureMembers adds members no version of the protocol defines to
// an answer line: "trace" beside the result, "vendor" in it, "fly" among
// the capabilities of hello, "confidence" in each answer and "span" in
// each of its errors. Numbers stay exact.
func addFutureMembers(line []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return line
	}
	m["trace"] = map[string]any{"spanId": "abc"}
	if r, ok := m["result"].(map[string]any); ok {
		r["vendor"] = []any{1, "x"}
		if caps, ok := r["capabilities"].([]any); ok {
			r["capabilities"] = append(caps, "fly")
		}
		if as, ok := r["answers"].([]any); ok {
			for _, a := range as {
				if a, ok := a.(map[string]any); ok {
					a["confidence"] = 0.5
					if es, ok := a["errors"].([]any); ok {
						for _, e := range es {
							if e, ok := e.(map[string]any); ok {
								e["span"] = map[string]any{"start": 0}
							}
						}
					}
				}
			}
		}
	}
	b, _ := json.Marshal(m)
	return b
}

// rawLoop answers each line with answer(line).
func rawLoop(in io.Reader, out io.Writer, answer func([]byte) []byte) int {
	r := bufio.NewReaderSize(in, 1<<20)
	for {
		line, err := r.ReadBytes('\n')
		if len(line) > 0 {
			out.Write(append(answer(bytes.TrimRight(line, "\n")), '\n'))
		}
		if err != nil {
			return 0
		}
	}
}

func serverArgv(t *testing.T, fault string) []string {
	t.Setenv(serverEnv, fault)
	t.Setenv("LOCK_DIR", t.TempDir())
	return []string{os.Args[0], "-test.run=^$"}
}

var quick = protocol.CheckOptions{Timeout: 5 * time.Second, LargePolicies: 5000}

// TestCheckFaults plants one protocol fault per server and checks that
// Check reports it in the right probe, and only there; the server
// without a fault passes every probe.
func TestCheckFaults(t *testing.T) {
	tests := []struct {
		fault, probe, says string
	}{
		{"none", "", ""},
		{"wrong-version", "handshake", "protocol version 2"},
		{"no-name", "handshake", "must give name"},
		{"banner", "handshake", "not an answer of the protocol"},
		{"float-ids", "exact i64", "came back as"},
		{"ascii-only", "unicode", "non-ASCII text is mangled"},
		{"crash-on-unknown-op", "unsupported", "exited"},
		{"exit-on-malformed", "malformed line", "exited"},
		{"short-lines", "large test", "died"},
		{"lock-file", "crash", "did not start"},
		{"ignore-eof", "end of input", "did not exit"},
		{"future", "", ""}, // unknown members and capabilities are no fault
	}
	for _, tt := range tests {
		t.Run(tt.fault, func(t *testing.T) {
			probes := protocol.Check(serverArgv(t, tt.fault), quick)
			for _, p := range probes {
				switch {
				case p.Name == tt.probe && !strings.Contains(p.Problem, tt.says):
					t.Errorf("probe %s: problem %q, want one saying %q", p.Name, p.Problem, tt.says)
				case p.Name != tt.probe && p.Problem != "":
					t.Errorf("probe %s also failed: %s", p.Name, p.Problem)
				}
			}
			if tt.probe != "" && !hasProbe(probes, tt.probe) {
				t.Errorf("probe %s did not run; probes: %+v", tt.probe, probes)
			}
		})
	}
}

func hasProbe(probes []protocol.Probe, name string) bool {
	for _, p := range probes {
		if p.Name == name {
			return true
		}
	}
	return false
}

// TestCheckPythonExample: the example server passes every probe.
func TestCheckPythonExample(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 is not installed: the Python example server is not checked")
	}
	probes := protocol.Check([]string{py, "../examples/python-rbac/server.py"}, quick)
	for _, p := range probes {
		if p.Problem != "" {
			t.Errorf("probe %s: %s", p.Name, p.Problem)
		}
	}
	if len(probes) != 8 {
		t.Errorf("%d probes ran, want 8: %+v", len(probes), probes)
	}
}

// TestClientIgnoresFutureMembers runs a server that adds a capability
// and members no version of the protocol defines (addFutureMembers):
// the client leaves the capability out, ignores the members, and reads
// the answers as usual; protocol-check notes the capability.
func TestClientIgnoresFutureMembers(t *testing.T) {
	p, err := protocol.NewPool(protocol.Options{Command: serverArgv(t, "future"), Processes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	h := p.Hello()
	if h.Has("fly") || len(h.Ignored) != 1 || h.Ignored[0] != "fly" || !h.Has(protocol.OpAuthorize) {
		t.Errorf("hello: capabilities %v, ignored %v; want authorize kept and fly ignored", h.Capabilities, h.Ignored)
	}
	uid := func(typ, id string) *protocol.EntityUID { return &protocol.EntityUID{Type: typ, ID: id} }
	req := &protocol.Request{Op: protocol.OpAuthorize, Test: &protocol.Test{
		Policies: []protocol.Policy{
			{ID: "p", Text: "permit(principal, action, resource) when { context.n == 9223372036854775807 };"},
			{ID: "e", Text: "permit(principal, action, resource) when { context.n + 1 == 0 };"},
		},
		Requests: []protocol.AuthRequest{{Principal: uid("User", "a"), Action: uid("Action", "v"), Resource: uid("User", "b"),
			Context: json.RawMessage(`{"n": 9223372036854775807}`)}},
	}}
	var res protocol.AuthorizeResult
	if err := p.Result(context.Background(), req, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Answers) != 1 || res.Answers[0].Decision != "allow" || len(res.Answers[0].Reasons) != 1 || len(res.Answers[0].Errors) != 1 {
		t.Errorf("authorize: %+v, want allow by p with an error of e", res.Answers)
	}
	if h := p.Health(); h.Inconclusive != 0 || h.Restarts != 0 {
		t.Errorf("health %+v: the unknown members were taken for faults", h)
	}
	probes := protocol.Check(serverArgv(t, "future"), quick)
	if len(probes) == 0 || !strings.Contains(probes[0].Note, "ignored: fly") {
		t.Errorf("handshake probe %+v: want a note naming the ignored capability", probes[0])
	}
}
