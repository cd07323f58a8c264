package findings

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// Saver saves findings under Dir in the corpus layout
// (Dir/corpus-tests/<hash>.json and its files). It is safe for
// concurrent use. The zero value is not usable: set Dir.
type Saver struct {
	// Dir is the root of the findings corpus.
	Dir string
	// Reference gives the expected answers and the shouldValidate flag
	// (through the model's validator when it has none). Nil means the
	// reference model.
	Reference diff.Implementation
	// Versions, when not empty, is recorded in every saved finding's
	// descriptions (see Record.Versions).
	Versions string

	mu   sync.Mutex
	seen map[string]string // signature -> path of the saved test; nil until read from disk
}

// Save saves shrunk, the minimized test of f, unless a finding with f's
// signature was saved before (in this run or in a test already under
// Dir): then it returns that test's path and dup true.
//
// The saved test has the requests of shrunk, the expected answers of the
// Reference, and descriptions that record f (see Record). A value finding
// (diff.KindValue) also gets the check policies of its values (see
// withValueChecks).
func (s *Saver) Save(f *diff.Finding, shrunk *generators.Test) (path string, dup bool, err error) {
	if shrunk == nil {
		shrunk = f.Test
	}
	if shrunk == nil {
		return "", false, errors.New("save finding: no test")
	}
	if f.Kind == diff.KindValue {
		var err error
		if shrunk, err = withValueChecks(shrunk); err != nil {
			return "", false, fmt.Errorf("save finding: value checks: %w", err)
		}
	}
	return s.SaveTest(Record{
		Signature: f.Signature().String(),
		Seed:      f.Seed,
		Index:     f.Index,
		Request:   f.Request,
		Command:   f.Command,
		Versions:  s.Versions,
	}, shrunk)
}

// SaveTest saves t with the descriptions of rec, deduplicating by
// rec.Signature as Save does.
func (s *Saver) SaveTest(rec Record, t *generators.Test) (path string, dup bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadSeen(); err != nil {
		return "", false, err
	}
	if p, ok := s.seen[rec.Signature]; ok {
		return p, true, nil
	}
	ct, err := s.convert(rec, t)
	if err != nil {
		return "", false, fmt.Errorf("save finding: %w", err)
	}
	name, err := contentName(rec.Signature, ct)
	if err != nil {
		return "", false, fmt.Errorf("save finding: %w", err)
	}
	path, err = corpus.Save(s.Dir, name, ct)
	if err != nil {
		return "", false, fmt.Errorf("save finding: %w", err)
	}
	// A finding that cannot be loaded again is worth nothing: check now,
	// and take it back if it does not load.
	if _, err := corpus.LoadFile(path); err != nil {
		removeSaved(path)
		return "", false, fmt.Errorf("save finding: the saved test does not load again: %w", err)
	}
	s.seen[rec.Signature] = path
	return path, false, nil
}

// Seen returns the signatures already saved, with their paths.
func (s *Saver) Seen() (map[string]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.loadSeen(); err != nil {
		return nil, err
	}
	out := make(map[string]string, len(s.seen))
	for k, v := range s.seen {
		out[k] = v
	}
	return out, nil
}

// loadSeen reads the signatures of the findings already under Dir, once.
// Only the descriptions are read, not the whole tests.
func (s *Saver) loadSeen() error {
	if s.seen != nil {
		return nil
	}
	if s.Dir == "" {
		return errors.New("save finding: Saver.Dir is empty")
	}
	seen := map[string]string{}
	dir := filepath.Join(s.Dir, corpus.SaveDir)
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() || !strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".entities.json") || strings.HasSuffix(p, ".cedarschema.json") || strings.HasSuffix(p, corpus.PolicyJSONExt) {
			return nil
		}
		data, err := input.ReadFile(p)
		if err != nil {
			return err
		}
		var tf struct {
			Requests []struct {
				Description string `json:"description"`
			} `json:"requests"`
		}
		if json.Unmarshal(data, &tf) != nil {
			return nil // not a test file of ours
		}
		for _, r := range tf.Requests {
			if rec, ok := ParseDescription(r.Description); ok {
				if _, dup := seen[rec.Signature]; !dup {
					seen[rec.Signature] = p
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reading the findings under %s: %w", s.Dir, err)
	}
	s.seen = seen
	return nil
}

// convert turns t into an integration test with the Reference's answers
// and rec's descriptions.
func (s *Saver) convert(rec Record, t *generators.Test) (*corpus.Test, error) {
	ct, err := convertKeepingPolicies(t)
	if err != nil {
		return nil, err
	}
	ref := s.Reference
	if ref == nil {
		ref = diff.Model()
	}
	in := ct.Input()
	reqs := make([]*syntax.Request, len(ct.Requests))
	for i, r := range ct.Requests {
		reqs[i] = r.SyntaxRequest()
	}
	answers, err := ref.Authorize(in, reqs)
	if err != nil {
		return nil, fmt.Errorf("the reference %s rejects the test: %w", ref.Name(), err)
	}
	for i, r := range ct.Requests {
		a := answers[i]
		if a.Err != nil {
			return nil, fmt.Errorf("the reference %s cannot answer request %d: %w", ref.Name(), i, a.Err)
		}
		resp := a.Response.Normalize()
		r.Decision, r.Reasons, r.Errors = resp.Decision, resp.Reasons, resp.Errors
		r.Description = rec.Description()
	}
	v, err := ref.Validate(in)
	if errors.Is(err, diff.ErrNoValidator) {
		v, err = diff.Model().Validate(in)
	}
	if err != nil {
		return nil, fmt.Errorf("validating with the reference %s: %w", ref.Name(), err)
	}
	ct.ShouldValidate = v.OK
	return ct, nil
}

// contentName names a test by a hash of what it holds: its signature,
// policies, schema, entities and requests. Equal findings get equal
// names, so saving one twice writes the same files.
func contentName(signature string, t *corpus.Test) (string, error) {
	h := sha256.New()
	write := func(s string) {
		fmt.Fprintf(h, "%d:%s\n", len(s), s)
	}
	write(signature)
	write(t.PolicyText)
	write(string(t.PolicyJSON))
	write(t.SchemaText)
	entities := t.EntitiesJSON
	if entities == nil {
		var err error
		if entities, err = cedarjson.MarshalEntities(t.Entities); err != nil {
			return "", err
		}
	}
	write(string(entities))
	for _, r := range t.Requests {
		ctx, err := cedarjson.MarshalValue(r.SyntaxRequest().Context)
		if err != nil {
			return "", err
		}
		write(r.Principal.String() + " " + r.Action.String() + " " + r.Resource.String() + " " + string(ctx))
	}
	return hex.EncodeToString(h.Sum(nil))[:40], nil
}

// removeSaved removes the files corpus.Save wrote for the test at path.
func removeSaved(path string) {
	base := strings.TrimSuffix(path, ".json")
	for _, ext := range []string{".json", ".cedar", corpus.PolicyJSONExt, ".cedarschema", ".cedarschema.json", ".entities.json"} {
		os.Remove(base + ext)
	}
}
