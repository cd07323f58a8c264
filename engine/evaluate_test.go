package engine_test

import (
	"errors"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

func TestEvaluate(t *testing.T) {
	entities, err := engine.ParseEntities("e.json", []byte(`[
		{"uid": {"type": "User", "id": "alice"}, "attrs": {"age": 7, "tags": ["b", "a"]}, "parents": []}
	]`), nil)
	if err != nil {
		t.Fatal(err)
	}
	req, err := engine.ParseRequest("r.json", []byte(`{
		"principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "view"},
		"resource": {"type": "Photo", "id": "p"}, "context": {"n": 2}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		expr, text, json string
		kind             string
	}{
		{`1 + context.n`, `3`, `3`, "long"},
		{`principal.age > 3`, `true`, `true`, "bool"},
		{`"a\nb"`, `"a\nb"`, `"a\nb"`, "string"},
		{`principal`, `User::"alice"`, `{"__entity":{"type":"User","id":"alice"}}`, "entity"},
		{`[3, 1, 2, 1]`, `[1, 2, 3]`, `[1,2,3]`, "set"},
		{`principal.tags`, `["a", "b"]`, `["a","b"]`, "set"},
		{`{z: 1, a: [true]}`, `{a: [true], z: 1}`, `{"a":[true],"z":1}`, "record"},
		{`decimal("1.23")`, `decimal("1.2300")`, `{"__extn":{"fn":"decimal","arg":"1.2300"}}`, "decimal"},
		{`decimal("-0.5")`, `decimal("-0.5000")`, `{"__extn":{"fn":"decimal","arg":"-0.5000"}}`, "decimal"},
		{`ip("10.0.0.1")`, `ip("10.0.0.1/32")`, `{"__extn":{"fn":"ip","arg":"10.0.0.1/32"}}`, "ipaddr"},
		{`ip("0:0:1:0:0:0:0:1/64")`, `ip("0:0:1::1/64")`, `{"__extn":{"fn":"ip","arg":"0:0:1::1/64"}}`, "ipaddr"},
		{`ip("1:0:0:2:0:0:0:3")`, `ip("1:0:0:2::3/128")`, `{"__extn":{"fn":"ip","arg":"1:0:0:2::3/128"}}`, "ipaddr"},
		{`ip("1:0:0:2:0:0:3:4")`, `ip("1::2:0:0:3:4/128")`, `{"__extn":{"fn":"ip","arg":"1::2:0:0:3:4/128"}}`, "ipaddr"},
		{`ip("::")`, `ip("::/128")`, `{"__extn":{"fn":"ip","arg":"::/128"}}`, "ipaddr"},
		{`ip("1:2:3:4:5:6:0:8")`, `ip("1:2:3:4:5:6:0:8/128")`, `{"__extn":{"fn":"ip","arg":"1:2:3:4:5:6:0:8/128"}}`, "ipaddr"},
		{`duration("1h")`, `duration("3600000ms")`, `{"__extn":{"fn":"duration","arg":"3600000ms"}}`, "duration"},
		{`datetime("1970-01-02")`, `datetime("1970-01-01").offset(duration("86400000ms"))`,
			`{"__extn":{"fn":"offset","args":[{"__extn":{"fn":"datetime","arg":"1970-01-01"}},{"__extn":{"fn":"duration","arg":"86400000ms"}}]}}`, "datetime"},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := parser.ParseExpr("x.cedar", []byte(tt.expr))
			if err != nil {
				t.Fatal(err)
			}
			v, err := engine.Evaluate(e, req, entities)
			if err != nil {
				t.Fatal(err)
			}
			if got := v.String(); got != tt.text {
				t.Errorf("String() = %s, want %s", got, tt.text)
			}
			js, err := v.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(js) != tt.json {
				t.Errorf("MarshalJSON() = %s, want %s", js, tt.json)
			}
			if v.Kind() != tt.kind {
				t.Errorf("Kind() = %s, want %s", v.Kind(), tt.kind)
			}
			// The rendering is an expression that evaluates to an equal value.
			back, err := parser.ParseExpr("back.cedar", []byte(tt.text))
			if err != nil {
				t.Fatalf("the rendering does not parse: %v", err)
			}
			w, err := engine.Evaluate(back, req, entities)
			if err != nil || !w.Equal(v) {
				t.Errorf("the rendering evaluates to %v, %v; want %v", w, err, v)
			}
		})
	}
}

func TestEvaluateErrors(t *testing.T) {
	req, err := engine.ParseRequest("r.json", []byte(`{
		"principal": {"type": "User", "id": "alice"}, "action": {"type": "Action", "id": "view"},
		"resource": {"type": "Photo", "id": "p"}, "context": {}}`), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		expr string
		kind engine.ErrorKind
	}{
		{`principal.age`, engine.EntityDoesNotExist},
		{`context.missing`, engine.AttrDoesNotExist},
		{`1 + "a"`, engine.TypeError},
		{`9223372036854775807 + 1`, engine.Overflow},
		{`decimal("x")`, engine.ExtensionError},
		{`?principal == principal`, engine.TypeError},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			e, err := parser.ParseExpr("x.cedar", []byte(tt.expr))
			if err != nil {
				t.Fatal(err)
			}
			_, err = engine.Evaluate(e, req, nil)
			var ee *engine.EvalError
			if !errors.As(err, &ee) {
				t.Fatalf("err = %v, want an *EvalError", err)
			}
			if ee.Kind != tt.kind {
				t.Errorf("kind = %v, want %v (%v)", ee.Kind, tt.kind, err)
			}
		})
	}
}
