package diff

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// CedarGoPrefix starts the --impl name of a cedar-go release run as a
// protocol server: "cedar-go@v1.9.2". The plain "cedar-go" is the
// release linked into Crosscheck, in process.
const CedarGoPrefix = "cedar-go@"

// The releases the protocol server of servers/cedargo builds against:
// MinCedarGo is the first published release of cedar-go's v1 API that
// has the Cedar 4 features Crosscheck generates (is, entity tags,
// datetime and duration), and cedarGoValidatorSince the first with the
// experimental validator x/exp/schema/validate.
const (
	MinCedarGo            = "v1.2.1"
	cedarGoValidatorSince = "v1.6.0"
)

const cedarGoServerModule = "github.com/cedar-crosscheck/crosscheck/servers/cedargo"

var releaseRE = regexp.MustCompile(`^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$`)

// CedarGoRelease builds the protocol server of servers/cedargo against
// cedar-go release (see BuildCedarGoServer) and runs it under
// supervision, as Exec runs a server, as the Implementation
// "cedar-go@" + release. Close it when done.
//
// It gives the server what the in-process adapter (CedarGo) gives
// cedar-go, so that releases are compared on equal terms: entities as
// canonical entity JSON (explicit __entity and __extn forms, and the
// action entities of the schema), which cedar-go reads without a schema.
func CedarGoRelease(release string, opts ExecOptions) (*CedarGoReleaseImpl, error) {
	bin, err := BuildCedarGoServer(release)
	if err != nil {
		return nil, err
	}
	name := CedarGoPrefix + release
	pool, err := protocol.NewPool(protocol.Options{Command: []string{bin}, Processes: opts.Processes, Timeout: opts.Timeout, StartTimeout: opts.StartTimeout})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if h := pool.Hello(); h.Version != release {
		pool.Close()
		return nil, fmt.Errorf("%s: the server built in %s says it is cedar-go %q", name, bin, h.Version)
	}
	return &CedarGoReleaseImpl{&ExecImpl{name: name, pool: pool}}, nil
}

// CedarGoReleaseImpl is a cedar-go release run as a protocol server; see
// CedarGoRelease.
type CedarGoReleaseImpl struct{ *ExecImpl }

func (x *CedarGoReleaseImpl) Authorize(in *Input, reqs []*syntax.Request) ([]Answer, error) {
	ents, err := cedarjson.MarshalEntities(in.Entities)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	canonical := *in
	canonical.EntitiesJSON = ents
	return x.ExecImpl.Authorize(&canonical, reqs)
}

// BuildCedarGoServer returns the path of the protocol server of
// servers/cedargo built against cedar-go release ("v1.9.2"), building it
// first when the cache does not have it. The cache is
// $XDG_CACHE_HOME/crosscheck/cedar-go/RELEASE/ (os.UserCacheDir), one
// binary per version of the server's source. A build copies the
// server's module to a temporary directory there, requires the release
// with `go mod edit -require`, and runs `go build` (through the module
// proxy, as GOPROXY says), with the tag cedargo_validate from
// v1.6.0 on; concurrent builds of one release wait for each other on a
// lock, and the binary appears under its final name only when whole.
//
// The server's source is found beside this file in the source tree
// Crosscheck was built from, or in servers/cedargo of the current
// directory or one above it: cedar-go@VERSION needs a clone of the
// repository and a Go toolchain.
func BuildCedarGoServer(release string) (string, error) {
	name := CedarGoPrefix + release
	if !releaseRE.MatchString(release) {
		return "", fmt.Errorf("%s: want a cedar-go release such as v1.9.2 (`go list -m -versions github.com/cedar-policy/cedar-go` lists them)", name)
	}
	src, err := cedarGoServerSource()
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	files, key, err := readServerSource(src)
	if err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("%s: no cache directory: %w", name, err)
	}
	dir := filepath.Join(cache, "crosscheck", "cedar-go", release)
	bin := filepath.Join(dir, "cedargo-server-"+key)
	if runtime.GOOS == "windows" {
		bin += ".exe"
	}
	if _, err := os.Stat(bin); err == nil {
		return bin, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	unlock, err := lockFile(filepath.Join(dir, ".lock"))
	if err != nil {
		return "", fmt.Errorf("%s: locking the cache: %w", name, err)
	}
	defer unlock()
	if _, err := os.Stat(bin); err == nil {
		return bin, nil // another run built it while this one waited
	}
	if err := buildCedarGoServer(dir, files, release, bin); err != nil {
		return "", fmt.Errorf("%s: %w", name, err)
	}
	return bin, nil
}

