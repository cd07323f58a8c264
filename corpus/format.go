package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// testFile is the JSON of a test file, before its referenced files are
// read. Fields hold raw JSON so that each can be checked with a precise
// error and so that the context can be parsed later with the schema.
type testFile struct {
	Policies       string
	Entities       string
	Schema         string
	ShouldValidate bool
	Requests       []requestFile
	Links          []linkFile
	// EntitiesConform is the extension field "entitiesConform"; nil when
	// absent (the entities conform).
	EntitiesConform *bool
}

// linkFile is one template link, in the official engine's templateLinks
// form. The upstream format has no links; "templateLinks" is Crosscheck's
// extension of it, so that tests with templates can be kept.
type linkFile struct {
	TemplateID string                     `json:"templateId"`
	NewID      string                     `json:"newId"`
	Values     map[syntax.SlotID]savedUID `json:"values"`
}

type requestFile struct {
	Description     string
	Principal       json.RawMessage
	Action          json.RawMessage
	Resource        json.RawMessage
	Context         json.RawMessage
	ValidateRequest bool
	Decision        string
	Reasons         []string
	Errors          []string
}

// Field names: the current name first, then the legacy aliases of older
// versions of cedar-integration-tests (snake_case keys, "queries",
// "desc", "reasons", "enable_request_validation").
var (
	testFields = map[string][]string{
		"policies":        {"policies"},
		"entities":        {"entities"},
		"schema":          {"schema"},
		"shouldValidate":  {"shouldValidate", "should_validate"},
		"requests":        {"requests", "queries"},
		"templateLinks":   {"templateLinks"},
		"entitiesConform": {"entitiesConform"},
	}
	requestFields = map[string][]string{
		"description":     {"description", "desc"},
		"principal":       {"principal"},
		"action":          {"action"},
		"resource":        {"resource"},
		"context":         {"context"},
		"validateRequest": {"validateRequest", "validate_request", "enableRequestValidation", "enable_request_validation"},
		"decision":        {"decision"},
		"reason":          {"reason", "reasons"},
		"errors":          {"errors"},
	}
)

// decodeTestFile decodes the JSON of a test file. Unknown fields are
// errors, as they are for the upstream harness, so that a misspelt field
// is not silently ignored.
func decodeTestFile(src []byte) (*testFile, error) {
	// Check the syntax of the whole file first, so that a syntax error's
	// offset counts from the start of the file.
	var any json.RawMessage
	if err := json.Unmarshal(src, &any); err != nil {
		return nil, err
	}
	obj, err := decodeObject(src, testFields, "test file")
	if err != nil {
		return nil, err
	}
	var t testFile
	for _, f := range []struct {
		key string
		dst *string
	}{{"policies", &t.Policies}, {"entities", &t.Entities}, {"schema", &t.Schema}} {
		raw, ok := obj[f.key]
		if !ok {
			return nil, fmt.Errorf("test file: missing field %q", f.key)
		}
		if err := json.Unmarshal(raw, f.dst); err != nil || *f.dst == "" {
			return nil, fmt.Errorf("test file: field %q must be a non-empty file name", f.key)
		}
	}
	if raw, ok := obj["shouldValidate"]; !ok {
		return nil, errors.New(`test file: missing field "shouldValidate"`)
	} else if err := json.Unmarshal(raw, &t.ShouldValidate); err != nil {
		return nil, errors.New(`test file: field "shouldValidate" must be true or false`)
	}
	raw, ok := obj["requests"]
	if !ok {
		return nil, errors.New(`test file: missing field "requests"`)
	}
	var reqs []json.RawMessage
	if err := json.Unmarshal(raw, &reqs); err != nil {
		return nil, errors.New(`test file: field "requests" must be a list of requests`)
	}
	for i, r := range reqs {
		req, err := decodeRequest(r)
		if err != nil {
			return nil, fmt.Errorf("request %d: %w", i, err)
		}
		t.Requests = append(t.Requests, *req)
	}
	if raw, ok := obj["entitiesConform"]; ok {
		var conform bool
		if err := json.Unmarshal(raw, &conform); err != nil {
			return nil, errors.New(`test file: field "entitiesConform" must be true or false`)
		}
		t.EntitiesConform = &conform
	}
	if raw, ok := obj["templateLinks"]; ok {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&t.Links); err != nil {
			return nil, fmt.Errorf(`test file: field "templateLinks": %w`, err)
		}
		for i, l := range t.Links {
			if l.TemplateID == "" || l.NewID == "" {
				return nil, fmt.Errorf(`test file: template link %d needs "templateId" and "newId"`, i)
			}
		}
	}
	return &t, nil
}

