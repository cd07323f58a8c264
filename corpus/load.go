package corpus

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// LoadError is a test file that could not be loaded: unreadable, not
// valid JSON, naming a missing file, or with a policy, schema, entity or
// context that does not parse. Err carries file:line:col where known.
type LoadError struct {
	File string // the test file, as Test.Name would have been
	Err  error
}

func (e *LoadError) Error() string {
	msg := e.Err.Error()
	if strings.HasPrefix(msg, e.File+":") { // already file:line:col
		return msg
	}
	return e.File + ": " + msg
}
func (e *LoadError) Unwrap() error { return e.Err }

// Walk finds the tests at path and calls fn for each in lexical order of
// file names, with the loaded test, or with a *LoadError when that test
// could not be loaded. Path may be a test file, a directory (searched
// recursively; archives inside it are not opened), or a .tar.gz archive
// in the upstream layout.
//
// In a directory or an archive every .json file must be a test (a JSON
// object with a "policies" field) or a file that a test there names as
// its policies, entities or schema; any other .json file, in particular
// one that does not parse, is a *LoadError (see tree.go), so that a
// broken test file is never silently passed over.
//
// Walk returns the first error fn returns, or an error when path itself
// cannot be read.
func Walk(path string, fn func(*Test, error) error) error {
	return WalkMatching(path, nil, fn)
}

// WalkMatching is Walk restricted to the files whose names match (the
// names Test.Name would have): only matching tests are loaded, and only
// matching mistakes are reported, though every .json file is read to
// tell tests from data. A nil match matches every file. A file named
// explicitly as path is always loaded as a test.
func WalkMatching(path string, match func(name string) bool, fn func(*Test, error) error) error {
	if match == nil {
		match = func(string) bool { return true }
	}
	if isArchive(path) {
		a, err := openArchive(path)
		if err != nil {
			return err
		}
		return walkTree(a, path, archiveJSONFiles(a), func(n string) string { return n }, match, fn)
	}
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	src := diskSource{}
	if !st.IsDir() {
		if !strings.HasSuffix(path, ".json") {
			return fmt.Errorf("%s: not a test file (want a .json test file, a directory or a .tar.gz archive)", path)
		}
		data, err := src.readFile(path)
		if err != nil {
			return err
		}
		t, err := loadTest(src, path, data)
		return call(fn, t, err)
	}
	names, err := diskJSONFiles(path)
	if err != nil {
		return err
	}
	return walkTree(src, path, names, absKey, match, fn)
}

// walkTree loads the tests among the .json files names of src, the tree
// at root, and reports its mistakes, in the order of names.
func walkTree(src source, root string, names []string, key func(string) string, match func(string) bool, fn func(*Test, error) error) error {
	for _, f := range classify(src, names, key) {
		if f.kind == dataKind || !match(src.display(f.name)) {
			continue
		}
		var t *Test
		var err error
		if f.kind == testKind {
			t, err = loadTreeTest(src, f.name)
		} else {
			err = f.mistake(src, root)
		}
		if err := call(fn, t, err); err != nil {
			return err
		}
	}
	return nil
}

// loadTreeTest reads and loads the test file name of src.
func loadTreeTest(src source, name string) (*Test, error) {
	data, err := src.readFile(name)
	if err != nil {
		return nil, &LoadError{File: src.display(name), Err: err}
	}
	return loadTest(src, name, data)
}

func call(fn func(*Test, error) error, t *Test, err error) error {
	if err != nil {
		return fn(nil, err)
	}
	return fn(t, nil)
}

