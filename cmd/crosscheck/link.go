package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func init() { subcommands = append(subcommands, newLinkCmd) }

type linkFlags struct {
	policies, links, templateID, newID, arguments string
	args                                          []string
	asJSON                                        bool
}

func newLinkCmd() *cobra.Command {
	var f linkFlags
	cmd := &cobra.Command{
		Use:   "link --policies FILE --template-id ID --new-id ID --arg '?principal=User::\"alice\"' [--arg '?resource=...'] [--template-linked FILE] [--json]",
		Short: "Link a template: fill its slots and print the linked policy set",
		Long: `link instantiates the template --template-id as the policy --new-id,
filling each of its slots with an entity given by --arg SLOT=UID (once per
slot: ?principal, ?resource) or, as the official CLI takes them,
--arguments '{"?principal": "User::\"alice\""}'.

It prints the whole linked policy set: as Cedar text by default, where
every policy carries its id as an @id("...") annotation and each link is
written out as the template with its slots filled, so that reading the
text back (authorize, validate) gives the same ids and decisions; or, with
--json, as policy JSON ({"staticPolicies", "templates", "templateLinks"}),
which keeps the links as links.

--policies is Cedar text, or policy JSON if the name ends in .json ("-"
reads standard input); in Cedar text @id("ID") sets a policy's id.
--template-linked names a file of links in the official CLI's format, a
JSON array of {"template_id": ..., "link_id": ..., "args": {"?principal":
"User::\"alice\""}}: its links are part of the set, and the new link is
added to it (the file is created when it does not exist, and replaced
atomically). authorize, validate and check-parse read it with the same
flag.

Exit codes: 0 linked, 2 usage error or bad input (no such template, a
slot left unfilled or one the template does not have, an id already in
use, a file that cannot be read or parsed).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ps, err := linkPolicySet(cmd, &f)
			if err != nil {
				return err
			}
			var out []byte
			if f.asJSON {
				if out, err = cedarjson.MarshalPolicySet(ps); err != nil {
					return inputError(err)
				}
				if len(out) > 0 && out[len(out)-1] != '\n' {
					out = append(out, '\n')
				}
			} else {
				out = []byte(printer.PolicySet(expandLinks(ps)))
			}
			if f.links != "" {
				data, err := marshalLinks(ps.Links)
				if err != nil {
					return err
				}
				if err := writeLinksFile(f.links, data); err != nil {
					return inputError(err)
				}
			}
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.policies, "policies", "", `policy file: Cedar text, or policy JSON if it ends in .json; "-" is standard input (required)`)
	fl.StringVar(&f.templateID, "template-id", "", "id of the template to link (required)")
	fl.StringVar(&f.newID, "new-id", "", "id of the new linked policy (required)")
	fl.StringArrayVar(&f.args, "arg", nil, `a slot's entity, SLOT=UID, e.g. '?principal=User::"alice"' (once per slot)`)
	fl.StringVar(&f.arguments, "arguments", "", `the slots' entities as a JSON object, e.g. '{"?principal": "User::\"alice\""}'`)
	fl.StringVar(&f.links, "template-linked", "", "file of template links to read and to add the new link to")
	fl.BoolVar(&f.asJSON, "json", false, "print the policy set as policy JSON")
	return cmd
}

// linkPolicySet reads the policy set and the links file (a missing links
// file holds no links yet) and adds the new link, checked like the others.
func linkPolicySet(cmd *cobra.Command, f *linkFlags) (*syntax.PolicySet, error) {
	for _, req := range []struct{ name, val string }{
		{"--policies", f.policies}, {"--template-id", f.templateID}, {"--new-id", f.newID},
	} {
		if req.val == "" {
			return nil, usageError("%s is required", req.name)
		}
	}
	values, err := linkArgs(f)
	if err != nil {
		return nil, err
	}
	ps, err := loadPolicySet(cmd.InOrStdin(), f.policies, "")
	if err != nil {
		return nil, inputError(err)
	}
	if f.links != "" {
		existing, err := readLinksFile(f.links)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, inputError(err)
		}
		ps.Links = append(ps.Links, existing...)
	}
	// The new link comes from the flags: errors about it name --new-id.
	flagPos := syntax.Pos{Filename: "--new-id"}
	ps.Links = append(ps.Links, syntax.TemplateLink{Pos: flagPos, TemplateID: f.templateID, NewID: f.newID, Values: values})
	if err := checkPolicySet(ps); err != nil {
		return nil, inputError(err)
	}
	return ps, nil
}

// linkArgs reads the slot values of --arg and --arguments.
func linkArgs(f *linkFlags) (map[syntax.SlotID]syntax.EntityUID, error) {
	raw := map[string]string{}
	if f.arguments != "" {
		if err := json.Unmarshal([]byte(f.arguments), &raw); err != nil {
			return nil, usageError("--arguments: %s (want a JSON object such as {\"?principal\": \"User::\\\"alice\\\"\"})", trimJSONPrefix(err))
		}
	}
	for _, a := range f.args {
		slot, uid, ok := strings.Cut(a, "=")
		if !ok {
			return nil, usageError("--arg %s: want SLOT=UID, e.g. '?principal=User::\"alice\"'", a)
		}
		slot = strings.TrimSpace(slot)
		if _, dup := raw[slot]; dup {
			return nil, usageError("--arg %s: the slot %s is given twice", a, slot)
		}
		raw[slot] = strings.TrimSpace(uid)
	}
	values, err := slotValues(raw)
	if err != nil {
		return nil, usageError("--arg: %v", err)
	}
	return values, nil
}

// expandLinks returns the policy set as Cedar text can hold it: every
// policy and template annotated with its id, followed by each link as its
// template with the slots filled, annotated with the link's id.
func expandLinks(ps *syntax.PolicySet) *syntax.PolicySet {
	out := &syntax.PolicySet{}
	for _, p := range ps.Policies {
		out.Policies = append(out.Policies, withID(p, p.ID))
	}
	for _, l := range ps.Links {
		p := withID(ps.Policy(l.TemplateID), l.NewID)
		p.Principal = fillSlot(p.Principal, l.Values)
		p.Resource = fillSlot(p.Resource, l.Values)
		out.Policies = append(out.Policies, p)
	}
	return out
}

// withID copies p with the annotation @id("id") first, replacing any
// @id it had.
func withID(p *syntax.Policy, id string) *syntax.Policy {
	cp := *p
	cp.ID = id
	cp.Annotations = []syntax.Annotation{{Key: "id", Value: id, HasValue: true}}
	for _, a := range p.Annotations {
		if a.Key != "id" {
			cp.Annotations = append(cp.Annotations, a)
		}
	}
	return &cp
}

func fillSlot(s syntax.Scope, values map[syntax.SlotID]syntax.EntityUID) syntax.Scope {
	if s.Slot != "" {
		s.Entity, s.Slot = values[s.Slot], ""
	}
	return s
}

// writeLinksFile replaces the links file atomically, creating it first
// when it does not exist (an empty links file holds no links, so a reader
// never sees a broken one).
func writeLinksFile(path string, data []byte) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		if err := os.WriteFile(path, nil, 0o644); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(path, data); err != nil {
		return fmt.Errorf("writing the template-linked file: %w", err)
	}
	return nil
}
