package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
)

// Which .json files of a tree are tests. A directory or an archive holds
// tests beside the files they name, and both kinds may end in .json
// (entities, JSON schemas). A .json file of a tree is exactly one of:
//
//   - a test: a JSON object with a "policies" field (whatever else is
//     wrong with it is reported when it is loaded);
//   - data: a file that a test of the same tree names as its policies,
//     entities or schema (whatever is wrong with it is reported with the
//     test that names it);
//   - a mistake, reported as a *LoadError: a file that does not parse as
//     JSON (with its line:col), or a JSON file that is neither a test nor
//     named by one. So a test file that no longer parses, or that lost
//     its "policies" field, fails the walk instead of silently shrinking
//     the suite, and so does a data file whose test was removed.

// treeFile is one .json file of a tree, classified.
type treeFile struct {
	name string // the source's name of the file
	kind fileKind
	err  error // why a broken file is: a read error, or a JSON syntax error with line:col
}

type fileKind int

const (
	testKind   fileKind = iota
	dataKind            // named by a test of the tree
	brokenKind          // unreadable, or not JSON
	strayKind           // JSON, but neither a test nor named by one
)

// classify reads every .json file of a tree (names, in lexical order) and
// sorts them into tests, data and mistakes. It keeps no file content.
// key maps a source name to the form resolve's results are compared in.
func classify(src source, names []string, key func(string) string) []treeFile {
	files := make([]treeFile, 0, len(names))
	named := map[string]bool{}
	for _, name := range names {
		f := treeFile{name: name, kind: strayKind}
		data, err := src.readFile(name)
		if err != nil {
			f.kind, f.err = brokenKind, err
			files = append(files, f)
			continue
		}
		refs, isTest, err := testRefs(data)
		switch {
		case err != nil:
			f.kind, f.err = brokenKind, jsonPosition(src.display(name), data, err)
		case isTest:
			f.kind = testKind
			for _, ref := range refs {
				if p, ok := src.resolve(name, ref); ok {
					named[key(p)] = true
				}
			}
		}
		files = append(files, f)
	}
	for i := range files {
		if files[i].kind != testKind && named[key(files[i].name)] {
			files[i].kind = dataKind
		}
	}
	return files
}

// testRefs reports whether src is a test (a JSON object with a "policies"
// field) and, if so, the file names its policies, entities and schema
// fields give, as far as they are strings. err is src's JSON syntax error.
func testRefs(src []byte) (refs []string, isTest bool, err error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(src, &obj); err != nil {
		if se := (*json.SyntaxError)(nil); errors.As(err, &se) {
			return nil, false, err
		}
		return nil, false, nil // JSON, but not an object
	}
	if _, ok := obj["policies"]; !ok {
		return nil, false, nil
	}
	for _, k := range []string{"policies", "entities", "schema"} {
		var ref string
		if json.Unmarshal(obj[k], &ref) == nil && ref != "" {
			refs = append(refs, ref)
		}
	}
	return refs, true, nil
}

// mistake is the load error of a .json file that is not a test.
func (f *treeFile) mistake(src source, root string) error {
	if f.kind == brokenKind {
		return &LoadError{File: src.display(f.name), Err: f.err}
	}
	return &LoadError{File: src.display(f.name), Err: fmt.Errorf(
		`not a test (a test is a JSON object with a "policies" field) and not named as policies, entities or schema by any test in %s`, root)}
}

// diskJSONFiles lists the regular .json files under dir, in lexical order.
func diskJSONFiles(dir string) ([]string, error) {
	var names []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() && strings.HasSuffix(p, ".json") {
			names = append(names, p)
		}
		return nil
	})
	return names, err
}

// archiveJSONFiles lists the .json members of a, in lexical order.
func archiveJSONFiles(a *archiveSource) []string {
	return slices.DeleteFunc(a.names(), func(n string) bool { return !strings.HasSuffix(n, ".json") })
}

// absKey compares disk names by their absolute form, as resolve may
// return a name relative to the working directory.
func absKey(p string) string {
	if abs, err := filepath.Abs(p); err == nil {
		return abs
	}
	return p
}
