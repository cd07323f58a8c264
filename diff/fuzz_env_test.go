package diff

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// alwaysAllowServer is a protocol server with a planted bug: it allows
// every request, with no reasons.
const alwaysAllowServer = `import json, sys
for line in sys.stdin:
    req = json.loads(line)
    if req["op"] == "hello":
        res = {"protocol": 1, "name": "always-allow", "version": "0", "cedar": "4.5", "capabilities": ["authorize"]}
    else:
        res = {"answers": [{"decision": "allow", "reasons": [], "errors": []} for _ in req["test"].get("requests", [])]}
    print(json.dumps({"id": req["id"], "result": res}), flush=True)
`

// TestFuzzImplEnv checks that CROSSCHECK_FUZZ_IMPL chooses the
// implementations the authorization fuzz targets compare: the default
// pair, the ones named (a planted wrong protocol server makes the fuzz
// body fail), and a clear error for a bad value.
func TestFuzzImplEnv(t *testing.T) {
	impls, _, release, err := fuzzImplsOf("")
	if err != nil || len(impls) != 2 || impls[0].Name() != "model" || impls[1].Name() != "engine" {
		t.Fatalf("default: %v, %v; want model,engine", implNamesOf(impls), err)
	}
	release()

	for _, tt := range []struct{ value, want string }{
		{"model,nope", `CROSSCHECK_FUZZ_IMPL="model,nope": unknown implementation "nope"`},
		{"model", `names 1 implementation; a fuzz target compares at least two`},
		{"model,model", `implementation "model" is named twice`},
		{"model,exec:", `CROSSCHECK_FUZZ_IMPL="model,exec:"`},
	} {
		_, _, _, err := fuzzImplsOf(tt.value)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want it to contain %q", tt.value, err, tt.want)
		}
	}

	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not installed: the planted wrong server is not run")
	}
	server := filepath.Join(t.TempDir(), "allow.py")
	if err := os.WriteFile(server, []byte(alwaysAllowServer), 0o644); err != nil {
		t.Fatal(err)
	}
	impls, _, release, err = fuzzImplsOf("model,exec:python3 " + server)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if got := implNamesOf(impls); got != "model,exec:python3 "+server {
		t.Fatalf("implementations %s", got)
	}
	cfg := &Config{Impls: impls}
	failed := 0
	for _, data := range [][]byte{nil, {1, 2, 3, 4, 5, 6, 7, 8}, {7, 3, 200, 41, 9, 9, 9, 9}} {
		s := generators.DefaultSettings()
		s.Mode = generators.ModeRBAC
		if res := cfg.CheckTest(TargetRBAC, generators.FromBytes(s, data)); res.Failed() {
			failed++
		}
	}
	if failed == 0 {
		t.Error("the always-allow server agreed with the model on every input: the variable did not choose it")
	}
}

func implNamesOf(impls []Implementation) string {
	var names []string
	for _, im := range impls {
		names = append(names, im.Name())
	}
	return strings.Join(names, ",")
}
