package schema

import (
	"math"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// PrintCedar prints f in the canonical layout of the Cedar schema text
// format: two-space indentation, one declaration per paragraph, one
// attribute per line, annotations on lines of their own, lists in
// brackets. The comments of f are kept (see Format).
//
// A File read from JSON can use forms the text format cannot express: a
// shape given by a common type of another namespace (one of the same
// namespace is written out in full), a context that is neither a record
// nor a name, an entity type reference whose name a common type of the same
// name would capture in the text format. Those are KindNotRepresentable
// errors. Built-in types are written with `__cedar::` where their bare name
// would mean a declared type, so that the printed text means what the JSON
// meant.
func PrintCedar(f *File) ([]byte, error) {
	p := &textPrinter{comments: f.Comments, declared: declaredNames(f), commons: declaredCommons(f), entities: declaredEntities(f), commonDecls: map[string]*CommonTypeDecl{}}
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			if d, ok := d.(*CommonTypeDecl); ok {
				p.commonDecls[qualify(ns.Name.Value, d.Name.Value)] = d
			}
		}
	}
	for i, ns := range f.Namespaces {
		if i > 0 {
			p.blank = true
		}
		p.namespace(ns)
		if p.err != nil {
			return nil, syntax.ErrorList{p.err}
		}
	}
	p.flush(math.MaxInt)
	p.endLine()
	var b strings.Builder
	for _, l := range p.lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return []byte(b.String()), nil
}

// Format reformats a .cedarschema file into the canonical layout of
// PrintCedar, keeping every comment: comments on lines of their own stay on
// lines of their own before the item that followed them, comments after
// code stay at the end of a line. Format is idempotent. It only parses the
// text; the schema need not resolve.
func Format(filename string, src []byte) ([]byte, error) {
	f, err := ParseCedarFile(filename, src)
	if err != nil {
		return nil, err
	}
	return PrintCedar(f)
}

// declaredNames lists the fully qualified entity and common type names a
// file declares, to know when a built-in name is shadowed.
func declaredNames(f *File) map[string]bool {
	out := map[string]bool{}
	for n := range declaredCommons(f) {
		out[n] = true
	}
	for n := range declaredEntities(f) {
		out[n] = true
	}
	return out
}

// declaredCommons lists the fully qualified common type names of a file.
func declaredCommons(f *File) map[string]bool {
	out := map[string]bool{}
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			if d, ok := d.(*CommonTypeDecl); ok {
				out[qualify(ns.Name.Value, d.Name.Value)] = true
			}
		}
	}
	return out
}

// declaredEntities lists the fully qualified entity type names of a file,
// including the action entity type of each namespace that has actions.
func declaredEntities(f *File) map[string]bool {
	out := map[string]bool{}
	for _, ns := range f.Namespaces {
		for _, d := range ns.Decls {
			switch d := d.(type) {
			case *EntityDecl:
				for _, n := range d.Names {
					out[qualify(ns.Name.Value, n.Value)] = true
				}
			case *ActionDecl:
				out[qualify(ns.Name.Value, "Action")] = true
			}
		}
	}
	return out
}

type textPrinter struct {
	lines          []string
	cur            strings.Builder
	indent         int
	blank          bool // a blank line is due before the next line
	comments       []Comment
	next           int             // index of the next comment to print
	declared       map[string]bool // entity and common type names
	commons        map[string]bool
	commonDecls    map[string]*CommonTypeDecl
	entities       map[string]bool
	ns             string // the namespace being printed
	lastHasComment bool
	err            *syntax.Error
}

// write appends s to the current line, starting it with the indentation.
func (p *textPrinter) write(s string) {
	if p.cur.Len() == 0 {
		if p.blank && len(p.lines) > 0 {
			p.lines = append(p.lines, "")
		}
		p.blank = false
		p.cur.WriteString(strings.Repeat("  ", p.indent))
	}
	p.cur.WriteString(s)
}

// endLine finishes the current line, if any.
func (p *textPrinter) endLine() {
	if p.cur.Len() == 0 {
		return
	}
	p.lines = append(p.lines, p.cur.String())
	p.cur.Reset()
	p.lastHasComment = false
}

// flush prints the comments that start before offset off. A trailing
// comment goes at the end of the last line printed; others get lines of
// their own at the current indentation.
func (p *textPrinter) flush(off int) {
	for p.next < len(p.comments) && p.comments[p.next].Pos.Offset < off {
		c := p.comments[p.next]
		p.next++
		if c.Trailing && p.cur.Len() == 0 && len(p.lines) > 0 && !p.lastHasComment {
			p.lines[len(p.lines)-1] += " " + c.Text
			p.lastHasComment = true
			continue
		}
		p.endLine()
		p.write(c.Text)
		p.endLine()
		p.lastHasComment = true
	}
}

