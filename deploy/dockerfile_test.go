package deploy

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// root is the repository root, where the Dockerfile is built from.
const root = ".."

func readRoot(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(root, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDockerfile checks what docker build would rely on, since no Docker
// engine runs the tests: the Go version is go.mod's, Node.js is one the
// README supports, cedar-wasm is installed by npm ci from
// package-lock.json (which pins the version package.json names), the
// binary finds that node_modules, and every file copied is sent to the
// build.
func TestDockerfile(t *testing.T) {
	df := readRoot(t, "Dockerfile")
	arg := func(name string) string {
		m := regexp.MustCompile(`(?m)^ARG ` + name + `=(\S+)$`).FindStringSubmatch(df)
		if m == nil {
			t.Fatalf("Dockerfile has no ARG %s=...", name)
		}
		return m[1]
	}

	gomod := regexp.MustCompile(`(?m)^go (\d+)\.(\d+)`).FindStringSubmatch(readRoot(t, "go.mod"))
	if gomod == nil {
		t.Fatal("go.mod has no go line")
	}
	if got, want := arg("GO_VERSION"), gomod[1]+"."+gomod[2]; got != want {
		t.Errorf("ARG GO_VERSION=%s, want go.mod's %s", got, want)
	}
	if node, err := strconv.Atoi(arg("NODE_VERSION")); err != nil || node < 20 {
		t.Errorf("ARG NODE_VERSION=%s, want a Node.js major of 20 or later", arg("NODE_VERSION"))
	}

	var pkg struct {
		Dependencies map[string]string `json:"dependencies"`
	}
	var lock struct {
		Packages map[string]struct {
			Version string `json:"version"`
		} `json:"packages"`
	}
	if err := json.Unmarshal([]byte(readRoot(t, "package.json")), &pkg); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(readRoot(t, "package-lock.json")), &lock); err != nil {
		t.Fatal(err)
	}
	want := pkg.Dependencies["@cedar-policy/cedar-wasm"]
	if got := lock.Packages["node_modules/@cedar-policy/cedar-wasm"].Version; want == "" || got != want {
		t.Errorf("package.json pins cedar-wasm %q, package-lock.json has %q: want one exact version", want, got)
	}

	for _, line := range []string{
		"FROM golang:${GO_VERSION}-bookworm AS build",
		"FROM node:${NODE_VERSION}-bookworm-slim",
		"COPY package.json package-lock.json ./",
		"RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force",
		"RUN CGO_ENABLED=0 go build -trimpath -o /out/crosscheck ./cmd/crosscheck",
		"COPY --from=build /out/crosscheck /usr/local/bin/crosscheck",
		`ENTRYPOINT ["crosscheck"]`,
	} {
		if !slices.Contains(strings.Split(df, "\n"), line) {
			t.Errorf("Dockerfile lacks the line %q", line)
		}
	}
	if strings.Contains(df, "npm install") {
		t.Error("Dockerfile runs npm install: use npm ci, which installs package-lock.json's versions")
	}
	// The runtime stage's WORKDIR, where npm ci ran, holds node_modules.
	runtime := df[strings.LastIndex(df, "\nFROM "):]
	workdir := regexp.MustCompile(`(?m)^WORKDIR (\S+)$`).FindStringSubmatch(runtime)
	if workdir == nil || !strings.Contains(runtime, "ENV CROSSCHECK_NODE_MODULES="+workdir[1]+"/node_modules\n") {
		t.Errorf("the runtime stage does not point CROSSCHECK_NODE_MODULES at the node_modules npm ci wrote")
	}

	ignored := strings.Fields(regexp.MustCompile(`(?m)^#.*$`).ReplaceAllString(readRoot(t, ".dockerignore"), ""))
	for _, must := range []string{".git", "node_modules"} {
		if !slices.Contains(ignored, must) {
			t.Errorf(".dockerignore does not leave out %s", must)
		}
	}
	for _, m := range regexp.MustCompile(`(?m)^COPY ([^-].*) \S+$`).FindAllStringSubmatch(df, -1) {
		for _, src := range strings.Fields(m[1]) {
			if src == "." {
				continue
			}
			if _, err := os.Stat(filepath.Join(root, src)); err != nil {
				t.Errorf("COPY %s: %v", src, err)
			}
			for _, pat := range ignored {
				if ok, _ := filepath.Match(pat, src); ok {
					t.Errorf("COPY %s: .dockerignore leaves it out (%s)", src, pat)
				}
			}
		}
	}
}
