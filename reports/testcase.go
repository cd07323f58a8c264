package reports

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// MaxPartBytes bounds each part of a TestCase, so that one huge test does
// not make a report unreadable; a longer part is cut at a line break and
// ends with a line saying how much was left out.
const MaxPartBytes = 64 << 10

// maxRequests bounds the requests a TestCase lists for a finding about a
// whole test.
const maxRequests = 20

// NewTestCase renders test t as text. request selects the request to
// include; -1, or an index the test does not have (a minimized test
// keeps only the failing request), includes all of them (up to a bound). A part that cannot be
// printed holds the reason instead, so a report is always written.
func NewTestCase(t *generators.Test, request int) *TestCase {
	if t == nil {
		return nil
	}
	tc := &TestCase{}
	if t.Schema != nil {
		if b, err := schema.CedarText(t.Schema); err != nil {
			tc.Schema = "// cannot print the schema: " + oneLine(err.Error())
		} else {
			tc.Schema = bound(string(b))
		}
	}
	if t.Policies != nil {
		tc.Policies = bound(policiesText(t.Policies))
	}
	if b, err := cedarjson.MarshalEntities(t.Entities); err != nil {
		tc.Entities = fmt.Sprintf("%q", "cannot print the entities: "+err.Error())
	} else {
		tc.Entities = bound(string(b))
	}
	if t.Expr != nil {
		tc.Expr = bound(printer.Expr(t.Expr))
	}
	switch {
	case request >= 0 && request < len(t.Requests):
		tc.Requests = []string{requestJSON(&t.Requests[request])}
	default: // the whole test, or a test cut down to the failing request
		for i := range t.Requests[:min(len(t.Requests), maxRequests)] {
			tc.Requests = append(tc.Requests, requestJSON(&t.Requests[i]))
		}
		if n := len(t.Requests) - maxRequests; n > 0 {
			tc.Requests = append(tc.Requests, fmt.Sprintf("%q", fmt.Sprintf("... %d more requests", n)))
		}
	}
	return tc
}

// policiesText prints the policy set with each policy's id in a comment
// above it (the text form has no ids of its own) and the template links,
// which have no text form, as comments at the end.
func policiesText(ps *syntax.PolicySet) string {
	var b strings.Builder
	for i, p := range ps.Policies {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "// %s\n%s\n", oneLine(p.ID), printer.Policy(p))
	}
	if len(ps.Links) > 0 {
		b.WriteString("\n// template links:\n")
	}
	for _, l := range ps.Links {
		var vals []string
		for _, slot := range slices.Sorted(maps.Keys(l.Values)) {
			vals = append(vals, fmt.Sprintf("%s = %s", slot, l.Values[slot]))
		}
		fmt.Fprintf(&b, "// %s: %s with %s\n", oneLine(l.NewID), oneLine(l.TemplateID), oneLine(strings.Join(vals, ", ")))
	}
	return b.String()
}

// entityJSON is an entity reference in the request JSON of the
// integration tests.
type entityJSON struct {
	Type string `json:"type"`
	ID   string `json:"id"`
}

// requestJSON prints a request as the integration tests write one, a
// field a line: entity references and the context on one line each, so
// that a list of requests stays short.
func requestJSON(r *syntax.Request) string {
	ctx := []byte(`{}`)
	if r.Context != nil {
		b, err := cedarjson.MarshalValue(r.Context)
		if err != nil {
			b, _ = json.Marshal("cannot print the context: " + err.Error())
		}
		ctx = compactJSON(b)
	}
	uid := func(u syntax.EntityUID) []byte {
		b, _ := json.Marshal(entityJSON{string(u.Type), u.ID}) // strings always marshal
		return b
	}
	return bound(fmt.Sprintf("{\n  \"principal\": %s,\n  \"action\": %s,\n  \"resource\": %s,\n  \"context\": %s\n}",
		uid(r.Principal), uid(r.Action), uid(r.Resource), ctx))
}

// compactJSON removes the insignificant space from valid JSON.
func compactJSON(b []byte) []byte {
	var out bytes.Buffer
	if json.Compact(&out, b) != nil {
		return b
	}
	return out.Bytes()
}

// bound cuts s to about MaxPartBytes at a line break.
func bound(s string) string {
	if len(s) <= MaxPartBytes {
		return s
	}
	cut := s[:MaxPartBytes]
	if i := strings.LastIndexByte(cut, '\n'); i > 0 {
		cut = cut[:i+1]
	} else {
		cut = strings.ToValidUTF8(cut, "") + "\n"
	}
	return cut + fmt.Sprintf("... (%d more bytes left out)\n", len(s)-len(cut))
}

// oneLine keeps a comment on one line.
func oneLine(s string) string {
	return strings.NewReplacer("\n", `\n`, "\r", `\r`).Replace(s)
}

// size is the number of bytes of text in t.
func (t *TestCase) size() int {
	n := len(t.Schema) + len(t.Policies) + len(t.Entities) + len(t.Expr)
	for _, r := range t.Requests {
		n += len(r)
	}
	return n
}
