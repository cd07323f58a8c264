package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// loadPolicySet reads the policy set every command that takes --policies
// reads, the way the official CLI reads it:
//
//   - the file (or "-", standard input) is Cedar text, or policy JSON when
//     its name ends in .json or, for other names, its content starts
//     with '{' (see readPolicies);
//   - in Cedar text, a policy or template annotated @id("ID") has the id
//     ID; the others keep policy0, policy1, ... by position. Policy JSON
//     names its ids itself, so its @id annotations are left alone;
//   - links, when not empty, names a template-linked file (see
//     readLinksFile) whose links are added to the set.
//
// The set is checked as a whole: ids are unique across policies,
// templates and links, and every link names a template and binds exactly
// its slots. Every error is a *syntax.Error with the file:line:col of the
// policy or link at fault.
func loadPolicySet(stdin io.Reader, path, links string) (*syntax.PolicySet, error) {
	src, err := readInput(stdin, path)
	if err != nil {
		return nil, err
	}
	name := path
	if name == "-" {
		name = "<stdin>"
	}
	ps, err := readPolicies(name, src)
	if err != nil {
		return nil, err
	}
	if !isPolicyJSON(name, src) {
		idsFromAnnotations(ps)
	}
	if links != "" {
		ls, err := readLinksFile(links)
		if err != nil {
			return nil, err
		}
		ps.Links = append(ps.Links, ls...)
	}
	if err := checkPolicySet(ps); err != nil {
		return nil, err
	}
	return ps, nil
}

// idsFromAnnotations gives each policy annotated @id("ID") the id ID, as
// the official CLI does for Cedar text.
func idsFromAnnotations(ps *syntax.PolicySet) {
	for _, p := range ps.Policies {
		if id, ok := p.Annotation("id"); ok {
			p.ID = id
		}
	}
}

// checkPolicySet checks what the parsers cannot see alone once @id
// annotations and a links file are applied: unique ids, and links that
// fit their templates.
func checkPolicySet(ps *syntax.PolicySet) error {
	type claimed struct {
		pos  syntax.Pos
		what string
	}
	seen := map[string]claimed{}
	claim := func(id string, pos syntax.Pos, what string) error {
		if first, dup := seen[id]; dup {
			return &syntax.Error{Pos: pos, Kind: "DuplicatePolicyID",
				Msg: fmt.Sprintf("%s id %s is already the id of the %s at %s (ids must be unique across policies, templates and links)", what, strconv.Quote(id), first.what, first.pos)}
		}
		seen[id] = claimed{pos, what}
		return nil
	}
	for _, p := range ps.Policies {
		what := "policy"
		if p.IsTemplate() {
			what = "template"
		}
		if err := claim(p.ID, p.Pos, what); err != nil {
			return err
		}
	}
	for _, l := range ps.Links {
		if err := claim(l.NewID, l.Pos, "link"); err != nil {
			return err
		}
		if err := checkLink(ps, l); err != nil {
			return err
		}
	}
	return nil
}

// checkLink checks that a link names a template of ps and binds exactly
// the template's slots.
func checkLink(ps *syntax.PolicySet, l syntax.TemplateLink) error {
	fail := func(kind, format string, args ...any) error {
		return &syntax.Error{Pos: l.Pos, Kind: kind, Msg: fmt.Sprintf("link %s: ", strconv.Quote(l.NewID)) + fmt.Sprintf(format, args...)}
	}
	t := ps.Policy(l.TemplateID)
	switch {
	case t == nil:
		return fail("UnknownTemplate", "no template has the id %s (%s)", strconv.Quote(l.TemplateID), templateIDs(ps))
	case !t.IsTemplate():
		return fail("UnknownTemplate", "%s is a static policy, not a template: it has no slot to fill", strconv.Quote(l.TemplateID))
	}
	slots := t.Slots()
	for _, s := range slots {
		if _, ok := l.Values[s]; !ok {
			return fail("MissingSlot", "template %s has the slot %s, which the link does not fill", strconv.Quote(t.ID), s)
		}
	}
	for s := range l.Values {
		if !slices.Contains(slots, s) {
			return fail("ExtraSlot", "template %s has no slot %s", strconv.Quote(t.ID), s)
		}
	}
	return nil
}

// templateIDs lists the templates of ps for an error message.
func templateIDs(ps *syntax.PolicySet) string {
	var ids []string
	for _, p := range ps.Policies {
		if p.IsTemplate() {
			ids = append(ids, strconv.Quote(p.ID))
		}
	}
	switch len(ids) {
	case 0:
		return "the policy set has no template"
	case 1:
		return "its one template is " + ids[0]
	}
	if len(ids) > 10 {
		ids = append(ids[:10], fmt.Sprintf("and %d more", len(ids)-10))
	}
	return "its templates are " + strings.Join(ids, ", ")
}
