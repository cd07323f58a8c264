package cedarwasm

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCheckRelease: 4.x and later releases are accepted; 3.x releases,
// names that are not releases, and empty versions are ErrNoSuchRelease,
// with no npm involved.
func TestCheckRelease(t *testing.T) {
	for _, v := range []string{"4.0.0", "4.5.0", "4.13.0", "5.0.0-rc1", "10.2.3"} {
		if err := CheckRelease(v); err != nil {
			t.Errorf("%s: %v", v, err)
		}
	}
	for _, tt := range []struct{ v, says string }{
		{"3.4.3", "before 4.0.0"},
		{"3.2.3", "before 4.0.0"},
		{"0.1.0", "before 4.0.0"},
		{"latest", "such as 4.13.0"},
		{"4.13", "such as 4.13.0"},
		{"", "such as 4.13.0"},
		{"4.13.0; rm -rf /", "such as 4.13.0"},
	} {
		err := CheckRelease(tt.v)
		if !errors.Is(err, ErrNoSuchRelease) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%q: got %v, want ErrNoSuchRelease saying %q", tt.v, err, tt.says)
		}
		if _, err := Install(tt.v); !errors.Is(err, ErrNoSuchRelease) {
			t.Errorf("Install(%q): got %v, want ErrNoSuchRelease", tt.v, err)
		}
	}
}

// fakeRelease puts a package of version v in the cache as Install
// leaves one.
func fakeRelease(t *testing.T, cache, v string) string {
	t.Helper()
	nm := filepath.Join(cache, "cedar-wasm", v, "node_modules")
	pkg := filepath.Join(nm, packageDir)
	if err := os.MkdirAll(filepath.Join(pkg, "nodejs"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"nodejs/cedar_wasm.js": "", "package.json": `{"version": "` + v + `"}`} {
		if err := os.WriteFile(filepath.Join(pkg, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return nm
}

// TestInstallUsesTheCache: a release in the cache is used as it is,
// with no npm on PATH and no node_modules above the working directory
// (a fresh clone without `npm ci`).
func TestInstallUsesTheCache(t *testing.T) {
	cache := t.TempDir()
	t.Setenv(CacheEnv, cache)
	t.Setenv("PATH", t.TempDir()) // no npm, no node
	t.Chdir(t.TempDir())
	want := fakeRelease(t, cache, "4.12.0")
	got, err := Install("4.12.0")
	if err != nil || got != want {
		t.Fatalf("Install: %q, %v; want %q", got, err, want)
	}
	// Not in the cache, and no npm: ErrNotInstalled, saying so.
	if _, err := Install("4.11.0"); !errors.Is(err, ErrNotInstalled) || !strings.Contains(err.Error(), "no npm") {
		t.Errorf("Install(4.11.0) without npm: %v, want ErrNotInstalled saying there is no npm", err)
	}
}

// TestCommandForAReleaseNeedsNoPinnedPackage: from a directory with no
// node_modules (and $CROSSCHECK_NODE_MODULES unset), Command for a
// release in the cache runs node on that release; the pinned package
// is not needed.
func TestCommandForAReleaseNeedsNoPinnedPackage(t *testing.T) {
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("no node on PATH")
	}
	cache := t.TempDir()
	t.Setenv(CacheEnv, cache)
	t.Setenv(NodeModulesEnv, "")
	t.Chdir(t.TempDir())
	if _, _, err := Locate(); err == nil {
		// The test binary's directory is searched too: it may be
		// under a checkout with node_modules.
		t.Log("Locate finds a pinned package beside the test binary; Command is still checked")
	}
	nm := fakeRelease(t, cache, "4.12.0")
	argv, err := Command(Options{Version: "4.12.0"})
	if err != nil {
		t.Fatal(err)
	}
	if last := argv[len(argv)-1]; last != filepath.Join(nm, packageDir) {
		t.Errorf("the server runs on %s, want the cached release %s", last, filepath.Join(nm, packageDir))
	}
	if _, err := Command(Options{Version: "3.4.3"}); !errors.Is(err, ErrNoSuchRelease) {
		t.Errorf("Command for 3.4.3: %v, want ErrNoSuchRelease", err)
	}
}

// needsRegistry skips a test that installs from the npm registry when
// -short is given, npm is missing, or the registry cannot be reached.
func needsRegistry(t *testing.T, err error) {
	t.Helper()
	if errors.Is(err, ErrRegistryUnreachable) || errors.Is(err, ErrNotInstalled) {
		t.Skipf("skipped: installing from the npm registry is not possible here: %v", err)
	}
}

func registryTest(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipped with -short: installs from the npm registry")
	}
	if _, err := exec.LookPath("npm"); err != nil {
		t.Skip("skipped: no npm on PATH to install releases with")
	}
}

// TestInstallRelease installs a published release into an empty cache,
// then finds it there; an unpublished version is ErrNoSuchRelease, not a
// hang or an obscure npm failure. Needs npm and the registry.
func TestInstallRelease(t *testing.T) {
	registryTest(t)
	cache := t.TempDir()
	t.Setenv(CacheEnv, cache)
	_, err := Install("4.2.7") // never published
	needsRegistry(t, err)
	if !errors.Is(err, ErrNoSuchRelease) || !strings.Contains(err.Error(), "not published") {
		t.Errorf("Install(4.2.7): %v, want ErrNoSuchRelease saying it is not published", err)
	}
	nm, err := Install("4.12.0")
	needsRegistry(t, err)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(cache, "cedar-wasm", "4.12.0", "node_modules"); nm != want || packageVersion(nm) != "4.12.0" {
		t.Errorf("installed %s at version %q, want %s at 4.12.0", nm, packageVersion(nm), want)
	}
	entries, _ := os.ReadDir(filepath.Join(cache, "cedar-wasm"))
	for _, e := range entries {
		if strings.Contains(e.Name(), ".partial-") {
			t.Errorf("a partial installation is left in the cache: %s", e.Name())
		}
	}
	// The second time, from the cache, without npm.
	t.Setenv("PATH", t.TempDir())
	if again, err := Install("4.12.0"); err != nil || again != nm {
		t.Errorf("Install again: %q, %v", again, err)
	}
}