// Load reads every test at the given paths (see Walk). It returns the
// tests that loaded and, joined into one error, the load errors of the
// others; an unreadable path is an error too.
func Load(paths ...string) ([]*Test, error) {
	var tests []*Test
	var errs []error
	for _, p := range paths {
		err := Walk(p, func(t *Test, err error) error {
			if err != nil {
				errs = append(errs, err)
			} else {
				tests = append(tests, t)
			}
			return nil
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return tests, errors.Join(errs...)
}

// LoadFile reads the single test file at path, whose referenced files are
// searched for on disk.
func LoadFile(path string) (*Test, error) {
	src := diskSource{}
	data, err := src.readFile(path)
	if err != nil {
		return nil, err
	}
	return loadTest(src, path, data)
}

// loadTest decodes the test file name of src, with content data, and
// reads and parses the files it names.
// Its error is always a *LoadError.
func loadTest(src source, name string, data []byte) (*Test, error) {
	display := src.display(name)
	fail := func(err error) (*Test, error) { return nil, &LoadError{File: display, Err: err} }

	tf, err := decodeTestFile(data)
	if err != nil {
		return fail(jsonPosition(display, data, err))
	}
	t := &Test{
		Name:           display,
		PoliciesFile:   tf.Policies,
		EntitiesFile:   tf.Entities,
		SchemaFile:     tf.Schema,
		ShouldValidate: tf.ShouldValidate,
	}
	read := func(ref string) (string, []byte, error) {
		p, ok := src.resolve(name, ref)
		if !ok {
			return "", nil, fmt.Errorf("file %q not found in the folder of the test or any folder above it", ref)
		}
		content, err := src.readFile(p)
		return src.display(p), content, err
	}

	file, text, err := read(tf.Policies)
	if err != nil {
		return fail(fmt.Errorf("policies: %w", err))
	}
	if isPolicyJSON(tf.Policies) {
		t.PolicyJSON = text
		if t.Policies, err = cedarjson.UnmarshalPolicySet(file, text); err != nil {
			return fail(err)
		}
	} else {
		t.PolicyText = string(text)
		if t.Policies, err = parsePolicies(file, text); err != nil {
			return fail(err)
		}
	}
	for _, l := range tf.Links {
		link := syntax.TemplateLink{TemplateID: l.TemplateID, NewID: l.NewID, Values: map[syntax.SlotID]syntax.EntityUID{}}
		for slot, uid := range l.Values {
			link.Values[slot] = syntax.NewEntityUID(syntax.EntityType(uid.Type), uid.ID)
		}
		t.Policies.Links = append(t.Policies.Links, link)
	}

	file, text, err = read(tf.Schema)
	if err != nil {
		return fail(fmt.Errorf("schema: %w", err))
	}
	t.SchemaText = string(text)
	if t.Schema, err = parseSchema(file, text); err != nil {
		return fail(err)
	}

	file, text, err = read(tf.Entities)
	if err != nil {
		return fail(fmt.Errorf("entities: %w", err))
	}
	t.EntitiesJSON = text
	entitySchema := t.Schema
	if tf.EntitiesConform != nil && !*tf.EntitiesConform {
		t.EntitiesDoNotConform, entitySchema = true, nil
	}
	if t.Entities, err = parseEntities(file, text, entitySchema); err != nil {
		return fail(err)
	}

	for i, rf := range tf.Requests {
		req, err := buildRequest(display, &rf, t)
		if err != nil {
			return fail(fmt.Errorf("request %d (%q): %w", i, rf.Description, err))
		}
		t.Requests = append(t.Requests, req)
	}
	return t, nil
}

func buildRequest(file string, rf *requestFile, t *Test) (*Request, error) {
	r := &Request{
		Description:     rf.Description,
		ContextJSON:     rf.Context,
		ValidateRequest: rf.ValidateRequest,
		Reasons:         rf.Reasons,
		Errors:          rf.Errors,
	}
	var err error
	if r.Principal, err = parseUID(file, rf.Principal); err != nil {
		return nil, fmt.Errorf("principal: %w", err)
	}
	if r.Action, err = parseUID(file, rf.Action); err != nil {
		return nil, fmt.Errorf("action: %w", err)
	}
	if r.Resource, err = parseUID(file, rf.Resource); err != nil {
		return nil, fmt.Errorf("resource: %w", err)
	}
	if r.Context, err = parseContext(file, rf.Context, t.Schema, r.Action); err != nil {
		// A request that need not conform to the schema may have a
		// context that does not either: read it without the schema.
		// Upstream rejects such tests; accepting them lets the harness
		// save ill-typed findings (which mark validateRequest false).
		if r.ValidateRequest || t.Schema == nil {
			return nil, fmt.Errorf("context: %w", err)
		}
		if r.Context, err = parseContext(file, rf.Context, nil, r.Action); err != nil {
			return nil, fmt.Errorf("context: %w", err)
		}
	}
	if r.Decision, err = parseDecision(rf.Decision); err != nil {
		return nil, err
	}
	return r, nil
}

// jsonPosition adds file:line:col to JSON syntax and type errors, which
// only know a byte offset.
func jsonPosition(file string, src []byte, err error) error {
	var off int64 = -1
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, including the offending one.
		off = se.Offset - 1
	case errors.As(err, &te):
		off = te.Offset
	}
	if off < 0 || off > int64(len(src)) {
		return err
	}
	line, col := 1, 1
	for _, c := range src[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return fmt.Errorf("%s:%d:%d: %w", file, line, col, err)
}
