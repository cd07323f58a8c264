package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// A template-linked file (--template-linked) lists links in the official
// CLI's format: a JSON array of
//
//	{"template_id": "t0", "link_id": "l0", "args": {"?principal": "User::\"alice\""}}
//
// with each slot's entity written as Cedar text. An empty file holds no
// links.
type linkEntry struct {
	TemplateID string            `json:"template_id"`
	LinkID     string            `json:"link_id"`
	Args       map[string]string `json:"args"`
}

// readLinksFile reads a template-linked file through the bounded reader.
func readLinksFile(path string) ([]syntax.TemplateLink, error) {
	src, err := input.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseLinks(path, src)
}

func parseLinks(name string, src []byte) ([]syntax.TemplateLink, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return nil, nil
	}
	elems, err := jsonElems(name, src, "array")
	if err != nil {
		return nil, err
	}
	var out []syntax.TemplateLink
	for i, el := range elems {
		at := posAt(name, src, el.off)
		var e linkEntry
		dec := json.NewDecoder(bytes.NewReader(el.raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&e); err != nil {
			return nil, &syntax.Error{Pos: at, Kind: "InvalidLink",
				Msg: fmt.Sprintf("link %d: %v (want {\"template_id\": ..., \"link_id\": ..., \"args\": {\"?principal\": ..., \"?resource\": ...}})", i, trimJSONPrefix(err))}
		}
		if e.TemplateID == "" || e.LinkID == "" {
			return nil, &syntax.Error{Pos: at, Kind: "InvalidLink", Msg: fmt.Sprintf("link %d: template_id and link_id are required", i)}
		}
		values, err := slotValues(e.Args)
		if err != nil {
			return nil, &syntax.Error{Pos: at, Kind: "InvalidLink", Msg: fmt.Sprintf("link %s: %v", strconv.Quote(e.LinkID), err)}
		}
		out = append(out, syntax.TemplateLink{Pos: at, TemplateID: e.TemplateID, NewID: e.LinkID, Values: values})
	}
	return out, nil
}

// slotValues reads a link's slot arguments: slot names ?principal and
// ?resource, entities as Cedar text.
func slotValues(args map[string]string) (map[syntax.SlotID]syntax.EntityUID, error) {
	values := map[syntax.SlotID]syntax.EntityUID{}
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	slices.Sort(keys) // report the same error every time
	for _, k := range keys {
		slot, err := slotID(k)
		if err != nil {
			return nil, err
		}
		uid, err := parser.ParseEntityUID(args[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %s is not an entity uid such as User::\"alice\": %v", k, strconv.Quote(args[k]), err)
		}
		values[slot] = uid
	}
	return values, nil
}

func slotID(s string) (syntax.SlotID, error) {
	switch syntax.SlotID(s) {
	case syntax.SlotPrincipal, syntax.SlotResource:
		return syntax.SlotID(s), nil
	}
	return "", fmt.Errorf("unknown slot %s: a template's slots are ?principal and ?resource", strconv.Quote(s))
}

// marshalLinks writes links in the template-linked file format, in order.
func marshalLinks(links []syntax.TemplateLink) ([]byte, error) {
	entries := make([]linkEntry, 0, len(links))
	for _, l := range links {
		e := linkEntry{TemplateID: l.TemplateID, LinkID: l.NewID, Args: map[string]string{}}
		for s, uid := range l.Values {
			e.Args[string(s)] = uid.String()
		}
		entries = append(entries, e)
	}
	out, err := json.MarshalIndent(entries, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func trimJSONPrefix(err error) string {
	const p = "json: "
	s := err.Error()
	if len(s) > len(p) && s[:len(p)] == p {
		return s[len(p):]
	}
	return s
}
