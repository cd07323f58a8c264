package cedarwasm

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// NodeModulesEnv names a node_modules directory that holds
// @cedar-policy/cedar-wasm, overriding the search of Locate.
const NodeModulesEnv = "CROSSCHECK_NODE_MODULES"

// ErrNotInstalled is returned (wrapped, with instructions) when Node.js or
// the npm package cannot be found.
var ErrNotInstalled = errors.New("cedar-wasm is not installed")

const packageDir = "@cedar-policy/cedar-wasm"

// Locate returns the node binary and the node_modules directory holding
// @cedar-policy/cedar-wasm. It looks in $CROSSCHECK_NODE_MODULES, then in
// node_modules of the working directory and each of its parents, then
// beside the running executable and its parents.
func Locate() (node, nodeModules string, err error) {
	node, err = Node()
	if err != nil {
		return "", "", fmt.Errorf("%w, then run `npm ci` in the crosscheck repository", err)
	}
	if dir := os.Getenv(NodeModulesEnv); dir != "" {
		if hasPackage(dir) {
			return node, dir, nil
		}
		return "", "", fmt.Errorf("%w: $%s=%s has no %s; run `npm ci` in the crosscheck repository", ErrNotInstalled, NodeModulesEnv, dir, packageDir)
	}
	var starts []string
	if wd, err := os.Getwd(); err == nil {
		starts = append(starts, wd)
	}
	if exe, err := os.Executable(); err == nil {
		starts = append(starts, filepath.Dir(exe))
	}
	for _, start := range starts {
		for dir := start; ; dir = filepath.Dir(dir) {
			if nm := filepath.Join(dir, "node_modules"); hasPackage(nm) {
				return node, nm, nil
			}
			if filepath.Dir(dir) == dir {
				break
			}
		}
	}
	return "", "", fmt.Errorf("%w: %s not found in any node_modules above the working directory; run `npm ci` in the crosscheck repository (or set $%s)", ErrNotInstalled, packageDir, NodeModulesEnv)
}

// Node returns the node binary on PATH; its error wraps ErrNotInstalled.
// A published release (Options.Version) needs only Node.js and npm, not
// the pinned package.
func Node() (string, error) {
	node, err := exec.LookPath("node")
	if err != nil {
		return "", fmt.Errorf("%w: no node on PATH; install Node.js 20 or later", ErrNotInstalled)
	}
	return node, nil
}

func hasPackage(nodeModules string) bool {
	_, err := os.Stat(filepath.Join(nodeModules, packageDir, "nodejs", "cedar_wasm.js"))
	return err == nil
}