func (p *textPrinter) fail(pos syntax.Pos, msg string) {
	if p.err == nil {
		p.err = errorf(pos, KindNotRepresentable, msg)
	}
}

func (p *textPrinter) annotations(as []syntax.Annotation) {
	for _, a := range as {
		if a.HasValue {
			p.write("@" + a.Key + "(" + syntax.Quote(a.Value) + ")")
		} else {
			p.write("@" + a.Key)
		}
		p.endLine()
	}
}

func (p *textPrinter) namespace(ns *Namespace) {
	p.ns = ns.Name.Value
	if !ns.Braced {
		for i, d := range ns.Decls {
			if i > 0 {
				p.blank = true
			}
			p.decl(d)
		}
		return
	}
	p.flush(ns.Pos.Offset)
	p.annotations(ns.Annotations)
	p.flush(ns.Name.Pos.Offset)
	p.write("namespace " + ns.Name.Value + " {")
	p.endLine()
	p.indent++
	for i, d := range ns.Decls {
		if i > 0 {
			p.blank = true
		}
		p.decl(d)
	}
	p.blank = false
	p.flush(ns.End.Offset)
	p.indent--
	p.write("}")
	p.endLine()
}

func (p *textPrinter) decl(d Decl) {
	p.flush(d.Position().Offset)
	switch d := d.(type) {
	case *EntityDecl:
		p.annotations(d.Annotations)
		p.flush(d.Names[0].Pos.Offset)
		names := make([]string, len(d.Names))
		for i, n := range d.Names {
			names[i] = n.Value
		}
		p.write("entity " + strings.Join(names, ", "))
		if d.IsEnum {
			choices := make([]string, len(d.Enum))
			for i, c := range d.Enum {
				choices[i] = syntax.Quote(c.Value)
			}
			p.write(" enum [" + strings.Join(choices, ", ") + "];")
			p.endLine()
			return
		}
		if len(d.MemberOf) > 0 {
			p.write(" in " + nameList(d.MemberOf))
		}
		if d.Shape != nil {
			rec := p.shapeRecord(d.Shape)
			if rec == nil {
				p.fail(d.Shape.Position(), "the text format cannot write this entity shape: it is not a record type of the same namespace")
				return
			}
			if len(rec.Attrs) > 0 || p.commentsBefore(rec.End.Offset) {
				p.write(" = ")
				p.record(rec)
			}
		}
		if d.Tags != nil {
			p.write(" tags ")
			p.typ(d.Tags)
		}
		p.write(";")
		p.endLine()
	case *ActionDecl:
		p.annotations(d.Annotations)
		p.flush(d.Names[0].Pos.Offset)
		names := make([]string, len(d.Names))
		for i, n := range d.Names {
			names[i] = actionID(n.Value, n.Quoted)
		}
		p.write("action " + strings.Join(names, ", "))
		if len(d.MemberOf) > 0 {
			refs := make([]string, len(d.MemberOf))
			for i, r := range d.MemberOf {
				refs[i] = actionRefText(r)
			}
			p.write(" in [" + strings.Join(refs, ", ") + "]")
		}
		if at := d.AppliesTo; at != nil && len(at.Principal) > 0 && len(at.Resource) > 0 {
			p.write(" appliesTo {")
			p.endLine()
			p.indent++
			p.flush(at.Principal[0].Pos.Offset)
			p.write("principal: " + nameList(at.Principal) + ",")
			p.endLine()
			p.flush(at.Resource[0].Pos.Offset)
			p.write("resource: " + nameList(at.Resource))
			if at.Context != nil {
				p.write(",")
				p.endLine()
				p.flush(at.Context.Position().Offset)
				p.write("context: ")
				switch c := at.Context.(type) {
				case *RecordTypeExpr:
					p.record(c)
				case *NamedType:
					p.write(c.Name)
				default:
					p.fail(c.Position(), "the text format can only write a record or a common type name as a context")
				}
			}
			p.endLine()
			p.flush(at.End.Offset)
			p.indent--
			p.write("}")
		}
		p.write(";")
		p.endLine()
	case *CommonTypeDecl:
		p.annotations(d.Annotations)
		p.flush(d.Name.Pos.Offset)
		p.write("type " + d.Name.Value + " = ")
		p.typ(d.Type)
		p.write(";")
		p.endLine()
	}
}

func (p *textPrinter) commentsBefore(off int) bool {
	return p.next < len(p.comments) && p.comments[p.next].Pos.Offset < off
}

