package model

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

// TestValueExpr pins the text and JSON of ValueExpr and checks that the
// expression evaluates back to an equal value.
func TestValueExpr(t *testing.T) {
	tests := []struct {
		expr, text, json string
	}{
		{`-9223372036854775807 - 1`, `-9223372036854775808`, `-9223372036854775808`},
		{`"a\"b"`, `"a\"b"`, `"a\"b"`},
		{`User::"alice"`, `User::"alice"`, `{"__entity":{"type":"User","id":"alice"}}`},
		{`[2, 1, 2]`, `[2, 1]`, `[2,1]`},
		{`{z: {}, "a b": []}`, `{"a b": [], z: {}}`, `{"a b":[],"z":{}}`},
		{`decimal("-1.5")`, `decimal("-1.5000")`, `{"__extn":{"fn":"decimal","arg":"-1.5000"}}`},
		{`ip("::1")`, `ip("::1/128")`, `{"__extn":{"fn":"ip","arg":"::1/128"}}`},
		{`duration("-1s")`, `duration("-1000ms")`, `{"__extn":{"fn":"duration","arg":"-1000ms"}}`},
		{`datetime("1969-12-31")`, `datetime("1970-01-01").offset(duration("-86400000ms"))`,
			`{"__extn":{"fn":"offset","args":[{"__extn":{"fn":"datetime","arg":"1970-01-01"}},{"__extn":{"fn":"duration","arg":"-86400000ms"}}]}}`},
	}
	for _, tt := range tests {
		t.Run(tt.expr, func(t *testing.T) {
			req := &syntax.Request{}
			v, err := Evaluate(mustParseExpr(t, tt.expr), req, nil)
			if err != nil {
				t.Fatal(err)
			}
			e := ValueExpr(v)
			if got := printer.Expr(e); got != tt.text {
				t.Errorf("text = %s, want %s", got, tt.text)
			}
			js, err := cedarjson.MarshalValue(e)
			if err != nil {
				t.Fatal(err)
			}
			if got := compact(t, js); got != tt.json {
				t.Errorf("JSON = %s, want %s", got, tt.json)
			}
			back, err := Evaluate(e, req, nil)
			if err != nil || !Equal(back, v) {
				t.Errorf("ValueExpr evaluates to %v, %v; want %v", back, err, v)
			}
		})
	}
}

func compact(t *testing.T, b []byte) string {
	t.Helper()
	var out bytes.Buffer
	if err := json.Compact(&out, b); err != nil {
		t.Fatal(err)
	}
	return out.String()
}
