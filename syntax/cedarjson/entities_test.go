package cedarjson

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func uid(t, id string) syntax.EntityUID { return syntax.EntityUID{Type: syntax.EntityType(t), ID: id} }

func TestValues(t *testing.T) {
	call := func(name string, args ...syntax.Expr) syntax.Expr { return &syntax.Call{Name: name, Args: args} }
	tests := []struct {
		src  string
		want syntax.Expr
	}{
		{`true`, syntax.Bool(true)},
		{`-9223372036854775808`, syntax.Long(-9223372036854775808)},
		{`9223372036854775807`, syntax.Long(9223372036854775807)},
		{`-0`, syntax.Long(0)},
		{`"a\u00e9\ud83d\ude00\n"`, syntax.String("aé😀\n")},
		{`[1, "x", []]`, &syntax.SetExpr{Elems: []syntax.Expr{syntax.Long(1), syntax.String("x"), &syntax.SetExpr{Elems: []syntax.Expr{}}}}},
		{`{"b": 1, "a": 2}`, &syntax.RecordExpr{Fields: []syntax.Field{{Key: "b", Value: syntax.Long(1)}, {Key: "a", Value: syntax.Long(2)}}}},
		{`{"type": "A", "id": "x"}`, &syntax.RecordExpr{Fields: []syntax.Field{{Key: "type", Value: syntax.String("A")}, {Key: "id", Value: syntax.String("x")}}}},
		{`{"__entity": {"type": "NS::A", "id": ""}}`, syntax.Entity(uid("NS::A", ""))},
		{`{"__extn": {"fn": "ip", "arg": "10.0.0.1"}}`, call("ip", syntax.String("10.0.0.1"))},
		{`{"__extn": {"fn": "offset", "args": [{"__extn": {"fn": "datetime", "arg": "1970-01-01"}}, {"__extn": {"fn": "duration", "arg": "5ms"}}]}}`,
			call("offset", call("datetime", syntax.String("1970-01-01")), call("duration", syntax.String("5ms")))},
	}
	for _, tt := range tests {
		got, err := ParseValue("v.json", []byte(tt.src), nil)
		if err != nil {
			t.Errorf("%s: %v", tt.src, err)
			continue
		}
		if diff := cmp.Diff(tt.want, got, ignorePos); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tt.src, diff)
		}
	}
}

func TestEntitiesWithSchema(t *testing.T) {
	src := `[
  {"uid": {"type": "User", "id": "alice"}, "parents": [{"__entity": {"type": "Group", "id": "g"}}],
   "attrs": {"name": "Alice", "manager": {"type": "User", "id": "bob"}, "ip": "10.0.0.1",
             "tags": ["a"], "addr": {"zip": 12345}},
   "tags": {"t": "v"}},
  {"uid": {"type": "User", "id": "bob"}, "parents": [], "attrs": {"name": "Bob", "ip": {"fn": "ip", "arg": "::1"}}},
  {"uid": {"type": "User", "id": "bob"}, "parents": [], "attrs": {"ip": {"fn": "ip", "arg": "::1"}, "name": "Bob"}},
  {"uid": {"type": "Color", "id": "red"}, "parents": [], "attrs": {}},
  {"uid": {"type": "Action", "id": "read"}, "parents": [{"type": "Action", "id": "all"}], "attrs": {}}
]`
	es, err := ParseEntities("e.json", []byte(src), testSchema())
	if err != nil {
		t.Fatal(err)
	}
	var got []syntax.EntityUID
	for _, e := range es {
		got = append(got, e.UID)
	}
	// The identical duplicate of bob is dropped; Action::"all" is added.
	want := []syntax.EntityUID{uid("User", "alice"), uid("User", "bob"), uid("Color", "red"), uid("Action", "read"), uid("Action", "all")}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("uids (-want +got):\n%s", diff)
	}
	alice := es[0]
	wantAttrs := []syntax.Field{
		{Key: "name", Value: syntax.String("Alice")},
		{Key: "manager", Value: syntax.Entity(uid("User", "bob"))},
		{Key: "ip", Value: &syntax.Call{Name: "ip", Args: []syntax.Expr{syntax.String("10.0.0.1")}}},
		{Key: "tags", Value: &syntax.SetExpr{Elems: []syntax.Expr{syntax.String("a")}}},
		{Key: "addr", Value: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "zip", Value: syntax.Long(12345)}}}},
	}
	if diff := cmp.Diff(wantAttrs, alice.Attrs, ignorePos); diff != "" {
		t.Errorf("alice attrs (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]syntax.Field{{Key: "t", Value: syntax.String("v")}}, alice.Tags, ignorePos); diff != "" {
		t.Errorf("alice tags:\n%s", diff)
	}
	if es[4].Parents == nil || len(es[4].Parents) != 0 || len(es[4].Attrs) != 0 {
		t.Errorf("added action: %+v", es[4])
	}
	// The schema-free canonical form reads back to the same entities.
	checkEntitiesRoundTrip(t, "schema", []byte(src), testSchema())
}

