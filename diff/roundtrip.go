package diff

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// Roundtrip names one round trip the roundtrip target checks.
type Roundtrip string

const (
	// RoundtripText: policies printed as Cedar text and parsed back.
	RoundtripText Roundtrip = "policy-text"
	// RoundtripPolicyJSON: policies, templates and links written as
	// policy JSON and read back.
	RoundtripPolicyJSON Roundtrip = "policy-json"
	// RoundtripEntityJSON: entities written as entity JSON and read back,
	// without and with the schema.
	RoundtripEntityJSON Roundtrip = "entity-json"
	// RoundtripSchemaText: the schema printed as Cedar schema text and
	// parsed back.
	RoundtripSchemaText Roundtrip = "schema-text"
	// RoundtripSchemaJSON: the schema written as JSON schema and read
	// back.
	RoundtripSchemaJSON Roundtrip = "schema-json"
)

// roundtripImpl names the code a round trip exercises, for findings.
var roundtripImpl = map[Roundtrip]string{
	RoundtripText:       "printer/parser",
	RoundtripPolicyJSON: "cedarjson",
	RoundtripEntityJSON: "cedarjson/entities",
	RoundtripSchemaText: "schema",
	RoundtripSchemaJSON: "schema",
}

// roundtripFailure is one failed round trip: what and how.
type roundtripFailure struct {
	what         Roundtrip
	diff, detail string
}

// checkRoundtrips runs every round trip on the policies, entities and
// schema of a test and returns the failures. Equality ignores positions.
func checkRoundtrips(ps *syntax.PolicySet, entities []*syntax.EntityData, schema *syntax.Schema) []roundtripFailure {
	var out []roundtripFailure
	if f := textRoundtrip(ps); f != nil {
		out = append(out, *f)
	}
	if f := policyJSONRoundtrip(ps); f != nil {
		out = append(out, *f)
	}
	if f := entityJSONRoundtrip(entities, schema); f != nil {
		out = append(out, *f)
	}
	if schema != nil {
		if f := schemaRoundtrip(RoundtripSchemaText, schema); f != nil {
			out = append(out, *f)
		}
		if f := schemaRoundtrip(RoundtripSchemaJSON, schema); f != nil {
			out = append(out, *f)
		}
	}
	return out
}

// schemaRoundtrip prints the schema in one of its two formats and reads
// it back. Lists that are sets (parent types, action groups, appliesTo
// types) compare in any order, empty lists equal absent ones, and
// positions are ignored.
func schemaRoundtrip(what Roundtrip, s *syntax.Schema) *roundtripFailure {
	write, read, name := schema.CedarText, schema.ParseCedar, "roundtrip.cedarschema"
	if what == RoundtripSchemaJSON {
		write, read, name = schema.JSONText, schema.ParseJSON, "roundtrip.cedarschema.json"
	}
	text, err := write(s)
	if err != nil {
		return &roundtripFailure{what, "", fmt.Sprintf("cannot print the schema: %v", err)}
	}
	back, err := read(name, text)
	if err != nil {
		return &roundtripFailure{what, "", fmt.Sprintf("the printed schema does not parse: %v\n%s", err, text)}
	}
	if sameSchema(s, back) {
		return nil
	}
	if d := cmp.Diff(s, back, schemaCmp...); d != "" {
		return &roundtripFailure{what, d, fmt.Sprintf("the schema changes through its printed form:\n%s", text)}
	}
	return nil
}

// schemaCmp compares schemas by content.
var schemaCmp = []cmp.Option{
	cmpopts.EquateEmpty(),
	cmpopts.IgnoreFields(syntax.Annotation{}, "Pos"),
	cmpopts.SortSlices(func(a, b syntax.EntityType) bool { return a < b }),
	cmpopts.SortSlices(func(a, b syntax.EntityUID) bool { return a.String() < b.String() }),
}