func (p *textPrinter) record(r *RecordTypeExpr) {
	if len(r.Attrs) == 0 && !p.commentsBefore(r.End.Offset) {
		p.write("{}")
		return
	}
	p.write("{")
	p.endLine()
	p.indent++
	for i, a := range r.Attrs {
		p.flush(a.Pos.Offset)
		p.annotations(a.Annotations)
		p.write(attrName(a.Name))
		if !a.Required {
			p.write("?")
		}
		p.write(": ")
		p.typ(a.Type)
		if i < len(r.Attrs)-1 {
			p.write(",")
		}
		p.endLine()
	}
	p.flush(r.End.Offset)
	p.indent--
	p.write("}")
}

func (p *textPrinter) typ(t TypeExpr) {
	switch t := t.(type) {
	case *RecordTypeExpr:
		p.record(t)
	case *SetTypeExpr:
		p.write("Set<")
		p.typ(t.Elem)
		p.write(">")
	case *PrimitiveTypeExpr:
		p.write(p.builtin(t.Kind.String()))
	case *ExtensionTypeExpr:
		p.write(p.builtin(t.Name))
	case *NamedType:
		name := t.Name
		if t.Kind == RefEntity && !p.entityNameWorks(name) {
			p.fail(t.Pos, "the text format cannot refer to entity type "+name+": a common type of the same name takes precedence")
			return
		}
		if t.Kind == RefCommon && builtinTypes[name] != nil && !p.declared[name] &&
			(p.ns == "" || !p.commons[qualify(p.ns, name)]) {
			// Only the built-in can be meant; say so if the bare name
			// could mean something else in the text format.
			name = p.builtin(name)
		}
		p.write(name)
	}
}

// shapeRecord returns the record type an entity shape stands for: the
// shape itself when it is a record, or the record that a common type of the
// current namespace defines (following common types that name other common
// types), which the text format has to write out in full. It returns nil
// when there is no such record.
func (p *textPrinter) shapeRecord(t TypeExpr) *RecordTypeExpr {
	for hops := 0; hops <= len(p.commonDecls); hops++ {
		switch tt := t.(type) {
		case *RecordTypeExpr:
			return tt
		case *NamedType:
			if tt.Kind == RefEntity {
				return nil
			}
			candidates := []string{tt.Name}
			if p.ns != "" && !strings.Contains(tt.Name, "::") {
				candidates = []string{qualify(p.ns, tt.Name), tt.Name}
			}
			var next *CommonTypeDecl
			for _, c := range candidates {
				if d := p.commonDecls[c]; d != nil {
					if syntax.EntityType(c).Namespace() != p.ns {
						return nil // its names would be read in another namespace
					}
					next = d
					break
				}
				if tt.Kind == RefEntityOrCommon && p.entities[c] {
					return nil
				}
			}
			if next == nil {
				return nil
			}
			t = next.Type
		default:
			return nil
		}
	}
	return nil
}

// entityNameWorks reports whether a bare name, which the text format
// resolves as a common type before an entity type, finds the same entity
// type as a JSON {"type": "Entity"} reference does.
func (p *textPrinter) entityNameWorks(name string) bool {
	candidates := []string{name}
	if p.ns != "" && !strings.Contains(name, "::") {
		candidates = []string{qualify(p.ns, name), name}
	}
	for _, c := range candidates {
		if p.isCommon(c) {
			return false
		}
		if p.entities[c] {
			return true
		}
	}
	return true // undeclared: an error whichever way it is written
}

// isCommon says whether the fully qualified name c means a common type:
// a declared one or a built-in (qualified, or through its bare alias).
func (p *textPrinter) isCommon(c string) bool {
	if p.commons[c] {
		return true
	}
	if base, ok := strings.CutPrefix(c, cedarNamespace+"::"); ok {
		return builtinTypes[base] != nil
	}
	return builtinTypes[c] != nil && !p.declared[c]
}

// builtin names a built-in type, qualifying it with __cedar when a
// declaration shadows the bare name.
func (p *textPrinter) builtin(name string) string {
	if p.declared[name] || p.ns != "" && p.declared[qualify(p.ns, name)] {
		return cedarNamespace + "::" + name
	}
	return name
}

func nameList(ns []Name) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = n.Value
	}
	return "[" + strings.Join(s, ", ") + "]"
}

// attrName writes an attribute name bare when it is an identifier that is
// not reserved, and quoted otherwise.
func attrName(s string) string {
	if syntax.IsIdent(s) && !syntax.ReservedWords[s] {
		return s
	}
	return syntax.Quote(s)
}

func actionID(s string, quoted bool) string {
	if !quoted && syntax.IsIdent(s) && !syntax.ReservedWords[s] {
		return s
	}
	return syntax.Quote(s)
}

func actionRefText(r ActionRef) string {
	if r.Type.Value != "" {
		return r.Type.Value + "::" + syntax.Quote(r.ID)
	}
	return actionID(r.ID, r.Quoted)
}
