package schema

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ParseJSONFile parses a schema in the JSON schema format into the
// unresolved AST. It is strict, as Cedar is: unknown fields, duplicate keys,
// missing required fields and values of the wrong JSON type are errors.
func ParseJSONFile(filename string, src []byte) (*File, error) {
	root, err := readJSON(filename, src)
	if err != nil {
		return nil, err
	}
	d := &jsonDecoder{}
	f := d.file(filename, root)
	if d.err != nil {
		return nil, syntax.ErrorList{d.err}
	}
	return f, nil
}

// jsonDecoder turns a jsonValue tree into the AST, stopping at the first
// error (d.err); once it is set, the decoding functions return zero values.
type jsonDecoder struct{ err *syntax.Error }

func (d *jsonDecoder) fail(pos syntax.Pos, kind, msg string) {
	if d.err == nil {
		d.err = errorf(pos, kind, msg)
	}
}

// object checks that v is an object whose keys are all in allowed, and
// returns its fields by key.
func (d *jsonDecoder) object(v *jsonValue, what string, allowed ...string) map[string]*jsonValue {
	if d.err != nil {
		return nil
	}
	if v.Kind != jsonObject {
		d.fail(v.Pos, KindWrongJSONType, what+" must be an object, not "+jsonKindNames[v.Kind])
		return nil
	}
	out := make(map[string]*jsonValue, len(v.Fields))
	for _, f := range v.Fields {
		ok := false
		for _, a := range allowed {
			if f.Key == a {
				ok = true
				break
			}
		}
		if !ok {
			d.fail(f.KeyPos, KindUnknownField, "unknown field "+syntax.Quote(f.Key)+" in "+what+"; expected one of "+strings.Join(allowed, ", "))
			return nil
		}
		out[f.Key] = f.Value
	}
	return out
}

// asStruct mirrors a quirk of Cedar's JSON reader (serde): an object with
// fixed fields may also be written as an array of its field values, in the
// order of the fields, trailing fields omitted. asStruct turns such an
// array into the object it stands for; anything else is returned as is.
func (d *jsonDecoder) asStruct(v *jsonValue, what string, order ...string) *jsonValue {
	if v.Kind != jsonArray || d.err != nil {
		return v
	}
	if len(v.Elems) > len(order) {
		d.fail(v.Elems[len(order)].Pos, KindWrongJSONType, what+" written as an array has too many elements")
		return v
	}
	obj := &jsonValue{Kind: jsonObject, Pos: v.Pos}
	for i, e := range v.Elems {
		obj.Fields = append(obj.Fields, jsonField{Key: order[i], KeyPos: e.Pos, Value: e})
	}
	return obj
}

func (d *jsonDecoder) require(fields map[string]*jsonValue, obj *jsonValue, key, what string) *jsonValue {
	v := fields[key]
	if v == nil && d.err == nil {
		d.fail(obj.Pos, KindMissingField, what+" is missing the field "+syntax.Quote(key))
	}
	return v
}

func (d *jsonDecoder) str(v *jsonValue, what string) string {
	if d.err != nil {
		return ""
	}
	if v.Kind != jsonString {
		d.fail(v.Pos, KindWrongJSONType, what+" must be a string, not "+jsonKindNames[v.Kind])
		return ""
	}
	return v.Str
}

func (d *jsonDecoder) array(v *jsonValue, what string) []*jsonValue {
	if d.err != nil {
		return nil
	}
	if v.Kind != jsonArray {
		d.fail(v.Pos, KindWrongJSONType, what+" must be an array, not "+jsonKindNames[v.Kind])
		return nil
	}
	return v.Elems
}

// name reads a normalized Cedar name (Ident {:: Ident}, no spaces).
// `__cedar` components are allowed: they are checked where it matters.
func (d *jsonDecoder) name(v *jsonValue, what string) Name {
	s := d.str(v, what)
	if d.err == nil && !isNormalizedName(s) {
		d.fail(v.Pos, KindInvalidName, what+" "+syntax.Quote(s)+" is not a valid Cedar name")
	}
	return Name{Pos: v.Pos, Value: s}
}

// isNormalizedName reports whether s is a path of identifiers that are not
// reserved words, separated by "::" with nothing in between.
func isNormalizedName(s string) bool {
	for _, part := range strings.Split(s, "::") {
		if !syntax.IsIdent(part) || syntax.ReservedWords[part] {
			return false
		}
	}
	return true
}

