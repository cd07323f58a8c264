package main

import (
	"encoding/json"
	"fmt"
	"sort"

	cedar "github.com/cedar-policy/cedar-go"
	"github.com/cedar-policy/cedar-go/types"
)

type authorizeResult struct {
	Answers []answer `json:"answers"`
}

// authorize answers every request of t. Error messages start as the
// in-process adapter's do ("cedar-go rejected policy ID: ..."), so that
// the harness's known-difference rules read them alike.
func authorize(t *test) (*authorizeResult, error) {
	ps, err := policySet(t)
	if err != nil {
		return nil, err
	}
	entities, err := entityMap(t.Entities)
	if err != nil {
		return nil, err
	}
	res := &authorizeResult{Answers: make([]answer, len(t.Requests))}
	for i, r := range t.Requests {
		res.Answers[i] = authorizeOne(ps, entities, r)
	}
	return res, nil
}

func authorizeOne(ps *cedar.PolicySet, entities types.EntityMap, r authRequest) (a answer) {
	defer func() {
		if p := recover(); p != nil {
			a = answer{Error: fmt.Sprintf("cedar-go panicked: %v", p)}
		}
	}()
	if r.Principal == nil || r.Action == nil || r.Resource == nil {
		return answer{Error: "the request lacks a principal, action or resource"}
	}
	req := cedar.Request{Principal: uid(*r.Principal), Action: uid(*r.Action), Resource: uid(*r.Resource)}
	if len(r.Context) > 0 {
		if err := req.Context.UnmarshalJSON(r.Context); err != nil {
			return answer{Error: "cedar-go rejected the context: " + err.Error()}
		}
	}
	decision, diag := ps.IsAuthorized(entities, req)
	a = answer{Decision: "deny", Reasons: []string{}, Errors: []policyError{}}
	if decision == cedar.Allow {
		a.Decision = "allow"
	}
	for _, reason := range diag.Reasons {
		a.Reasons = append(a.Reasons, string(reason.PolicyID))
	}
	for _, e := range diag.Errors {
		a.Errors = append(a.Errors, policyError{Policy: string(e.PolicyID), Kind: "other", Message: e.Message})
	}
	// cedar-go lists diagnostics in map order.
	sort.Strings(a.Reasons)
	sort.Slice(a.Errors, func(i, j int) bool { return a.Errors[i].Policy < a.Errors[j].Policy })
	return a
}

func uid(u entityUID) types.EntityUID {
	return types.NewEntityUID(types.EntityType(u.Type), types.String(u.ID))
}

// policySet reads every policy of t, from its text (or its policy JSON
// when it has no text), under its own id.
func policySet(t *test) (*cedar.PolicySet, error) {
	if len(t.TemplateLinks) > 0 {
		return nil, &unsupported{Feature: "templates", Message: "cedar-go has no policy templates"}
	}
	ps := cedar.NewPolicySet()
	for _, p := range t.Policies {
		if p.Template {
			return nil, &unsupported{Feature: "templates", Message: "cedar-go has no policy templates"}
		}
		var cp cedar.Policy
		var err error
		if p.Text != "" {
			err = cp.UnmarshalCedar([]byte(p.Text))
		} else {
			err = cp.UnmarshalJSON(p.JSON)
		}
		if err != nil {
			return nil, fmt.Errorf("cedar-go rejected policy %s: %w", p.ID, err)
		}
		ps.Add(cedar.PolicyID(p.ID), &cp)
	}
	return ps, nil
}

// entityMap reads the entity JSON. An entity listed twice is
// unsupported: Cedar accepts identical duplicates (since 4.4), cedar-go
// rejects every duplicate.
func entityMap(raw json.RawMessage) (types.EntityMap, error) {
	if len(raw) == 0 {
		raw = json.RawMessage("[]")
	}
	var uids []struct {
		UID struct {
			Type *string `json:"type"`
			ID   *string `json:"id"`
		} `json:"uid"`
	}
	if json.Unmarshal(raw, &uids) == nil {
		seen := map[[2]string]bool{}
		for _, e := range uids {
			if e.UID.Type == nil || e.UID.ID == nil {
				continue
			}
			k := [2]string{*e.UID.Type, *e.UID.ID}
			if seen[k] {
				return nil, &unsupported{Feature: "identical duplicate entities", Message: "cedar-go rejects an entity listed twice"}
			}
			seen[k] = true
		}
	}
	var entities types.EntityMap
	if err := entities.UnmarshalJSON(raw); err != nil {
		return nil, fmt.Errorf("cedar-go rejected the entities: %w", err)
	}
	return entities, nil
}
