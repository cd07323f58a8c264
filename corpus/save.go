package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// PolicyJSONExt ends the name of a policy file that Save writes as policy
// JSON (Test.PolicyJSON set).
const PolicyJSONExt = ".policies.json"

// SaveDir is the folder, under the root given to Save, that saved tests
// go to: the folder name of the upstream generated corpus.
const SaveDir = "corpus-tests"

// Save writes t in the upstream layout under root:
//
//	root/corpus-tests/<name>.json           the test, with the current field names
//	root/corpus-tests/<name>.cedar          the policies (<name>.policies.json when t.PolicyJSON is set)
//	root/corpus-tests/<name>.cedarschema    the schema
//	root/corpus-tests/<name>.entities.json  the entities
//
// and returns the path of the .json file. The file names inside the test
// are relative to root, so Load finds them again. Each file is written
// atomically (a temporary file renamed into place) and the test file
// last, so a reader never sees a test whose files are missing.
//
// The source forms of t are written when present (PolicyText, SchemaText,
// EntitiesJSON, ContextJSON) and otherwise printed from the parsed forms.
func Save(root, name string, t *Test) (string, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return "", fmt.Errorf("save: invalid test name %q", name)
	}
	dir := filepath.Join(root, SaveDir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	policies, err := policyText(t)
	if err != nil {
		return "", err
	}
	schemaText, err := schemaText(t)
	if err != nil {
		return "", err
	}
	entities, err := entitiesJSON(t)
	if err != nil {
		return "", err
	}
	schemaExt := ".cedarschema"
	if strings.HasPrefix(strings.TrimSpace(schemaText), "{") {
		schemaExt = ".cedarschema.json"
	}
	ref := func(ext string) string { return SaveDir + "/" + name + ext }
	policiesRef := ref(".cedar")
	if t.PolicyJSON != nil {
		policies, policiesRef = string(t.PolicyJSON), ref(PolicyJSONExt)
	}
	tf := savedTest{
		Policies:       policiesRef,
		Entities:       ref(".entities.json"),
		Schema:         ref(schemaExt),
		ShouldValidate: t.ShouldValidate,
		Requests:       []savedRequest{},
	}
	if t.EntitiesDoNotConform || !entitiesConform(entities, t.Schema) {
		tf.EntitiesConform = new(bool)
	}
	if t.Policies != nil && t.PolicyJSON == nil { // policy JSON holds its links
		for _, l := range t.Policies.Links {
			lf := linkFile{TemplateID: l.TemplateID, NewID: l.NewID, Values: map[syntax.SlotID]savedUID{}}
			for slot, uid := range l.Values {
				lf.Values[slot] = uidOf(uid)
			}
			tf.Links = append(tf.Links, lf)
		}
	}
	for i, r := range t.Requests {
		sr, err := saveRequest(r)
		if err != nil {
			return "", fmt.Errorf("save: request %d: %w", i, err)
		}
		tf.Requests = append(tf.Requests, sr)
	}
	testJSON, err := json.MarshalIndent(tf, "", "  ")
	if err != nil {
		return "", err
	}
	files := []struct {
		ref  string
		data []byte
	}{
		{tf.Policies, []byte(policies)},
		{tf.Schema, []byte(schemaText)},
		{tf.Entities, entities},
		{ref(".json"), append(testJSON, '\n')},
	}
	for _, f := range files {
		if err := writeAtomic(filepath.Join(root, filepath.FromSlash(f.ref)), f.data); err != nil {
			return "", err
		}
	}
	return filepath.Join(root, filepath.FromSlash(ref(".json"))), nil
}

type savedTest struct {
	Policies       string         `json:"policies"`
	Entities       string         `json:"entities"`
	Schema         string         `json:"schema"`
	ShouldValidate bool           `json:"shouldValidate"`
	Requests       []savedRequest `json:"requests"`
	Links          []linkFile     `json:"templateLinks,omitempty"`
	// EntitiesConform is written (false) only for entities that do not
	// conform to the schema.
	EntitiesConform *bool `json:"entitiesConform,omitempty"`
}

type savedRequest struct {
	Description     string          `json:"description"`
	Principal       savedUID        `json:"principal"`
	Action          savedUID        `json:"action"`
	Resource        savedUID        `json:"resource"`
	Context         json.RawMessage `json:"context"`
	ValidateRequest bool            `json:"validateRequest"`
	Decision        string          `json:"decision"`
	Reason          []string        `json:"reason"`
	Errors          []string        `json:"errors"`
}

type savedUID struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

func uidOf(u syntax.EntityUID) savedUID { return savedUID{Type: string(u.Type), ID: u.ID} }

func saveRequest(r *Request) (savedRequest, error) {
	ctx := r.ContextJSON
	if len(ctx) == 0 {
		var err error
		if ctx, err = contextJSON(r.Context); err != nil {
			return savedRequest{}, err
		}
	}
	exp := r.Expected()
	nonNil := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	return savedRequest{
		Description:     r.Description,
		Principal:       uidOf(r.Principal),
		Action:          uidOf(r.Action),
		Resource:        uidOf(r.Resource),
		Context:         ctx,
		ValidateRequest: r.ValidateRequest,
		Decision:        exp.Decision.String(),
		Reason:          nonNil(exp.Reasons),
		Errors:          nonNil(exp.Errors),
	}, nil
}

func policyText(t *Test) (string, error) {
	if t.PolicyText != "" || t.Policies == nil {
		return t.PolicyText, nil
	}
	// Links are saved in the test file's "templateLinks".
	return printer.PolicySet(t.Policies), nil
}

func schemaText(t *Test) (string, error) {
	if t.SchemaText != "" || t.Schema == nil {
		return t.SchemaText, nil
	}
	text, err := schema.CedarText(t.Schema)
	if err != nil {
		return "", fmt.Errorf("save: schema: %w", err)
	}
	return string(text), nil
}

func entitiesJSON(t *Test) ([]byte, error) {
	if t.EntitiesJSON != nil {
		return t.EntitiesJSON, nil
	}
	if t.Entities == nil {
		return []byte("[]\n"), nil
	}
	return cedarjson.MarshalEntities(t.Entities)
}

// contextJSON renders a context record as value JSON.
func contextJSON(ctx *syntax.RecordExpr) (json.RawMessage, error) {
	if ctx == nil {
		return json.RawMessage("{}"), nil
	}
	data, err := cedarjson.MarshalValue(ctx)
	if err != nil {
		return nil, fmt.Errorf("context: %w", err)
	}
	return data, nil
}

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename, so that path holds either the old content or all
// of the new.
func writeAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename this fails harmlessly
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// entitiesConform reports whether the entities JSON reads with the
// schema (the loader reads it with the schema unless the test says the
// entities do not conform). A test without a schema has nothing to
// conform to.
func entitiesConform(entities []byte, s *syntax.Schema) bool {
	if s == nil {
		return true
	}
	_, err := cedarjson.ParseEntities("entities", entities, s)
	return err == nil
}
