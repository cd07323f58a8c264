package main

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// A mutant is one planted bug: a patch file of mutants/ and what its
// header says about it.
type mutant struct {
	Name        string // the file name without .patch
	Path        string // the patch file
	Description string
	Trigger     string
	Files       []string // the files the patch changes
	// Malformed, when not empty, says what is wrong with the patch
	// file itself (a missing header line, no diff).
	Malformed string
}

// loadMutants reads every *.patch file of dir, sorted by name, keeping
// those that one of the patterns (path.Match globs on the name without
// .patch) selects; no pattern selects all. A pattern that selects nothing
// is an error, so a typo is not a silently empty run.
func loadMutants(dir string, patterns []string) ([]*mutant, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.patch"))
	if err != nil {
		return nil, err
	}
	slices.Sort(paths)
	used := make([]bool, len(patterns))
	var out []*mutant
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".patch")
		selected := len(patterns) == 0
		for i, pat := range patterns {
			if ok, err := path.Match(strings.TrimSuffix(pat, ".patch"), name); err != nil {
				return nil, fmt.Errorf("pattern %q: %v", pat, err)
			} else if ok {
				selected, used[i] = true, true
			}
		}
		if !selected {
			continue
		}
		m, err := readMutant(p)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	for i, pat := range patterns {
		if !used[i] {
			return nil, fmt.Errorf("no patch in %s is named %q", dir, pat)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no *.patch file in %s", dir)
	}
	return out, nil
}

// readMutant reads a patch's header (the "# description:" and
// "# trigger:" lines before the diff) and the files it changes.
func readMutant(p string) (*mutant, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m := &mutant{Name: strings.TrimSuffix(filepath.Base(p), ".patch"), Path: p}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	inDiff := false
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			inDiff = true
		case !inDiff && strings.HasPrefix(line, "# description:"):
			m.Description = strings.TrimSpace(strings.TrimPrefix(line, "# description:"))
		case !inDiff && strings.HasPrefix(line, "# trigger:"):
			m.Trigger = strings.TrimSpace(strings.TrimPrefix(line, "# trigger:"))
		case inDiff && strings.HasPrefix(line, "+++ b/"):
			m.Files = append(m.Files, strings.TrimPrefix(line, "+++ b/"))
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %v", p, err)
	}
	switch {
	case m.Description == "":
		m.Malformed = "no \"# description:\" line before the diff"
	case m.Trigger == "":
		m.Malformed = "no \"# trigger:\" line before the diff"
	case len(m.Files) == 0:
		m.Malformed = "no diff --git change"
	}
	return m, nil
}

// areas names the part of the code a file is in, most specific prefix
// first.
var areas = []struct{ prefix, name string }{
	{"model/validator/", "validator"},
	{"model/", "model"},
	{"engine/", "engine"},
	{"syntax/parser/", "parser"},
	{"syntax/printer/", "printer"},
	{"syntax/cedarjson/est_", "policy JSON"},
	{"syntax/cedarjson/", "entity JSON"},
	{"syntax/schema/", "schema"},
}

// Area is the part of the code the mutant changes (that of its first
// file), or the file's directory when no area matches.
func (m *mutant) Area() string {
	if len(m.Files) == 0 {
		return "?"
	}
	for _, a := range areas {
		if strings.HasPrefix(m.Files[0], a.prefix) {
			return a.name
		}
	}
	return path.Dir(m.Files[0])
}