func (d *jsonDecoder) file(filename string, root *jsonValue) *File {
	f := &File{Filename: filename}
	if root.Kind != jsonObject {
		d.fail(root.Pos, KindWrongJSONType, "a JSON schema must be an object mapping namespaces to their definitions")
		return nil
	}
	for _, fld := range root.Fields {
		ns := &Namespace{Pos: fld.KeyPos}
		if fld.Key != "" {
			if !isNormalizedName(fld.Key) {
				d.fail(fld.KeyPos, KindInvalidName, "namespace "+syntax.Quote(fld.Key)+" is not a valid Cedar name")
				return nil
			}
			ns.Name = Name{Pos: fld.KeyPos, Value: fld.Key}
			ns.Braced = true
		}
		d.namespace(ns, d.asStruct(fld.Value, "namespace", "commonTypes", "entityTypes", "actions", "annotations"))
		if d.err != nil {
			return nil
		}
		f.Namespaces = append(f.Namespaces, ns)
	}
	return f
}

func (d *jsonDecoder) namespace(ns *Namespace, v *jsonValue) {
	what := "namespace " + syntax.Quote(ns.Name.Value)
	fields := d.object(v, what, "commonTypes", "entityTypes", "actions", "annotations")
	d.require(fields, v, "entityTypes", what)
	d.require(fields, v, "actions", what)
	if d.err != nil {
		return
	}
	if a := fields["annotations"]; a != nil {
		ns.Annotations = d.annotations(a)
		if ns.Name.Value == "" && len(ns.Annotations) > 0 {
			d.fail(a.Pos, KindAnnotationOnRoot, "annotations are not allowed on the empty namespace")
		}
	}
	// Declarations keep the order of the sections in the source.
	for _, sec := range v.Fields {
		switch sec.Key {
		case "commonTypes":
			for _, f := range d.declObject(sec.Value, "commonTypes") {
				t, annots, _ := d.typeExpr(f.Value, typeInCommon, 0)
				ns.Decls = append(ns.Decls, &CommonTypeDecl{Pos: f.KeyPos, Annotations: annots, Name: Ident{Pos: f.KeyPos, Value: f.Key}, Type: t})
			}
		case "entityTypes":
			for _, f := range d.declObject(sec.Value, "entityTypes") {
				ns.Decls = append(ns.Decls, d.entityType(f))
			}
		case "actions":
			if sec.Value.Kind != jsonObject {
				d.fail(sec.Value.Pos, KindWrongJSONType, "actions must be an object, not "+jsonKindNames[sec.Value.Kind])
				return
			}
			for _, f := range sec.Value.Fields {
				ns.Decls = append(ns.Decls, d.action(f))
			}
		}
		if d.err != nil {
			return
		}
	}
}

// declObject checks a commonTypes or entityTypes object, whose keys must be
// identifiers, and returns its fields.
func (d *jsonDecoder) declObject(v *jsonValue, what string) []jsonField {
	if d.err != nil {
		return nil
	}
	if v.Kind != jsonObject {
		d.fail(v.Pos, KindWrongJSONType, what+" must be an object, not "+jsonKindNames[v.Kind])
		return nil
	}
	for _, f := range v.Fields {
		if !syntax.IsIdent(f.Key) || syntax.ReservedWords[f.Key] {
			d.fail(f.KeyPos, KindInvalidName, "the name "+syntax.Quote(f.Key)+" in "+what+" is not a valid identifier")
			return nil
		}
	}
	return v.Fields
}

func (d *jsonDecoder) annotations(v *jsonValue) []syntax.Annotation {
	if d.err != nil {
		return nil
	}
	if v.Kind != jsonObject {
		d.fail(v.Pos, KindWrongJSONType, "annotations must be an object, not "+jsonKindNames[v.Kind])
		return nil
	}
	var out []syntax.Annotation
	for _, f := range v.Fields {
		if !syntax.IsIdent(f.Key) {
			d.fail(f.KeyPos, KindInvalidName, "annotation name "+syntax.Quote(f.Key)+" is not an identifier")
			return nil
		}
		if f.Value.Kind == jsonNull { // an annotation without a value, as `@key` in text
			out = append(out, syntax.Annotation{Pos: f.KeyPos, Key: f.Key})
			continue
		}
		val := d.str(f.Value, "an annotation value")
		out = append(out, syntax.Annotation{Pos: f.KeyPos, Key: f.Key, Value: val, HasValue: true})
	}
	return out
}

