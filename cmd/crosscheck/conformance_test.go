package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/protocol/engineserver"
	"github.com/cedar-crosscheck/crosscheck/reports"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// forbidBlindServerEnv makes the test binary a protocol server with a
// planted bug: the engine, blind to forbid policies; with the value
// "allow", one that allows every request.
const forbidBlindServerEnv = "CROSSCHECK_TEST_FORBID_BLIND_SERVER"

func TestMain(m *testing.M) {
	if os.Getenv(forbidBlindServerEnv) != "" {
		hello := engineserver.Hello()
		hello.Name = "forbid-blind"
		hello.Capabilities = append(hello.Capabilities, protocol.OpParsePolicies)
		if os.Getenv(forbidBlindServerEnv) == "validate" {
			hello.Capabilities = append(hello.Capabilities, protocol.OpValidate)
		}
		err := protocol.Serve(os.Stdin, os.Stdout, hello, func(req *protocol.Request) (any, error) {
			if req.Op == protocol.OpAuthorize && req.Test != nil {
				kept := req.Test.Policies[:0]
				for _, p := range req.Test.Policies {
					var est struct{ Effect string }
					if json.Unmarshal(p.JSON, &est) == nil && est.Effect == "forbid" && !p.Template {
						continue
					}
					kept = append(kept, p)
				}
				req.Test.Policies = kept
			}
			mode := os.Getenv(forbidBlindServerEnv)
			switch {
			case req.Op == protocol.OpParsePolicies && req.Text != nil:
				// Planted: it rejects every text that holds "unless".
				_, err := parser.ParsePolicySet("p.cedar", []byte(*req.Text))
				return &protocol.ParsePoliciesResult{Valid: err == nil && !strings.Contains(*req.Text, "unless")}, nil
			case req.Op == protocol.OpValidate && mode == "validate":
				return &protocol.ValidateResult{Valid: true}, nil
			}
			res, err := engineserver.Handle(req)
			if ar, ok := res.(*protocol.AuthorizeResult); ok && os.Getenv(forbidBlindServerEnv) == "allow" {
				for i := range ar.Answers {
					ar.Answers[i] = protocol.Answer{Decision: "allow"}
				}
			}
			return res, err
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func readConformance(t *testing.T, dir string) *reports.Conformance {
	t.Helper()
	c, err := reports.ReadConformance(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{reports.ConformanceMarkdownFile, reports.ConformanceHTMLFile} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Error(err)
		}
	}
	return c
}

// TestConformancePythonRBAC checks the scope-only Python server with
// the regression corpus (action groups declared only in the schema
// among them) and generated tests: the
// areas its tests reach (templates, entities and hierarchy) pass, the
// tests with conditions and the validation checks are listed as
// unsupported and never counted as failures, and the versions name the
// server from its handshake.
func TestConformancePythonRBAC(t *testing.T) {
	needPython(t)
	out := t.TempDir()
	name := diff.ExecPrefix + pythonServer
	code, stdout, stderr := runCLI(t, "conformance", "--impl", name, "--count", "120", "--reference", "model",
		"--integration-tests", "none", "--out", out, "--jobs", "2")
	if code != exitOK {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	c := readConformance(t, out)
	if c.Verdict() != "PASS" || c.Total.Failed != 0 || c.Reference != "model" {
		t.Errorf("verdict %s, %d failed, reference %s; want PASS, 0, model", c.Verdict(), c.Total.Failed, c.Reference)
	}
	for _, area := range []string{reports.AreaTemplates, reports.AreaEntities} {
		if a := c.Area(area); a.Passed == 0 || a.Failed != 0 {
			t.Errorf("area %s: %+v, want passes and no failure", area, a)
		}
	}
	if a := c.Area(reports.AreaValidation); a.Unsupported == 0 || a.Compared() != 0 {
		t.Errorf("validation: %+v, want only unsupported checks (the server has no validator)", a)
	}
	features := map[string]bool{}
	for _, u := range c.Unsupported {
		features[u.Feature] = true
	}
	if a := c.Area(reports.AreaParsing); a.Unsupported == 0 || a.Compared() != 0 {
		t.Errorf("parsing: %+v, want only unsupported checks (the server has no parse-policies)", a)
	}
	if !features["conditions"] || !features["validate (no validator)"] || !features["parse-policies"] {
		t.Errorf("unsupported features %v, want conditions and validate", c.Unsupported)
	}
	if iv := c.Versions.Impls[1]; iv.Implementation != "python-rbac" || iv.Version == "" || iv.Cedar == "" {
		t.Errorf("versions %+v, want the handshake's name, version and Cedar version", iv)
	}
	if c.Health == nil || c.Health.Sent == 0 {
		t.Errorf("health %+v, want the server's calls", c.Health)
	}
	if !strings.Contains(stdout, "verdict: PASS") || !strings.Contains(stdout, "unsupported: conditions") {
		t.Errorf("stdout:\n%s", stdout)
	}
}

// TestConformanceFindsPlantedBug checks a server that ignores forbid
// policies: the report fails, its first failure is minimized to a saved
// test that still fails on replay, and every failure has a replay
// command.
func TestConformanceFindsPlantedBug(t *testing.T) {
	t.Setenv(forbidBlindServerEnv, "1")
	out := t.TempDir()
	name := diff.ExecPrefix + protocolQuoteArg(os.Args[0]) + " -test.run=^$"
	code, stdout, stderr := runCLI(t, "conformance", "--impl", name, "--count", "40", "--reference", "model",
		"--integration-tests", "none", "--regressions", "none", "--out", out, "--jobs", "2", "--shrink-time", "3s")
	if code != exitFailed {
		t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitFailed, stdout, stderr)
	}
	c := readConformance(t, out)
	if c.Verdict() != "FAIL" || len(c.Failures) == 0 {
		t.Fatalf("verdict %s with %d failures, want FAIL with some", c.Verdict(), len(c.Failures))
	}
	first := c.Failures[0]
	if first.Minimized == "" || !strings.HasPrefix(first.Replay, "crosscheck replay --impl ") {
		t.Fatalf("first failure %+v: want a minimized test and its replay command", first)
	}
	for _, f := range c.Failures {
		if f.Replay == "" || f.Signature == "" {
			t.Errorf("failure %+v has no replay command or signature", f)
		}
	}
	// The minimized test holds a forbid policy and still fails.
	code, stdout, _ = runCLI(t, "replay", "--impl", name, first.Minimized)
	if code != exitFailed {
		t.Errorf("replay of the minimized test: exit %d, want %d\n%s", code, exitFailed, stdout)
	}
	code, _, stderr = runCLI(t, "conformance", "--impl", name, "--count", "1", "--out", out, "--integration-tests", "none", "--regressions", "none")
	if code != exitUsage || !strings.Contains(stderr, "already holds a conformance report's conformance.json") {
		t.Errorf("second run into the same --out: exit %d, stderr %s; want it refused", code, stderr)
	}
}

func protocolQuoteArg(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }

func TestConformanceUsage(t *testing.T) {
	for _, args := range [][]string{
		{"conformance"},
		{"conformance", "--impl", "nope"},
		{"conformance", "--impl", "model,engine"},
		{"conformance", "--impl", "model", "--count", "0"},
		{"conformance", "--impl", "model", "--reference", "cedar-go"},
	} {
		if code, _, stderr := runCLI(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, want %d (%s)", args, code, exitUsage, stderr)
		}
	}
}

// TestConformanceParsingArea checks the parsing area: the engine's parser
// passes on the corpus and generated texts, and a server whose
// parse-policies rejects every text with "unless" fails there, each
// failure with a --replay-parse command that shows it again.
func TestConformanceParsingArea(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "conformance", "--impl", "engine", "--count", "24", "--reference", "model",
		"--integration-tests", "none", "--out", out, "--jobs", "2")
	if code != exitOK {
		t.Fatalf("engine: exit %d\n%s\n%s", code, stdout, stderr)
	}
	if a := readConformance(t, out).Area(reports.AreaParsing); a.Passed < 24 || a.Failed != 0 {
		t.Errorf("engine parsing: %+v, want every corpus and generated text's check passed", a)
	}

	t.Setenv(forbidBlindServerEnv, "1")
	out = t.TempDir()
	name := diff.ExecPrefix + protocolQuoteArg(os.Args[0]) + " -test.run=^$"
	code, stdout, stderr = runCLI(t, "conformance", "--impl", name, "--count", "24", "--reference", "model",
		"--integration-tests", "none", "--out", out, "--jobs", "2", "--shrink-time", "0")
	if code != exitFailed {
		t.Fatalf("planted parser: exit %d\n%s\n%s", code, stdout, stderr)
	}
	c := readConformance(t, out)
	if a := c.Area(reports.AreaParsing); a.Passed == 0 || a.Failed == 0 {
		t.Errorf("planted parser: parsing %+v, want passes and failures", a)
	}
	replayed := 0
	for _, f := range c.Failures {
		if f.Check != "policies text" {
			continue
		}
		args, ok := strings.CutPrefix(f.Replay, "crosscheck conformance --impl ")
		file, ok2 := strings.CutPrefix(args[strings.Index(args, " --replay-parse "):], " --replay-parse ")
		if !ok || !ok2 {
			t.Fatalf("parse failure %+v: replay is not a --replay-parse command", f)
		}
		code, stdout, _ := runCLI(t, "conformance", "--impl", name, "--reference", "model", "--replay-parse", file)
		if code != exitFailed || !strings.Contains(stdout, "FAIL") {
			t.Errorf("%s: exit %d, want %d\n%s", f.Replay, code, exitFailed, stdout)
		}
		if replayed++; replayed == 3 {
			break
		}
	}
	if replayed == 0 {
		t.Error("no parse failure listed")
	}
}

// TestConformanceValidationReplay checks that every generated
// validation failure, minimized or not, has a replay command that shows
// it again: a saved test, not repro (which regenerates another test).
func TestConformanceValidationReplay(t *testing.T) {
	t.Setenv(forbidBlindServerEnv, "validate")
	out := t.TempDir()
	name := diff.ExecPrefix + protocolQuoteArg(os.Args[0]) + " -test.run=^$"
	code, stdout, stderr := runCLI(t, "conformance", "--impl", name, "--count", "48", "--reference", "model",
		"--integration-tests", "none", "--regressions", "none", "--out", out, "--jobs", "2", "--shrink-time", "0")
	if code != exitFailed {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	checked := 0
	for _, f := range readConformance(t, out).Failures {
		if f.Check != "validates" {
			continue
		}
		file, ok := strings.CutPrefix(f.Replay, "crosscheck replay --impl "+diff.ShellQuote(name)+" ")
		if !ok {
			t.Fatalf("validation failure %+v: replay %q is not a replay of a saved test", f, f.Replay)
		}
		code, stdout, _ := runCLI(t, "replay", "--impl", name, strings.Trim(file, "'"))
		if code != exitFailed {
			t.Errorf("%s: exit %d, want %d\n%s", f.Replay, code, exitFailed, stdout)
		}
		checked++
	}
	if checked < 2 {
		t.Errorf("%d validation failures replayed, want at least 2", checked)
	}
}
