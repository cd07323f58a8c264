package cedarwasm

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// CacheEnv names the directory that holds installed releases, overriding
// the user cache directory ($XDG_CACHE_HOME/crosscheck, or ~/.cache/crosscheck).
const CacheEnv = "CROSSCHECK_CACHE"

// ErrRegistryUnreachable is returned (wrapped) when npm cannot reach its
// registry to install a release.
var ErrRegistryUnreachable = errors.New("the npm registry is unreachable")

// ErrNoSuchRelease is returned (wrapped) for a version that cannot be
// run: not a release number, older than MinMajor, or not published.
var ErrNoSuchRelease = errors.New("no such cedar-wasm release")

// MinMajor is the oldest major release the server runs: 3.x releases
// implement Cedar language 3 (another JSON interface, no entity tags),
// which Crosscheck's generators and comparisons do not target.
const MinMajor = 4

// installTimeout bounds one npm install, so that a registry that does
// not answer is an error rather than a hang.
const installTimeout = 10 * time.Minute

var releasePattern = regexp.MustCompile(`^([0-9]+)\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// CheckRelease says whether version names a release Install may
// install: MAJOR.MINOR.PATCH (a pre-release suffix allowed) with MAJOR
// at least MinMajor. Whether it is published is known only from npm.
func CheckRelease(version string) error {
	m := releasePattern.FindStringSubmatch(version)
	if m == nil {
		return fmt.Errorf("%w: cedar-wasm@%s: a release is a version such as 4.13.0", ErrNoSuchRelease, version)
	}
	if major, err := strconv.Atoi(m[1]); err != nil || major < MinMajor {
		return fmt.Errorf("%w: cedar-wasm@%s: releases before %d.0.0 (Cedar language 3) are not supported; use %d.x (for instance 4.13.0)", ErrNoSuchRelease, version, MinMajor, MinMajor)
	}
	return nil
}

// ReleaseDir is the directory where release version is (or would be)
// installed: CACHE/cedar-wasm/VERSION, holding node_modules.
func ReleaseDir(version string) (string, error) {
	if err := CheckRelease(version); err != nil {
		return "", err
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
// returns its node_modules directory; it needs npm on PATH, not the
// pinned package. A version CheckRelease refuses, or one npm does not
// know, is an error that wraps ErrNoSuchRelease. A release already in the cache is
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
	ctx, cancel := context.WithTimeout(context.Background(), installTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, npm, "install", "--prefix", tmp, "--no-save", "--no-package-lock", "--no-audit", "--no-fund",
		"--loglevel", "error", packageDir+"@"+version)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(out.String())
		if ctx.Err() != nil {
			return "", fmt.Errorf("%w: installing cedar-wasm@%s: npm did not finish within %v: %s", ErrRegistryUnreachable, version, installTimeout, lastLines(msg, 3))
		}
		if strings.Contains(msg, "ETARGET") || strings.Contains(msg, "E404") {
			return "", fmt.Errorf("%w: cedar-wasm@%s is not published on the npm registry (`npm view %s versions` lists the releases): %s", ErrNoSuchRelease, version, packageDir, npmReason(msg))
		}
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

// npmReason is the line of npm's output that says why (the first
// "notarget" or "404" line), else its last line.
func npmReason(msg string) string {
	for _, l := range strings.Split(msg, "\n") {
		if strings.Contains(l, "notarget") || strings.Contains(l, "404") {
			return strings.TrimSpace(strings.TrimPrefix(l, "npm error"))
		}
	}
	return lastLines(msg, 1)
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
