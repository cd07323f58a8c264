package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// typeOfSet: a set literal must have at least one element (the element
// type of [] is unknown), and its elements' types must have a least upper
// bound, which is the element type.
func (c *checker) typeOfSet(e *syntax.SetExpr, caps capabilities) (Type, *typeError) {
	if len(e.Elems) == 0 {
		return nil, errorf(EmptySetForbidden, e, "the empty set literal [] has no element type; it is not allowed")
	}
	var elem Type
	for i, x := range e.Elems {
		t, err := c.typeOnly(x, caps)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			elem = t
			continue
		}
		l, ok := lub(elem, t)
		if !ok {
			return nil, errorf(IncompatibleTypes, x, "set elements have incompatible types %s and %s", elem, t)
		}
		elem = l
	}
	return SetType{elem}, nil
}

// typeOfRecord: a record literal has a record type in which every
// attribute is required.
func (c *checker) typeOfRecord(e *syntax.RecordExpr, caps capabilities) (Type, *typeError) {
	out := RecordType{Attrs: make(map[string]Attr, len(e.Fields))}
	for _, f := range e.Fields {
		t, err := c.typeOnly(f.Value, caps)
		if err != nil {
			return nil, err
		}
		out.Attrs[f.Key] = Attr{Type: t, Required: true}
	}
	return out, nil
}
