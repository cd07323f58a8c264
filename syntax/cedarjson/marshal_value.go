package cedarjson

import "github.com/cedar-crosscheck/crosscheck/syntax"

// MarshalValue writes one restricted expression (a context record, an
// attribute value) as value JSON in the canonical forms of
// MarshalEntities: entity references as {"__entity": …}, extension values
// as {"__extn": …}.
func MarshalValue(e syntax.Expr) ([]byte, error) {
	v, err := valueJSON(e)
	if err != nil {
		return nil, err
	}
	return encode(v), nil
}