func TestContextWithSchema(t *testing.T) {
	ctx, err := ParseContext("c.json", []byte(`{"when": "2024-01-01"}`), testSchema(), uid("Action", "read"))
	if err != nil {
		t.Fatal(err)
	}
	want := &syntax.RecordExpr{Fields: []syntax.Field{{Key: "when", Value: &syntax.Call{Name: "datetime", Args: []syntax.Expr{syntax.String("2024-01-01")}}}}}
	if diff := cmp.Diff(want, ctx, ignorePos); diff != "" {
		t.Error(diff)
	}
	if _, err := ParseContext("c.json", []byte(`{}`), testSchema(), uid("Action", "nope")); syntax.FirstError(err) == nil || syntax.FirstError(err).Kind != KindUndeclaredAction {
		t.Errorf("undeclared action: %v", err)
	}
}

func TestRequest(t *testing.T) {
	req, err := ParseRequest("r.json", []byte(`{"principal": {"type": "User", "id": "a"}, "action": {"__entity": {"type": "Action", "id": "read"}}, "resource": {"type": "Group", "id": "g"}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := &syntax.Request{Principal: uid("User", "a"), Action: uid("Action", "read"), Resource: uid("Group", "g"), Context: &syntax.RecordExpr{Fields: []syntax.Field{}}}
	if diff := cmp.Diff(want, req, ignorePos); diff != "" {
		t.Error(diff)
	}
}

// TestMarshalRejectsReservedKeys checks that a record whose key would read
// back as an escape is refused rather than silently changed.
func TestMarshalRejectsReservedKeys(t *testing.T) {
	e := &syntax.EntityData{UID: uid("A", "a"), Attrs: []syntax.Field{{Key: "r", Value: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "__entity", Value: syntax.Long(1)}}}}}}
	if _, err := MarshalEntities([]*syntax.EntityData{e}); err == nil {
		t.Fatal("no error")
	}
}

// TestPositions checks that values carry the file:line:col they came from.
func TestPositions(t *testing.T) {
	es, err := ParseEntities("p.json", []byte("[\n  {\"uid\": {\"type\": \"A\", \"id\": \"a\"},\n   \"attrs\": {\"x\": [1,\n 2]}, \"parents\": []}]"), nil)
	if err != nil {
		t.Fatal(err)
	}
	set := es[0].Attrs[0].Value.(*syntax.SetExpr)
	if p := set.Elems[1].Position(); p.String() != "p.json:4:2" {
		t.Errorf("position %s, want p.json:4:2", p)
	}
	if p := es[0].Pos; p.String() != "p.json:2:3" {
		t.Errorf("entity position %s", p)
	}
}

// TestLargeDuplicate checks that comparing repeated entities stays fast
// on large values (it must not be quadratic in the size of a set).
func TestLargeDuplicate(t *testing.T) {
	const n = 200000
	var b strings.Builder
	b.WriteString(`{"uid": {"type": "A", "id": "a"}, "parents": [], "attrs": {"s": [`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(strconv.Itoa(n - i))
	}
	b.WriteString(`]}}`)
	one := b.String()
	start := time.Now()
	es, err := ParseEntities("big.json", []byte("["+one+","+one+"]"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || len(es[0].Attrs[0].Value.(*syntax.SetExpr).Elems) != n {
		t.Fatalf("got %d entities", len(es))
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("parsing took %v", d)
	}
}
