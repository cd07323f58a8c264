package cedarwasm

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
)

// CacheEnv names the directory that holds installed releases, overriding
// the user cache directory ($XDG_CACHE_HOME/crosscheck, or ~/.cache/crosscheck).
const CacheEnv = "CROSSCHECK_CACHE"

// ErrRegistryUnreachable is returned (wrapped) when npm cannot reach its
// registry to install a release.
var ErrRegistryUnreachable = errors.New("the npm registry is unreachable")

var releasePattern = regexp.MustCompile(`^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// ReleaseDir is the directory where release version is (or would be)
// installed: CACHE/cedar-wasm/VERSION, holding node_modules.
func ReleaseDir(version string) (string, error) {
	if !releasePattern.MatchString(version) {
		return "", fmt.Errorf("cedar-wasm@%s: a release is a version such as 4.13.0", version)
	}
	base := os.Getenv(CacheEnv)
	if base == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("cedar-wasm@%s: no cache directory (set $%s): %w", version, CacheEnv, err)
		}
		base = filepath.Join(dir, "crosscheck")
	}
	return filepath.Join(base, "cedar-wasm", version), nil
}

// Install makes release version of @cedar-policy/cedar-wasm available and
// returns its node_modules directory. A release already in the cache is
// used as it is; otherwise `npm install --prefix` installs it into a
// temporary directory beside its place, which is renamed into place when
// complete, under a lock, so that concurrent runs neither clash nor see
// half an installation.
func Install(version string) (nodeModules string, err error) {
	dir, err := ReleaseDir(version)
	if err != nil {
		return "", err
	}
	nodeModules = filepath.Join(dir, "node_modules")
	if hasPackage(nodeModules) {
		return nodeModules, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", fmt.Errorf("%w: cedar-wasm@%s is not in the cache (%s) and there is no npm on PATH to install it", ErrNotInstalled, version, dir)
	}
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return "", fmt.Errorf("cedar-wasm@%s: %w", version, err)
	}
	unlock, err := lockFile(dir + ".lock")
	if err != nil {
		return "", fmt.Errorf("cedar-wasm@%s: locking the cache: %w", version, err)
	}
	defer unlock()
	if hasPackage(nodeModules) { // installed by another run while we waited
		return nodeModules, nil
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), version+".partial-")
	if err != nil {
		return "", fmt.Errorf("cedar-wasm@%s: %w", version, err)
	}
	defer os.RemoveAll(tmp) // a no-op after the rename
	cmd := exec.Command(npm, "install", "--prefix", tmp, "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
		"--loglevel", "error", packageDir+"@"+version)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(out.String())
		for _, code := range []string{"ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ETIMEDOUT", "ECONNRESET", "ENETUNREACH"} {
			if strings.Contains(msg, code) {
				return "", fmt.Errorf("%w: installing cedar-wasm@%s: %s", ErrRegistryUnreachable, version, lastLines(msg, 5))
			}
		}
		return "", fmt.Errorf("installing cedar-wasm@%s with npm failed (%v): %s", version, err, lastLines(msg, 5))
	}
	got := filepath.Join(tmp, "node_modules")
	if !hasPackage(got) {
		return "", fmt.Errorf("installing cedar-wasm@%s: npm finished but %s has no %s/nodejs/cedar_wasm.js", version, got, packageDir)
	}
	if v := packageVersion(got); v != version {
		return "", fmt.Errorf("installing cedar-wasm@%s: npm installed version %q", version, v)
	}
	if err := os.RemoveAll(dir); err != nil { // a broken earlier attempt
		return "", err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return "", fmt.Errorf("cedar-wasm@%s: %w", version, err)
	}
	return nodeModules, nil
}

// packageVersion is the version in the package.json of the package in
// nodeModules, "" when it cannot be read.
func packageVersion(nodeModules string) string {
	b, err := os.ReadFile(filepath.Join(nodeModules, packageDir, "package.json"))
	if err != nil {
		return ""
	}
	var pkg struct{ Version string }
	if json.Unmarshal(b, &pkg) != nil {
		return ""
	}
	return pkg.Version
}

func lastLines(s string, n int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// InstalledVersion is the version of the pinned package that plain
// "cedar-wasm" runs (the node_modules Locate finds), read from its
// package.json without starting the engine; "" when it is not installed.
func InstalledVersion() string {
	_, nm, err := Locate()
	if err != nil {
		return ""
	}
	return packageVersion(nm)
}
