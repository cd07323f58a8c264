package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

// TestVersionReport checks what --version and `version --json` say about
// each implementation, with cedar-wasm found and not found.
func TestVersionReport(t *testing.T) {
	nm := filepath.Join(t.TempDir(), "node_modules")
	pkg := filepath.Join(nm, "@cedar-policy", "cedar-wasm")
	if err := os.MkdirAll(filepath.Join(pkg, "nodejs"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(pkg, "nodejs", "cedar_wasm.js"), nil, 0o644)
	os.WriteFile(filepath.Join(pkg, "package.json"), []byte(`{"name": "@cedar-policy/cedar-wasm", "version": "9.8.7"}`), 0o644)
	t.Setenv(cedarwasm.NodeModulesEnv, nm)
	_, _, locateErr := cedarwasm.Locate()

	code, out, _ := runCLI(t, "--version")
	if code != exitOK {
		t.Fatalf("--version: exit %d", code)
	}
	wantLines := []string{"crosscheck " + version, "Cedar language 4.5", "cedar-go "}
	if locateErr == nil {
		wantLines = append(wantLines, "cedar-wasm 9.8.7 ("+pkg+")")
	} else { // no node on PATH
		wantLines = append(wantLines, "cedar-wasm not available: ")
	}
	for _, w := range wantLines {
		if !strings.Contains(out, w) {
			t.Errorf("--version output lacks %q:\n%s", w, out)
		}
	}

	t.Setenv(cedarwasm.NodeModulesEnv, t.TempDir())
	code, out, _ = runCLI(t, "version", "--json")
	var v versionInfo
	if code != exitOK || json.Unmarshal([]byte(out), &v) != nil {
		t.Fatalf("version --json: exit %d:\n%s", code, out)
	}
	if v.Crosscheck != version || v.CedarLanguage != "4.5" || v.CedarGo == "" || v.CedarWasm != "" || !strings.Contains(v.CedarWasmNote, "not installed") {
		t.Errorf("version --json: %+v", v)
	}
}

func TestApplyBuildInfo(t *testing.T) {
	dep := func(v string, replace *debug.Module) []*debug.Module {
		return []*debug.Module{{Path: "golang.org/x/sync", Version: "v0.1.0"}, {Path: cedarGoModule, Version: v, Replace: replace}}
	}
	tests := []struct {
		name                 string
		ldflags              string // version as -ldflags would set it
		bi                   debug.BuildInfo
		crosscheck, rev, cgo string
	}{
		{"a development build", devVersion, debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Deps: dep("v1.9.1", nil)}, devVersion, "", "v1.9.1"},
		{"go install module@version", devVersion, debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}, Deps: dep("v1.9.1", nil)}, "v0.3.0", "", "v1.9.1"},
		{"-ldflags wins", "1.2.3", debug.BuildInfo{Main: debug.Module{Version: "v0.3.0"}, Deps: dep("v1.9.1", nil)}, "1.2.3", "", "v1.9.1"},
		{"a dirty checkout", devVersion, debug.BuildInfo{Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "abc"}, {Key: "vcs.modified", Value: "true"}}, Deps: dep("v1.9.1", nil)}, devVersion, "abc+modified", "v1.9.1"},
		{"a replaced cedar-go", devVersion, debug.BuildInfo{Deps: dep("v1.9.1", &debug.Module{Path: "../cedar-go", Version: ""})}, devVersion, "", "v1.9.1 (replaced by ../cedar-go)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old := version
			version = tt.ldflags
			defer func() { version = old }()
			v := versionInfo{Crosscheck: version, CedarGo: "unknown"}
			applyBuildInfo(&v, &tt.bi)
			if v.Crosscheck != tt.crosscheck || v.Revision != tt.rev || v.CedarGo != tt.cgo {
				t.Errorf("got %q %q %q, want %q %q %q", v.Crosscheck, v.Revision, v.CedarGo, tt.crosscheck, tt.rev, tt.cgo)
			}
		})
	}
}