func (d *jsonDecoder) entityType(f jsonField) *EntityDecl {
	what := "entity type " + syntax.Quote(f.Key)
	f.Value = d.asStruct(f.Value, what, "memberOfTypes", "shape", "tags", "enum", "annotations")
	fields := d.object(f.Value, what, "memberOfTypes", "shape", "tags", "enum", "annotations")
	if d.err != nil {
		return nil
	}
	e := &EntityDecl{Pos: f.KeyPos, Names: []Ident{{Pos: f.KeyPos, Value: f.Key}}}
	if a := fields["annotations"]; a != nil {
		e.Annotations = d.annotations(a)
	}
	if ev := fields["enum"]; ev != nil {
		for _, other := range []string{"memberOfTypes", "shape", "tags"} {
			if fields[other] != nil {
				d.fail(fields[other].Pos, KindUnexpectedField, "an enumerated entity type cannot have "+other)
				return nil
			}
		}
		elems := d.array(ev, "enum")
		if d.err == nil && len(elems) == 0 {
			d.fail(ev.Pos, KindEmptyEnum, "enum must list at least one entity id")
		}
		e.IsEnum = true
		for _, el := range elems {
			e.Enum = append(e.Enum, EnumChoice{Pos: el.Pos, Value: d.str(el, "an enum choice")})
		}
		return e
	}
	if m := fields["memberOfTypes"]; m != nil {
		e.MemberOf = []Name{}
		for _, el := range d.array(m, "memberOfTypes") {
			e.MemberOf = append(e.MemberOf, d.name(el, "entity type"))
		}
	}
	if s := fields["shape"]; s != nil {
		e.Shape, _, _ = d.typeExpr(s, typePlain, 0)
	}
	if t := fields["tags"]; t != nil {
		e.Tags, _, _ = d.typeExpr(t, typePlain, 0)
	}
	return e
}

func (d *jsonDecoder) action(f jsonField) *ActionDecl {
	what := "action " + syntax.Quote(f.Key)
	f.Value = d.asStruct(f.Value, what, "attributes", "appliesTo", "memberOf", "annotations")
	fields := d.object(f.Value, what, "attributes", "appliesTo", "memberOf", "annotations")
	if d.err != nil {
		return nil
	}
	a := &ActionDecl{Pos: f.KeyPos, Names: []ActionName{{Pos: f.KeyPos, Value: f.Key, Quoted: true}}}
	if an := fields["annotations"]; an != nil {
		a.Annotations = d.annotations(an)
	}
	if at := fields["attributes"]; at != nil && at.Kind != jsonNull {
		d.fail(at.Pos, KindUnsupported, "action attributes are not supported by Cedar 4.x")
		return nil
	}
	if m := fields["memberOf"]; m != nil && m.Kind != jsonNull {
		a.MemberOf = []ActionRef{}
		for _, el := range d.array(m, "memberOf") {
			el = d.asStruct(el, "an action reference", "id", "type")
			rf := d.object(el, "an action reference", "id", "type")
			d.require(rf, el, "id", "an action reference")
			if d.err != nil {
				return nil
			}
			ref := ActionRef{Pos: el.Pos, ID: d.str(rf["id"], "an action id"), Quoted: true}
			if t := rf["type"]; t != nil && t.Kind != jsonNull {
				ref.Type = d.name(t, "action type")
			}
			a.MemberOf = append(a.MemberOf, ref)
		}
	}
	if ap := fields["appliesTo"]; ap != nil && ap.Kind != jsonNull {
		ap = d.asStruct(ap, "appliesTo", "resourceTypes", "principalTypes", "context")
		af := d.object(ap, "appliesTo", "resourceTypes", "principalTypes", "context")
		pt := d.require(af, ap, "principalTypes", "appliesTo")
		rt := d.require(af, ap, "resourceTypes", "appliesTo")
		if d.err != nil {
			return nil
		}
		at := &AppliesToDecl{Pos: ap.Pos, Principal: []Name{}, Resource: []Name{}}
		for _, el := range d.array(pt, "principalTypes") {
			at.Principal = append(at.Principal, d.name(el, "entity type"))
		}
		for _, el := range d.array(rt, "resourceTypes") {
			at.Resource = append(at.Resource, d.name(el, "entity type"))
		}
		if c := af["context"]; c != nil {
			at.Context, _, _ = d.typeExpr(c, typePlain, 0)
		}
		a.AppliesTo = at
	}
	return a
}

// typeContext says which fields besides the type's own a type object may
// have.
type typeContext uint8

const (
	typePlain    typeContext = iota // shape, tags, context, Set element
	typeInCommon                    // a commonTypes entry: annotations
	typeInAttr                      // a record attribute: annotations, required
)