func buildCedarGoServer(dir string, files map[string][]byte, release, bin string) error {
	tmp, err := os.MkdirTemp(dir, "build-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	for f, data := range files {
		if err := os.WriteFile(filepath.Join(tmp, f), data, 0o644); err != nil {
			return err
		}
	}
	goTool := goCommand()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	run := func(args ...string) error {
		cmd := exec.CommandContext(ctx, goTool, args...)
		cmd.Dir = tmp
		cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go %s: %v\n%s", strings.Join(args, " "), err, strings.TrimSpace(out.String()))
		}
		return nil
	}
	if err := run("mod", "edit", "-require=github.com/cedar-policy/cedar-go@"+release); err != nil {
		return err
	}
	args := []string{"build", "-trimpath", "-o", filepath.Join(tmp, "server")}
	if c, err := CompareVersions(release, cedarGoValidatorSince); err == nil && c >= 0 {
		args = append(args, "-tags", "cedargo_validate")
	}
	if err := run(append(args, ".")...); err != nil {
		if c, cerr := CompareVersions(release, MinCedarGo); cerr == nil && c < 0 {
			return fmt.Errorf("cedar-go %s is older than %s, the first release the protocol server (servers/cedargo) is written for: its API or its Cedar language support differs, and the server does not build against it (releases %s and later are supported): %w", release, MinCedarGo, MinCedarGo, err)
		}
		return fmt.Errorf("building the protocol server (servers/cedargo) against cedar-go %s failed (is it a published release? is the module proxy reachable?): %w", release, err)
	}
	return os.Rename(filepath.Join(tmp, "server"), bin)
}

// goCommand is the go tool of this toolchain when it is there, else the
// go on PATH.
func goCommand() string {
	if p := filepath.Join(runtime.GOROOT(), "bin", "go"); runtime.GOROOT() != "" {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return "go"
}

// cedarGoServerSource finds the directory of the server's module.
func cedarGoServerSource() (string, error) {
	var candidates []string
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		candidates = append(candidates, filepath.Join(filepath.Dir(file), "..", "servers", "cedargo"))
	}
	if wd, err := os.Getwd(); err == nil {
		for d := wd; ; d = filepath.Dir(d) {
			candidates = append(candidates, filepath.Join(d, "servers", "cedargo"))
			if filepath.Dir(d) == d {
				break
			}
		}
	}
	for _, c := range candidates {
		b, err := os.ReadFile(filepath.Join(c, "go.mod"))
		if err == nil && bytes.Contains(b, []byte("module "+cedarGoServerModule+"\n")) {
			return c, nil
		}
	}
	return "", errors.New("cannot find the protocol server's source (servers/cedargo of a Crosscheck clone): run crosscheck from a clone of its repository")
}

// readServerSource reads the files a build needs (go.mod, go.sum and the
// non-test Go files) and a key that changes when any of them does.
func readServerSource(dir string) (map[string][]byte, string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, "", err
	}
	files := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() || !(n == "go.mod" || n == "go.sum" || strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go")) {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			return nil, "", err
		}
		files[n] = b
	}
	if files["go.mod"] == nil {
		return nil, "", fmt.Errorf("%s has no go.mod", dir)
	}
	h := sha256.New()
	h.Write([]byte(runtime.Version() + "\n"))
	for _, n := range slices.Sorted(maps.Keys(files)) {
		fmt.Fprintf(h, "%s %d\n", n, len(files[n]))
		h.Write(files[n])
	}
	return files, hex.EncodeToString(h.Sum(nil))[:12], nil
}