func decodeRequest(src []byte) (*requestFile, error) {
	obj, err := decodeObject(src, requestFields, "request")
	if err != nil {
		return nil, err
	}
	var r requestFile
	if raw, ok := obj["description"]; ok {
		if err := json.Unmarshal(raw, &r.Description); err != nil {
			return nil, errors.New(`field "description" must be a string`)
		}
	}
	// Upstream made principal, action and resource optional only while
	// Cedar had "unspecified" request entities; Cedar 4 has none.
	for _, f := range []struct {
		key string
		dst *json.RawMessage
	}{{"principal", &r.Principal}, {"action", &r.Action}, {"resource", &r.Resource}} {
		raw, ok := obj[f.key]
		if !ok || string(raw) == "null" {
			return nil, fmt.Errorf("%q: missing %s (unspecified request entities are not part of Cedar 4)", r.Description, f.key)
		}
		*f.dst = raw
	}
	r.Context = obj["context"]
	if r.Context == nil {
		return nil, fmt.Errorf("%q: missing field \"context\"", r.Description)
	}
	// validateRequest defaults to true, as upstream.
	r.ValidateRequest = true
	if raw, ok := obj["validateRequest"]; ok {
		if err := json.Unmarshal(raw, &r.ValidateRequest); err != nil {
			return nil, fmt.Errorf("%q: field \"validateRequest\" must be true or false", r.Description)
		}
	}
	raw, ok := obj["decision"]
	if !ok {
		return nil, fmt.Errorf("%q: missing field \"decision\"", r.Description)
	}
	if err := json.Unmarshal(raw, &r.Decision); err != nil {
		return nil, fmt.Errorf("%q: field \"decision\" must be \"allow\" or \"deny\"", r.Description)
	}
	for _, f := range []struct {
		key string
		dst *[]string
	}{{"reason", &r.Reasons}, {"errors", &r.Errors}} {
		raw, ok := obj[f.key]
		if !ok {
			return nil, fmt.Errorf("%q: missing field %q", r.Description, f.key)
		}
		if err := json.Unmarshal(raw, f.dst); err != nil {
			return nil, fmt.Errorf("%q: field %q must be a list of policy ids", r.Description, f.key)
		}
	}
	return &r, nil
}

// decodeObject decodes a JSON object and maps its keys to canonical field
// names through fields (canonical name -> accepted spellings). It rejects
// unknown keys, duplicate keys, and a field given under two spellings.
func decodeObject(src []byte, fields map[string][]string, what string) (map[string]json.RawMessage, error) {
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("%s must be a JSON object", what)
	}
	alias := make(map[string]string)
	for canon, names := range fields {
		for _, n := range names {
			alias[n] = canon
		}
	}
	out := make(map[string]json.RawMessage)
	seen := make(map[string]string)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key := tok.(string) // object keys are always strings
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, err
		}
		canon, ok := alias[key]
		if !ok {
			return nil, fmt.Errorf("%s: unknown field %q (known: %s)", what, key, strings.Join(knownFields(fields), ", "))
		}
		if prev, dup := seen[canon]; dup {
			if prev == key {
				return nil, fmt.Errorf("%s: duplicate field %q", what, key)
			}
			return nil, fmt.Errorf("%s: field %q given twice, as %q and %q", what, canon, prev, key)
		}
		seen[canon] = key
		out[canon] = raw
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return nil, err
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, fmt.Errorf("%s: unexpected data after the JSON object", what)
	}
	return out, nil
}

func knownFields(fields map[string][]string) []string {
	var names []string
	for canon := range fields {
		names = append(names, canon)
	}
	slices.Sort(names)
	return names
}
