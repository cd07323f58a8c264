package diff

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

func TestCedarGoReleaseNames(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"cedar-go@1.9.2", "want a cedar-go release such as v1.9.2"},
		{"cedar-go@latest", "want a cedar-go release such as v1.9.2"},
		{"cedar-go@", "want a cedar-go release such as v1.9.2"},
		{"cedar-go@v1.9.2;rm", "want a cedar-go release such as v1.9.2"},
	} {
		_, _, release, err := Open([]string{c.name}, cedarwasm.Options{})
		release()
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), c.name) {
			t.Errorf("Open(%q) = %v, want an error that starts with the name and says %q", c.name, err, c.want)
		}
	}
}

// needCedarGo skips the test when release cannot be had from the module
// proxy (or the module cache).
func needCedarGo(t *testing.T, release string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCommand(), "mod", "download", "github.com/cedar-policy/cedar-go@"+release)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=mod")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("skipped: cedar-go %s cannot be downloaded (is the Go module proxy reachable? GOPROXY=%s): %v\n%s", release, os.Getenv("GOPROXY"), err, out)
	}
}

// TestCedarGoRelease builds the protocol server against one release into
// an empty cache, twice at once (the lock makes one wait for the
// other), and checks its handshake, an answer and the versions a run
// records. It is the one test of `make test` that builds a release.
func TestCedarGoRelease(t *testing.T) {
	const release = "v1.9.2"
	needCedarGo(t, release)
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	start := time.Now()
	var wg sync.WaitGroup
	paths, errs := make([]string, 2), make([]error, 2)
	for i := range paths {
		wg.Go(func() { paths[i], errs[i] = BuildCedarGoServer(release) })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("built cedar-go %s's protocol server in %v: %s", release, time.Since(start).Round(time.Millisecond), paths[0])
	if paths[0] != paths[1] {
		t.Errorf("two builds of one release gave %s and %s", paths[0], paths[1])
	}
	start = time.Now()
	if again, err := BuildCedarGoServer(release); err != nil || again != paths[0] || time.Since(start) > 5*time.Second {
		t.Errorf("the cached build: %s, %v after %v; want %s at once", again, err, time.Since(start), paths[0])
	}

	impls, _, closeAll, err := Open([]string{"model", "cedar-go@" + release}, cedarwasm.Options{Processes: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer closeAll()
	x := impls[1]
	if x.Name() != "cedar-go@"+release {
		t.Errorf("name %q", x.Name())
	}
	v := VersionsOf(impls)
	if iv := v.Impls[1]; iv.Implementation != "cedar-go" || iv.Version != release {
		t.Errorf("versions record %+v, want cedar-go %s", iv, release)
	}
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal == User::"a", action, resource) when { context.n + 1 > 0 };`))
	if err != nil {
		t.Fatal(err)
	}
	uid := func(ty, id string) syntax.EntityUID { return syntax.EntityUID{Type: syntax.EntityType(ty), ID: id} }
	req := &syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"),
		Context: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "n", Value: syntax.Long(9223372036854775807)}}}}
	answers, err := x.Authorize(&Input{Policies: ps}, []*syntax.Request{req})
	if err != nil {
		t.Fatal(err)
	}
	if r := answers[0].Response; answers[0].Err != nil || r.Decision != Deny || len(r.Errors) != 1 || r.Errors[0] != "policy0" {
		t.Errorf("answer %+v, %v; want deny with policy0 erroring (overflow)", r, answers[0].Err)
	}
	if _, err := x.Validate(&Input{Policies: ps}); err == nil {
		t.Error("Validate without a schema: no error")
	}
}
