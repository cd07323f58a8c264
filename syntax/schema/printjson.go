package schema

import (
	"strings"
	"unicode/utf8"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PrintJSON prints f in the JSON schema format, indented by two spaces.
// Declarations outside any namespace go under the "" key. Text-format
// names keep their meaning: a bare type name becomes an EntityOrCommon
// reference and `context: N` a common type reference. Two namespace blocks
// with the same name or two declarations with the same name cannot be
// written in JSON (KindNotRepresentable); of repeated attribute names, the
// last one counts, as in Cedar.
func PrintJSON(f *File) ([]byte, error) {
	type nsJSON struct {
		annotations               *jsonValue
		common, entities, actions *jsonValue
	}
	var order []string
	byName := map[string]*nsJSON{}
	seenDecl := map[string]bool{}
	for _, ns := range f.Namespaces {
		name := ns.Name.Value
		n := byName[name]
		if n == nil {
			n = &nsJSON{common: jsonObj(), entities: jsonObj(), actions: jsonObj()}
			byName[name] = n
			order = append(order, name)
		} else if ns.Braced {
			return nil, syntax.ErrorList{errorf(ns.Name.Pos, KindNotRepresentable, "namespace "+name+" is declared twice")}
		}
		if len(ns.Annotations) > 0 {
			n.annotations = annotationsJSON(ns.Annotations)
		}
		for _, d := range ns.Decls {
			var sec *jsonValue
			var section string
			var keys []string
			var val *jsonValue
			switch d := d.(type) {
			case *CommonTypeDecl:
				sec, section, keys = n.common, "commonTypes", []string{d.Name.Value}
				val = typeJSON(d.Type)
				if len(d.Annotations) > 0 {
					val.Fields = append(val.Fields, jsonField{Key: "annotations", Value: annotationsJSON(d.Annotations)})
				}
			case *EntityDecl:
				sec, section = n.entities, "entityTypes"
				for _, id := range d.Names {
					keys = append(keys, id.Value)
				}
				val = entityJSON(d)
			case *ActionDecl:
				sec, section = n.actions, "actions"
				for _, an := range d.Names {
					keys = append(keys, an.Value)
				}
				val = actionJSON(d)
			}
			for _, k := range keys {
				id := name + "\x00" + section + "\x00" + k
				if seenDecl[id] {
					return nil, syntax.ErrorList{errorf(d.Position(), KindNotRepresentable, "JSON cannot hold two declarations of "+qualify(name, k))}
				}
				seenDecl[id] = true
				sec.Fields = append(sec.Fields, jsonField{Key: k, Value: val})
			}
		}
	}
	root := jsonObj()
	for _, name := range order {
		n := byName[name]
		v := jsonObj()
		if n.annotations != nil {
			v.Fields = append(v.Fields, jsonField{Key: "annotations", Value: n.annotations})
		}
		if len(n.common.Fields) > 0 {
			v.Fields = append(v.Fields, jsonField{Key: "commonTypes", Value: n.common})
		}
		v.Fields = append(v.Fields, jsonField{Key: "entityTypes", Value: n.entities}, jsonField{Key: "actions", Value: n.actions})
		root.Fields = append(root.Fields, jsonField{Key: name, Value: v})
	}
	var b strings.Builder
	writeJSON(&b, root, 0)
	b.WriteByte('\n')
	return []byte(b.String()), nil
}

func jsonStr(s string) *jsonValue { return &jsonValue{Kind: jsonString, Str: s} }

func jsonObj(fields ...jsonField) *jsonValue { return &jsonValue{Kind: jsonObject, Fields: fields} }

func annotationsJSON(as []syntax.Annotation) *jsonValue {
	v := &jsonValue{Kind: jsonObject}
	for _, a := range as {
		v.Fields = append(v.Fields, jsonField{Key: a.Key, Value: jsonStr(a.Value)})
	}
	return v
}

func namesJSON(ns []Name) *jsonValue {
	v := &jsonValue{Kind: jsonArray, Elems: []*jsonValue{}}
	for _, n := range ns {
		v.Elems = append(v.Elems, jsonStr(n.Value))
	}
	return v
}

func entityJSON(d *EntityDecl) *jsonValue {
	v := &jsonValue{Kind: jsonObject}
	if d.IsEnum {
		choices := &jsonValue{Kind: jsonArray}
		for _, c := range d.Enum {
			choices.Elems = append(choices.Elems, jsonStr(c.Value))
		}
		v.Fields = append(v.Fields, jsonField{Key: "enum", Value: choices})
	} else {
		if len(d.MemberOf) > 0 {
			v.Fields = append(v.Fields, jsonField{Key: "memberOfTypes", Value: namesJSON(d.MemberOf)})
		}
		if d.Shape != nil {
			v.Fields = append(v.Fields, jsonField{Key: "shape", Value: typeJSON(d.Shape)})
		}
		if d.Tags != nil {
			v.Fields = append(v.Fields, jsonField{Key: "tags", Value: typeJSON(d.Tags)})
		}
	}
	if len(d.Annotations) > 0 {
		v.Fields = append(v.Fields, jsonField{Key: "annotations", Value: annotationsJSON(d.Annotations)})
	}
	return v
}

func actionJSON(d *ActionDecl) *jsonValue {
	v := &jsonValue{Kind: jsonObject}
	if d.MemberOf != nil {
		refs := &jsonValue{Kind: jsonArray, Elems: []*jsonValue{}}
		for _, r := range d.MemberOf {
			ref := jsonObj(jsonField{Key: "id", Value: jsonStr(r.ID)})
			if r.Type.Value != "" {
				ref.Fields = append(ref.Fields, jsonField{Key: "type", Value: jsonStr(r.Type.Value)})
			}
			refs.Elems = append(refs.Elems, ref)
		}
		v.Fields = append(v.Fields, jsonField{Key: "memberOf", Value: refs})
	}
	if at := d.AppliesTo; at != nil {
		a := jsonObj(
			jsonField{Key: "principalTypes", Value: namesJSON(at.Principal)},
			jsonField{Key: "resourceTypes", Value: namesJSON(at.Resource)},
		)
		if at.Context != nil {
			a.Fields = append(a.Fields, jsonField{Key: "context", Value: typeJSON(at.Context)})
		}
		v.Fields = append(v.Fields, jsonField{Key: "appliesTo", Value: a})
	}
	if len(d.Annotations) > 0 {
		v.Fields = append(v.Fields, jsonField{Key: "annotations", Value: annotationsJSON(d.Annotations)})
	}
	return v
}

// jsonTypeKeywords are the values of "type" that JSON reads as type forms
// rather than as common type names.
var jsonTypeKeywords = map[string]bool{
	"String": true, "Long": true, "Boolean": true, "Set": true, "Record": true,
	"Entity": true, "EntityOrCommon": true, "Extension": true,
}

func typeJSON(t TypeExpr) *jsonValue {
	typ := func(s string) jsonField { return jsonField{Key: "type", Value: jsonStr(s)} }
	switch t := t.(type) {
	case *PrimitiveTypeExpr:
		name := t.Kind.String()
		if t.Kind == syntax.BoolType {
			name = "Boolean"
		}
		return jsonObj(typ(name))
	case *ExtensionTypeExpr:
		return jsonObj(typ("Extension"), jsonField{Key: "name", Value: jsonStr(t.Name)})
	case *SetTypeExpr:
		return jsonObj(typ("Set"), jsonField{Key: "element", Value: typeJSON(t.Elem)})
	case *RecordTypeExpr:
		attrs := &jsonValue{Kind: jsonObject}
		index := map[string]int{}
		for _, a := range t.Attrs {
			v := typeJSON(a.Type)
			if !a.Required {
				v.Fields = append(v.Fields, jsonField{Key: "required", Value: &jsonValue{Kind: jsonBool}})
			}
			if len(a.Annotations) > 0 {
				v.Fields = append(v.Fields, jsonField{Key: "annotations", Value: annotationsJSON(a.Annotations)})
			}
			if i, dup := index[a.Name]; dup {
				attrs.Fields[i].Value = v
				continue
			}
			index[a.Name] = len(attrs.Fields)
			attrs.Fields = append(attrs.Fields, jsonField{Key: a.Name, Value: v})
		}
		return jsonObj(typ("Record"), jsonField{Key: "attributes", Value: attrs})
	case *NamedType:
		switch {
		case t.Kind == RefEntity:
			return jsonObj(typ("Entity"), jsonField{Key: "name", Value: jsonStr(t.Name)})
		case t.Kind == RefCommon && !jsonTypeKeywords[t.Name]:
			return jsonObj(typ(t.Name))
		}
		return jsonObj(typ("EntityOrCommon"), jsonField{Key: "name", Value: jsonStr(t.Name)})
	}
	return jsonObj()
}

// writeJSON serializes v with two-space indentation.
func writeJSON(b *strings.Builder, v *jsonValue, indent int) {
	switch v.Kind {
	case jsonNull:
		b.WriteString("null")
	case jsonBool:
		if v.Bool {
			b.WriteString("true")
		} else {
			b.WriteString("false")
		}
	case jsonNumber:
		b.WriteString(v.Str)
	case jsonString:
		writeJSONString(b, v.Str)
	case jsonArray:
		if len(v.Elems) == 0 {
			b.WriteString("[]")
			return
		}
		b.WriteString("[\n")
		for i, e := range v.Elems {
			b.WriteString(strings.Repeat("  ", indent+1))
			writeJSON(b, e, indent+1)
			if i < len(v.Elems)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(strings.Repeat("  ", indent) + "]")
	case jsonObject:
		if len(v.Fields) == 0 {
			b.WriteString("{}")
			return
		}
		b.WriteString("{\n")
		for i, f := range v.Fields {
			b.WriteString(strings.Repeat("  ", indent+1))
			writeJSONString(b, f.Key)
			b.WriteString(": ")
			writeJSON(b, f.Value, indent+1)
			if i < len(v.Fields)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(strings.Repeat("  ", indent) + "}")
	}
}

func writeJSONString(b *strings.Builder, s string) {
	const hex = "0123456789abcdef"
	b.WriteByte('"')
	for i := 0; i < len(s); {
		c := s[i]
		if c >= utf8.RuneSelf {
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				b.WriteString(`\ufffd`)
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		switch c {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if c < 0x20 || c == 0x7f {
				b.WriteString(`\u00`)
				b.WriteByte(hex[c>>4])
				b.WriteByte(hex[c&0xf])
			} else {
				b.WriteByte(c)
			}
		}
		i++
	}
	b.WriteByte('"')
}

// FormatJSON reformats a JSON schema file into the layout of PrintJSON:
// two-space indentation, namespace sections and declaration fields in a
// fixed order, defaults and nulls left out. It only parses the JSON; the
// schema need not resolve. FormatJSON is idempotent.
func FormatJSON(filename string, src []byte) ([]byte, error) {
	f, err := ParseJSONFile(filename, src)
	if err != nil {
		return nil, err
	}
	return PrintJSON(f)
}
