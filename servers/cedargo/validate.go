//go:build cedargo_validate

package main

import (
	"fmt"
	"sort"

	cedarast "github.com/cedar-policy/cedar-go/x/exp/ast"
	cedarschema "github.com/cedar-policy/cedar-go/x/exp/schema"
	cedarvalidate "github.com/cedar-policy/cedar-go/x/exp/schema/validate"
)

// hasValidator: built with cedar-go's experimental validator (releases
// v1.6.0 and later).
const hasValidator = true

type validateResult struct {
	Valid  bool          `json:"valid"`
	Errors []policyError `json:"errors"`
}

// validate checks t's policies against its schema with
// x/exp/schema/validate in strict mode.
func validate(t *test) (*validateResult, error) {
	if t.Schema == nil {
		return nil, fmt.Errorf("validate: the test has no schema")
	}
	var s cedarschema.Schema
	var err error
	if t.Schema.Text != "" {
		err = s.UnmarshalCedar([]byte(t.Schema.Text))
	} else {
		err = s.UnmarshalJSON(t.Schema.JSON)
	}
	if err != nil {
		return nil, fmt.Errorf("cedar-go rejected the schema: %w", err)
	}
	resolved, err := s.Resolve()
	if err != nil {
		return nil, fmt.Errorf("cedar-go could not resolve the schema: %w", err)
	}
	ps, err := policySet(t)
	if err != nil {
		return nil, err
	}
	v := cedarvalidate.New(resolved, cedarvalidate.WithStrict())
	res := &validateResult{Valid: true, Errors: []policyError{}}
	for id, p := range ps.All() {
		if err := v.Policy(string(id), (*cedarast.Policy)(p.AST())); err != nil {
			res.Valid = false
			res.Errors = append(res.Errors, policyError{Policy: string(id), Message: err.Error()})
		}
	}
	sort.Slice(res.Errors, func(i, j int) bool { return res.Errors[i].Policy < res.Errors[j].Policy })
	return res, nil
}
