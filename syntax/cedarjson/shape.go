package cedarjson

import (
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// expect checks that n is a JSON value of kind k.
func (d *decoder) expect(n *node, p *path, k nodeKind, what string) error {
	if n.kind != k {
		return d.errorf(n, p, KindWrongShape, "expected %s (a JSON %s), found a JSON %s", what, k, n.kind)
	}
	return nil
}

// fields checks that object n has only the allowed keys and all of the
// required ones. The first failure is returned.
func (d *decoder) fields(n *node, p *path, what string, required []string, optional ...string) error {
	if err := d.expect(n, p, objectNode, what); err != nil {
		return err
	}
	for _, m := range n.members {
		if !contains(required, m.key) && !contains(optional, m.key) {
			allowed := append(append([]string(nil), required...), optional...)
			return d.errorf(&node{off: m.keyOff}, p, KindUnknownField,
				"unknown field %s in %s (expected %s)", strconv.Quote(m.key), what, quoteList(allowed))
		}
	}
	for _, k := range required {
		if n.get(k) == nil {
			return d.errorf(n, p, KindMissingField, "%s is missing the field %s", what, strconv.Quote(k))
		}
	}
	return nil
}

// str returns the string value of n, which must be a JSON string.
func (d *decoder) str(n *node, p *path, what string) (string, error) {
	if err := d.expect(n, p, stringNode, what); err != nil {
		return "", err
	}
	return n.text, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	q := make([]string, len(list))
	for i, s := range list {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, ", ")
}

// validName reports whether s is a normalized Cedar name: identifiers
// joined by "::", with no spaces or comments, no reserved word as a
// component and no component "__cedar" (which Cedar reserves).
func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, "::") {
		if !syntax.IsIdent(part) || syntax.ReservedWords[part] || part == "__cedar" {
			return false
		}
	}
	return true
}

// entityType reads an entity type name.
func (d *decoder) entityType(n *node, p *path) (syntax.EntityType, error) {
	s, err := d.str(n, p, "an entity type")
	if err != nil {
		return "", err
	}
	if !validName(s) {
		return "", d.errorf(n, p, KindInvalidName, "%s is not a valid entity type name", strconv.Quote(s))
	}
	return syntax.EntityType(s), nil
}
