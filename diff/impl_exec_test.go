package diff

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/internal/version"
	"github.com/cedar-crosscheck/crosscheck/protocol/engineserver"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// engineServerEnv makes the test binary the engine's protocol server
// (package protocol/engineserver), as Go tests run helper processes.
const engineServerEnv = "CROSSCHECK_DIFF_ENGINE_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(engineServerEnv) != "" {
		if err := engineserver.Serve(os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// engineOverExec opens the engine's protocol server as an exec:
// implementation.
func engineOverExec(tb testing.TB, processes int) *ExecImpl {
	tb.Helper()
	tb.Setenv(engineServerEnv, "1")
	x, err := Exec(protocolQuote(os.Args[0])+" -test.run=^$", ExecOptions{Processes: processes})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(x.Close)
	return x
}

func protocolQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

// TestExecEngineAgrees runs the engine through the protocol against the
// model on every authorization target: everything the adapter writes
// (policies, templates and links, entities, schemas, contexts) reaches
// the server intact, and the answers come back intact.
func TestExecEngineAgrees(t *testing.T) {
	x := engineOverExec(t, 2)
	for _, target := range []Target{TargetABAC, TargetABACUntyped, TargetRBAC, TargetExpr} {
		t.Run(string(target), func(t *testing.T) {
			sum, err := Run(context.Background(), Config{Target: target, Impls: []Implementation{Model(), x}, Seed: 7, Count: 60, Jobs: 2})
			if err != nil {
				t.Fatal(err)
			}
			if !sum.OK() || sum.RequestsCompared == 0 {
				t.Fatalf("findings %v, %d compared:\n%v", sum.Signatures, sum.RequestsCompared, sum.Findings)
			}
			if h := sum.Oracles[x.Name()]; h.Sent != 60 || h.Inconclusive != 0 {
				t.Errorf("health %+v, want 60 sent and none inconclusive", h)
			}
		})
	}
}

func TestSplitImplNames(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"model,engine", []string{"model", "engine"}},
		{" model , ,engine ", []string{"model", "engine"}},
		{"model,exec:python3 s.py --x", []string{"model", "exec:python3 s.py --x"}},
		{`model,exec:'a,b' "c,d",engine`, []string{"model", `exec:'a,b' "c,d"`, "engine"}},
	}
	for _, tt := range tests {
		if got := SplitImplNames(tt.in); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("SplitImplNames(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReproCommandQuotesExec(t *testing.T) {
	got := ReproCommand(1, 2, TargetRBAC, []string{"model", "exec:python3 it's.py"})
	want := `crosscheck repro --seed 1 --index 2 --target rbac --impl 'model,exec:python3 it'\''s.py'`
	if got != want {
		t.Errorf("ReproCommand = %s, want %s", got, want)
	}
	if got := ReproCommand(1, 2, TargetABAC, []string{"model", "engine"}); !strings.HasSuffix(got, "--impl model,engine") {
		t.Errorf("plain names are quoted: %s", got)
	}
}

// BenchmarkExecOverhead measures what the protocol costs per request:
// the engine in process (the engine adapter) against the same engine
// behind exec: (a subprocess of the test binary speaking the protocol),
// on the same generated abac tests, one call at a time. The difference
// of the two ns/request is the protocol's overhead: encoding the test
// as JSON (policies as text and policy JSON), the pipe, and the server
// parsing it all again. cedar-wasm (the official engine's adapter) and
// exec-cedar-wasm (the same server behind a plain exec:) compare the two
// protocol adapters on the official engine.
// wasmBenchTimeout bounds one call of the official engine in the
// benchmark: a cold code path of the wasm module compiles on first use,
// which on a loaded machine can pass the default 10 s.
const wasmBenchTimeout = time.Minute

func BenchmarkExecOverhead(b *testing.B) {
	var ins []*Input
	var reqs [][]*syntax.Request
	total := 0
	for i := range 200 {
		tc := generators.Generate(generators.DefaultSettings(), 1, uint64(i))
		ins = append(ins, &Input{Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema})
		var rs []*syntax.Request
		for j := range tc.Requests {
			rs = append(rs, &tc.Requests[j])
		}
		reqs = append(reqs, rs)
		total += len(rs)
	}
	for _, bc := range []struct {
		name string
		impl func(b *testing.B) Implementation
	}{
		{"engine", func(*testing.B) Implementation { return Engine() }},
		{"exec-engine", func(b *testing.B) Implementation { return engineOverExec(b, 1) }},
		// The official engine's adapter and the same server.js behind
		// a plain exec: (the generic protocol adapter).
		{"cedar-wasm", func(b *testing.B) Implementation {
			w, err := CedarWasm(cedarwasm.Options{Processes: 1, Timeout: wasmBenchTimeout})
			if err != nil {
				b.Skipf("skipped: %v", err)
			}
			b.Cleanup(w.Close)
			return w
		}},
		{"exec-cedar-wasm", func(b *testing.B) Implementation {
			argv, err := cedarwasm.Command(cedarwasm.Options{})
			if err != nil {
				b.Skipf("skipped: %v", err)
			}
			quoted := make([]string, len(argv))
			for i, a := range argv {
				quoted[i] = protocolQuote(a)
			}
			x, err := Exec(strings.Join(quoted, " "), ExecOptions{Processes: 1, Timeout: wasmBenchTimeout})
			if err != nil {
				b.Fatal(err)
			}
			x.name = "exec:cedar-wasm server.js" // not the whole source in messages
			b.Cleanup(x.Close)
			return x
		}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			impl := bc.impl(b)
			// One call first, so that start-up and the first calls' JIT
			// warm-up do not count.
			if _, err := impl.Authorize(ins[0], reqs[0]); err != nil {
				b.Fatal(err)
			}
			n := 0
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				k := i % len(ins)
				if _, err := impl.Authorize(ins[k], reqs[k]); err != nil {
					b.Fatal(err)
				}
				n += len(reqs[k])
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n), "ns/request")
			b.ReportMetric(float64(total)/float64(len(ins)), "requests/test")
		})
	}
}

// TestVersionsOf: every implementation's version is recorded, a
// protocol server's from its handshake.
func TestVersionsOf(t *testing.T) {
	x := engineOverExec(t, 1)
	v := VersionsOf([]Implementation{Model(), Engine(), CedarGo(), x})
	if v.Crosscheck == "" || v.Go == "" || v.OS == "" || v.Arch == "" || v.CedarLanguage == "" {
		t.Errorf("build versions missing: %+v", v.Build)
	}
	want := []ImplVersion{
		{Name: "model", Implementation: "crosscheck model", Version: v.Crosscheck, Cedar: v.CedarLanguage},
		{Name: "engine", Implementation: "crosscheck engine", Version: v.Crosscheck, Cedar: v.CedarLanguage},
		// Test binaries carry no dependency versions; crosscheck's binary
		// does (v1.9.1 as go.mod has it).
		{Name: "cedar-go", Implementation: "github.com/cedar-policy/cedar-go", Version: version.Module("github.com/cedar-policy/cedar-go")},
		{Name: x.Name(), Implementation: "crosscheck-engine", Version: x.Hello().Version, Cedar: "4.5"},
	}
	if fmt.Sprint(v.Impls) != fmt.Sprint(want) {
		t.Errorf("VersionsOf = %+v\nwant %+v", v.Impls, want)
	}
}