// textRoundtrip prints the policies and templates as Cedar text and parses
// them back. The parser numbers policies policy0, policy1, ... in text
// order, so policies are compared by position, not id; links have no
// text form.
func textRoundtrip(ps *syntax.PolicySet) *roundtripFailure {
	text := printer.PolicySet(ps)
	back, err := parser.ParsePolicySet("roundtrip.cedar", []byte(text))
	if err != nil {
		return &roundtripFailure{RoundtripText, "", fmt.Sprintf("the printed policies do not parse: %v\n%s", err, text)}
	}
	if len(back.Policies) != len(ps.Policies) {
		return &roundtripFailure{RoundtripText, "", fmt.Sprintf("printed %d policies, parsed %d back:\n%s", len(ps.Policies), len(back.Policies), text)}
	}
	for i, p := range ps.Policies {
		if !samePolicy(p, back.Policies[i]) {
			return &roundtripFailure{RoundtripText, policyTextDiff(p, back.Policies[i]),
				fmt.Sprintf("policy %s does not parse back to itself from:\n%s", p.ID, printer.Policy(p))}
		}
	}
	return nil
}

// policyJSONRoundtrip writes the policy set as policy JSON and reads it
// back. Policy JSON keeps static policies and templates apart, so
// policies are compared by id. It writes `action in [A]` as `action in
// A`, which means the same, so that form is normalized first.
func policyJSONRoundtrip(ps *syntax.PolicySet) *roundtripFailure {
	data, err := cedarjson.MarshalPolicySet(ps)
	if err != nil {
		return &roundtripFailure{RoundtripPolicyJSON, "", fmt.Sprintf("cannot write policy JSON: %v", err)}
	}
	back, err := cedarjson.UnmarshalPolicySet("roundtrip.json", data)
	if err != nil {
		return &roundtripFailure{RoundtripPolicyJSON, "", fmt.Sprintf("the written policy JSON does not read back: %v\n%s", err, data)}
	}
	if len(back.Policies) != len(ps.Policies) {
		return &roundtripFailure{RoundtripPolicyJSON, "", fmt.Sprintf("wrote %d policies, read %d back:\n%s", len(ps.Policies), len(back.Policies), data)}
	}
	for _, p := range ps.Policies {
		q := back.Policy(p.ID)
		if q == nil {
			return &roundtripFailure{RoundtripPolicyJSON, "", fmt.Sprintf("policy %s is missing after the round trip:\n%s", p.ID, data)}
		}
		if !samePolicy(singleActionIn(p), singleActionIn(q)) {
			return &roundtripFailure{RoundtripPolicyJSON, policyTextDiff(p, q), fmt.Sprintf("policy %s changes through policy JSON:\n%s", p.ID, data)}
		}
	}
	if sameLinks(ps.Links, back.Links) {
		return nil
	}
	if d := cmp.Diff(ps.Links, back.Links, cmpopts.EquateEmpty(), cmp.Transformer("noPos", func(l syntax.TemplateLink) syntax.TemplateLink {
		l.Pos = syntax.Pos{}
		return l
	})); d != "" {
		return &roundtripFailure{RoundtripPolicyJSON, d, "template links change through policy JSON"}
	}
	return nil
}

// entityJSONRoundtrip writes the entities as entity JSON and reads them
// back, without a schema and with the test's schema (which reads values
// against their declared types and adds missing action entities, so
// entities are compared by uid).
func entityJSONRoundtrip(entities []*syntax.EntityData, schema *syntax.Schema) *roundtripFailure {
	data, err := cedarjson.MarshalEntities(entities)
	if err != nil {
		return &roundtripFailure{RoundtripEntityJSON, "", fmt.Sprintf("cannot write entity JSON: %v", err)}
	}
	schemas := []*syntax.Schema{nil}
	if schema != nil {
		schemas = append(schemas, schema)
	}
	for _, s := range schemas {
		with := "without a schema"
		if s != nil {
			with = "with the schema"
		}
		back, err := cedarjson.ParseEntities("roundtrip.entities.json", data, s)
		if err != nil {
			return &roundtripFailure{RoundtripEntityJSON, "", fmt.Sprintf("the written entity JSON does not read back %s: %v\n%s", with, err, data)}
		}
		byUID := make(map[syntax.EntityUID]*syntax.EntityData, len(back))
		for _, e := range back {
			byUID[e.UID] = e
		}
		for _, e := range entities {
			if d := entityDiff(e, byUID[e.UID]); d != "" {
				return &roundtripFailure{RoundtripEntityJSON, d, fmt.Sprintf("entity %s changes through entity JSON read %s:\n%s", e.UID, with, data)}
			}
		}
		if s == nil && len(byUID) != distinctUIDs(entities) {
			return &roundtripFailure{RoundtripEntityJSON, "", fmt.Sprintf("wrote %d entities, read %d back %s", distinctUIDs(entities), len(byUID), with)}
		}
	}
	return nil
}