// typeExpr decodes a JSON type. It returns the annotations and the
// required flag (default true) for the contexts that allow them.
func (d *jsonDecoder) typeExpr(v *jsonValue, ctx typeContext, depth int) (TypeExpr, []syntax.Annotation, bool) {
	if d.err != nil {
		return nil, nil, false
	}
	if depth >= MaxDepth {
		d.fail(v.Pos, KindNestingTooDeep, "types are nested too deeply")
		return nil, nil, false
	}
	allowed := []string{"type", "element", "attributes", "additionalAttributes", "name"}
	switch ctx {
	case typeInCommon:
		allowed = append(allowed, "annotations")
	case typeInAttr:
		allowed = append(allowed, "annotations", "required")
	}
	fields := d.object(v, "a type", allowed...)
	tv := d.require(fields, v, "type", "a type")
	if d.err != nil {
		return nil, nil, false
	}
	var annots []syntax.Annotation
	if a := fields["annotations"]; a != nil {
		annots = d.annotations(a)
	}
	required := true
	if r := fields["required"]; r != nil {
		if r.Kind != jsonBool {
			d.fail(r.Pos, KindWrongJSONType, "required must be a boolean, not "+jsonKindNames[r.Kind])
			return nil, nil, false
		}
		required = r.Bool
	}
	typeName := d.str(tv, "type")
	// only reports the first field present among names as not allowed here.
	only := func(ok ...string) bool {
		for _, f := range v.Fields {
			switch f.Key {
			case "type", "annotations", "required":
				continue
			}
			found := false
			for _, o := range ok {
				found = found || f.Key == o
			}
			if !found {
				d.fail(f.KeyPos, KindUnknownField, "field "+syntax.Quote(f.Key)+" is not allowed in a type "+syntax.Quote(typeName))
				return false
			}
		}
		return true
	}
	pos := v.Pos
	var t TypeExpr
	switch typeName {
	case "String", "Long", "Boolean":
		if only() {
			kind := map[string]syntax.PrimitiveKind{"String": syntax.StringType, "Long": syntax.LongType, "Boolean": syntax.BoolType}[typeName]
			t = &PrimitiveTypeExpr{Pos: pos, Kind: kind}
		}
	case "Set":
		if only("element") {
			el := d.require(fields, v, "element", "a Set type")
			if d.err == nil {
				elem, _, _ := d.typeExpr(el, typePlain, depth+1)
				t = &SetTypeExpr{Pos: pos, Elem: elem}
			}
		}
	case "Record":
		if only("attributes", "additionalAttributes") {
			at := d.require(fields, v, "attributes", "a Record type")
			if aa := fields["additionalAttributes"]; aa != nil && d.err == nil {
				if aa.Kind != jsonBool {
					d.fail(aa.Pos, KindWrongJSONType, "additionalAttributes must be a boolean")
				} else if aa.Bool {
					d.fail(aa.Pos, KindUnsupported, "records with additional attributes are not supported by Cedar 4.x validation")
				}
			}
			if d.err == nil && at.Kind != jsonObject {
				d.fail(at.Pos, KindWrongJSONType, "attributes must be an object, not "+jsonKindNames[at.Kind])
			}
			if d.err == nil {
				r := &RecordTypeExpr{Pos: pos, Attrs: []*AttrDecl{}}
				for _, f := range at.Fields {
					ty, an, req := d.typeExpr(f.Value, typeInAttr, depth+1)
					r.Attrs = append(r.Attrs, &AttrDecl{Pos: f.KeyPos, Annotations: an, Name: f.Key, Quoted: true, Required: req, Type: ty})
				}
				t = r
			}
		}
	case "Entity", "EntityOrCommon":
		if only("name") {
			nv := d.require(fields, v, "name", "an "+typeName+" type")
			if d.err == nil {
				n := d.name(nv, "entity type")
				kind := RefEntity
				if typeName == "EntityOrCommon" {
					kind = RefEntityOrCommon
				}
				t = &NamedType{Pos: pos, Name: n.Value, Kind: kind}
			}
		}
	case "Extension":
		if only("name") {
			nv := d.require(fields, v, "name", "an Extension type")
			s := d.str(nv, "extension name")
			if d.err == nil && (!syntax.IsIdent(s) || syntax.ReservedWords[s] || s == "__cedar") {
				d.fail(nv.Pos, KindInvalidName, "extension type name "+syntax.Quote(s)+" is not a valid identifier")
			}
			t = &ExtensionTypeExpr{Pos: pos, Name: s}
		}
	default:
		if only() {
			if !isNormalizedName(typeName) {
				d.fail(tv.Pos, KindInvalidName, "type "+syntax.Quote(typeName)+" is neither a built-in type nor a valid common type name")
			}
			t = &NamedType{Pos: pos, Name: typeName, Kind: RefCommon}
		}
	}
	if d.err != nil {
		return nil, nil, false
	}
	return t, annots, required
}