// distinctUIDs counts the entities by uid: an entity may be listed twice
// when both copies are identical, and reads back as one.
func distinctUIDs(entities []*syntax.EntityData) int {
	seen := make(map[syntax.EntityUID]bool, len(entities))
	for _, e := range entities {
		seen[e.UID] = true
	}
	return len(seen)
}

// samePolicy reports whether two policies are the same, ignoring ids and
// positions.
func samePolicy(a, b *syntax.Policy) bool {
	if a.Effect != b.Effect || !sameScope(a.Principal, b.Principal) || !sameScope(a.Action, b.Action) ||
		!sameScope(a.Resource, b.Resource) || len(a.Conditions) != len(b.Conditions) || len(a.Annotations) != len(b.Annotations) {
		return false
	}
	for i, an := range a.Annotations {
		bn := b.Annotations[i]
		if an.Key != bn.Key || an.Value != bn.Value {
			return false
		}
	}
	for i, c := range a.Conditions {
		if c.Kind != b.Conditions[i].Kind || !printer.Equal(c.Body, b.Conditions[i].Body) {
			return false
		}
	}
	return true
}

func sameScope(a, b syntax.Scope) bool {
	return a.Op == b.Op && a.Type == b.Type && a.Entity == b.Entity && a.Slot == b.Slot && slices.Equal(a.Entities, b.Entities)
}

// singleActionIn rewrites the action scope `in [A]` to the equivalent
// `in A`, the form policy JSON writes it in.
func singleActionIn(p *syntax.Policy) *syntax.Policy {
	if p.Action.Op != syntax.ScopeInSet || len(p.Action.Entities) != 1 {
		return p
	}
	c := *p
	c.Action = syntax.Scope{Op: syntax.ScopeIn, Entity: p.Action.Entities[0]}
	return &c
}

// policyTextDiff shows how two policies differ as Cedar text. When the
// texts are equal although the trees are not (the printer hides the
// difference), it says so.
func policyTextDiff(a, b *syntax.Policy) string {
	at, bt := printer.Policy(a), printer.Policy(b)
	if at == bt {
		return "the policies print alike but their trees differ (a Form, an id or an annotation flag):\n" + at
	}
	return cmp.Diff(strings.Split(at, "\n"), strings.Split(bt, "\n"))
}

// entityDiff describes how entity b differs from a (ignoring positions
// and the order of parents), or returns "" when they are the same.
func entityDiff(a, b *syntax.EntityData) string {
	if b == nil {
		return "missing after the round trip"
	}
	if !slices.Equal(sortedUIDs(a.Parents), sortedUIDs(b.Parents)) {
		return fmt.Sprintf("parents %v became %v", a.Parents, b.Parents)
	}
	if d := fieldsDiff("attribute", a.Attrs, b.Attrs); d != "" {
		return d
	}
	return fieldsDiff("tag", a.Tags, b.Tags)
}

func fieldsDiff(what string, a, b []syntax.Field) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d %ss became %d", len(a), what, len(b))
	}
	bm := make(map[string]syntax.Expr, len(b))
	for _, f := range b {
		bm[f.Key] = f.Value
	}
	for _, f := range a {
		v, ok := bm[f.Key]
		if !ok {
			return fmt.Sprintf("%s %q is missing", what, f.Key)
		}
		if !printer.Equal(f.Value, v) {
			return fmt.Sprintf("%s %q: %s became %s", what, f.Key, printer.Expr(f.Value), printer.Expr(v))
		}
	}
	return ""
}

func sortedUIDs(us []syntax.EntityUID) []syntax.EntityUID {
	out := slices.Clone(us)
	slices.SortFunc(out, func(a, b syntax.EntityUID) int {
		if c := strings.Compare(string(a.Type), string(b.Type)); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return slices.Compact(out)
}

// sameLinks is the links' comparison without go-cmp: in order, positions
// ignored, an empty slot map equal to an absent one.
func sameLinks(a, b []syntax.TemplateLink) bool {
	return slices.EqualFunc(a, b, func(x, y syntax.TemplateLink) bool {
		return x.TemplateID == y.TemplateID && x.NewID == y.NewID && maps.Equal(x.Values, y.Values)
	})
}
