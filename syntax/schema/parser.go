package schema

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// ParseCedarFile parses a schema in the Cedar schema text format into its
// unresolved AST, keeping comments for the formatter. It checks the grammar
// and the rules Cedar checks while reading the text (reserved words,
// duplicate annotations, the shape of appliesTo); Resolve checks the rest.
func ParseCedarFile(filename string, src []byte) (f *File, err error) {
	toks, comments, err := lex(filename, src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	defer func() {
		if r := recover(); r != nil {
			b, ok := r.(bailout)
			if !ok {
				panic(r)
			}
			f, err = nil, syntax.ErrorList{b.err}
		}
	}()
	f = &File{Filename: filename, Comments: comments}
	p.file(f)
	return f, nil
}

// bailout carries the first syntax error up to ParseCedarFile.
type bailout struct{ err *syntax.Error }

type parser struct {
	toks  []token
	i     int
	depth int
}

func (p *parser) peek() token { return p.toks[p.i] }

// peekAt looks k tokens ahead (the EOF token repeats at the end).
func (p *parser) peekAt(k int) token {
	if p.i+k >= len(p.toks) {
		return p.toks[len(p.toks)-1]
	}
	return p.toks[p.i+k]
}

func (p *parser) next() token {
	t := p.toks[p.i]
	if t.Kind != tokEOF {
		p.i++
	}
	return t
}

func (p *parser) fail(pos syntax.Pos, kind, msg string) {
	panic(bailout{errorf(pos, kind, msg)})
}

// unexpected reports the token t where something else was expected.
func (p *parser) unexpected(t token, expected string) {
	if t.Kind == tokEOF {
		p.fail(t.Pos, KindUnexpectedEOF, "unexpected end of input, expected "+expected)
	}
	if t.Kind == tokNumber {
		p.fail(t.Pos, KindUnexpectedToken, "unexpected number "+t.Text+", expected "+expected)
	}
	p.fail(t.Pos, KindUnexpectedToken, "unexpected "+t.describe()+", expected "+expected)
}

func (p *parser) isPunct(s string) bool {
	t := p.peek()
	return t.Kind == tokPunct && t.Text == s
}

func (p *parser) isWord(s string) bool {
	t := p.peek()
	return t.Kind == tokIdent && t.Text == s
}

func (p *parser) expectPunct(s string) token {
	if !p.isPunct(s) {
		p.unexpected(p.peek(), "`"+s+"`")
	}
	return p.next()
}

func (p *parser) expectWord(s string) token {
	if !p.isWord(s) {
		p.unexpected(p.peek(), "`"+s+"`")
	}
	return p.next()
}

func (p *parser) expectString(what string) token {
	if p.peek().Kind != tokString {
		p.unexpected(p.peek(), what)
	}
	return p.next()
}

// file parses Schema := {Annotation* (Namespace | Decl)}.
func (p *parser) file(f *File) {
	for p.peek().Kind != tokEOF {
		start := p.peek().Pos
		annots := p.annotations()
		if p.isWord("namespace") {
			f.Namespaces = append(f.Namespaces, p.namespace(start, annots))
			continue
		}
		d := p.decl(start, annots)
		if n := len(f.Namespaces); n > 0 && !f.Namespaces[n-1].Braced {
			f.Namespaces[n-1].Decls = append(f.Namespaces[n-1].Decls, d)
		} else {
			f.Namespaces = append(f.Namespaces, &Namespace{Pos: start, Decls: []Decl{d}})
		}
	}
}

// namespace parses 'namespace' Path '{' {Annotation* Decl} '}'.
func (p *parser) namespace(start syntax.Pos, annots []syntax.Annotation) *Namespace {
	p.expectWord("namespace")
	ns := &Namespace{Pos: start, Annotations: annots, Braced: true}
	ns.Name = p.path()
	p.expectPunct("{")
	for !p.isPunct("}") {
		dstart := p.peek().Pos
		dannots := p.annotations()
		ns.Decls = append(ns.Decls, p.decl(dstart, dannots))
	}
	ns.End = p.next().Pos
	return ns
}

// annotations parses {'@' AnyIdent ['(' STR ')']}; keys must be distinct.
func (p *parser) annotations() []syntax.Annotation {
	var out []syntax.Annotation
	var first map[string]int // index in out of each key, to find duplicates in linear time
	for p.isPunct("@") {
		at := p.next()
		key := p.peek()
		if key.Kind != tokIdent {
			p.unexpected(key, "an annotation name")
		}
		p.next()
		a := syntax.Annotation{Pos: at.Pos, Key: key.Text}
		if p.isPunct("(") {
			p.next()
			a.Value = p.expectString("a string literal").Text
			a.HasValue = true
			p.expectPunct(")")
		}
		if i, ok := first[a.Key]; ok {
			p.fail(at.Pos, KindDuplicateAnnot, "duplicate annotation @"+a.Key+" (first at "+out[i].Pos.String()+")")
		}
		if first == nil {
			first = make(map[string]int)
		}
		first[a.Key] = len(out)
		out = append(out, a)
	}
	return out
}

// decl parses Entity | Action | TypeDecl.
func (p *parser) decl(start syntax.Pos, annots []syntax.Annotation) Decl {
	t := p.peek()
	if t.Kind == tokIdent {
		switch t.Text {
		case "entity":
			return p.entity(start, annots)
		case "action":
			return p.action(start, annots)
		case "type":
			return p.typeDecl(start, annots)
		}
	}
	p.unexpected(t, "`entity`, `action`, `type` or `namespace`")
	return nil
}

// ident parses an identifier that is not a reserved word.
func (p *parser) ident(what string) Ident {
	t := p.peek()
	if t.Kind != tokIdent {
		p.unexpected(t, what)
	}
	if syntax.ReservedWords[t.Text] {
		p.fail(t.Pos, KindReservedWord, "`"+t.Text+"` is a reserved word and cannot be used as "+what)
	}
	p.next()
	return Ident{Pos: t.Pos, Value: t.Text}
}

// path parses Ident {'::' Ident}.
func (p *parser) path() Name {
	first := p.ident("a name")
	parts := []string{first.Value}
	for p.isPunct("::") {
		p.next()
		parts = append(parts, p.ident("a name").Value)
	}
	return Name{Pos: first.Pos, Value: strings.Join(parts, "::")}
}

// entTypes parses Path | '[' [Path {',' Path}] ']'.
func (p *parser) entTypes() []Name {
	if !p.isPunct("[") {
		return []Name{p.path()}
	}
	p.next()
	out := []Name{}
	if p.isPunct("]") {
		p.next()
		return out
	}
	for {
		out = append(out, p.path())
		if p.isPunct(",") {
			p.next()
			continue
		}
		p.expectPunct("]")
		return out
	}
}

// entity parses
//
//	'entity' Idents ['in' EntTypes] [['='] RecType] ['tags' Type] ';'
//	'entity' Idents 'enum' '[' STR {',' STR} ']' ';'
func (p *parser) entity(start syntax.Pos, annots []syntax.Annotation) *EntityDecl {
	p.expectWord("entity")
	d := &EntityDecl{Pos: start, Annotations: annots}
	for {
		d.Names = append(d.Names, p.ident("an entity type name"))
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if p.isWord("enum") {
		p.next()
		d.IsEnum = true
		p.expectPunct("[")
		for {
			s := p.expectString("a string literal")
			d.Enum = append(d.Enum, EnumChoice{Pos: s.Pos, Value: s.Text})
			if !p.isPunct(",") {
				break
			}
			p.next()
		}
		p.expectPunct("]")
		p.expectPunct(";")
		return d
	}
	if p.isWord("in") {
		p.next()
		d.MemberOf = p.entTypes()
	}
	if p.isPunct("=") {
		p.next()
		if !p.isPunct("{") {
			p.unexpected(p.peek(), "`{`")
		}
	}
	if p.isPunct("{") {
		d.Shape = p.record()
	}
	if p.isWord("tags") {
		p.next()
		d.Tags = p.typeExpr()
	}
	if !p.isPunct(";") {
		p.unexpected(p.peek(), "`;`")
	}
	p.next()
	return d
}

// action parses
//
//	'action' Names ['in' (QualName | '[' QualNames ']')]
//	         ['appliesTo' '{' AppDecls '}'] ['attributes' '{' '}'] ';'
func (p *parser) action(start syntax.Pos, annots []syntax.Annotation) *ActionDecl {
	p.expectWord("action")
	d := &ActionDecl{Pos: start, Annotations: annots}
	for {
		t := p.peek()
		if t.Kind == tokString {
			p.next()
			d.Names = append(d.Names, ActionName{Pos: t.Pos, Value: t.Text, Quoted: true})
		} else {
			id := p.ident("an action name")
			d.Names = append(d.Names, ActionName{Pos: id.Pos, Value: id.Value})
		}
		if !p.isPunct(",") {
			break
		}
		p.next()
	}
	if p.isWord("in") {
		p.next()
		if p.isPunct("[") {
			p.next()
			for {
				d.MemberOf = append(d.MemberOf, p.qualName())
				if !p.isPunct(",") {
					break
				}
				p.next()
			}
			p.expectPunct("]")
		} else {
			d.MemberOf = []ActionRef{p.qualName()}
		}
	}
	if p.isWord("appliesTo") {
		d.AppliesTo = p.appliesTo()
	}
	if p.isWord("attributes") {
		// Accepted and ignored, as Cedar does: action attributes are not
		// part of the text format.
		p.next()
		p.expectPunct("{")
		p.expectPunct("}")
	}
	if !p.isPunct(";") {
		p.unexpected(p.peek(), "`;`")
	}
	p.next()
	return d
}

// qualName parses QualName := Name | Path '::' STR.
func (p *parser) qualName() ActionRef {
	t := p.peek()
	if t.Kind == tokString {
		p.next()
		return ActionRef{Pos: t.Pos, ID: t.Text, Quoted: true}
	}
	first := p.ident("an action name")
	parts := []string{first.Value}
	for p.isPunct("::") {
		if s := p.peekAt(1); s.Kind == tokString {
			p.next()
			p.next()
			return ActionRef{Pos: first.Pos, Type: Name{Pos: first.Pos, Value: strings.Join(parts, "::")}, ID: s.Text, Quoted: true}
		}
		p.next()
		parts = append(parts, p.ident("a name").Value)
	}
	if len(parts) > 1 {
		p.unexpected(p.peek(), "`::` and a quoted action id")
	}
	return ActionRef{Pos: first.Pos, ID: first.Value}
}

// appliesTo parses 'appliesTo' '{' AppDecls '}' where AppDecls is a
// non-empty, comma-separated list (trailing comma allowed) of
// `principal: EntTypes`, `resource: EntTypes` and `context: (Path | RecType)`.
func (p *parser) appliesTo() *AppliesToDecl {
	kw := p.expectWord("appliesTo")
	a := &AppliesToDecl{Pos: kw.Pos}
	p.expectPunct("{")
	var seenP, seenR, seenC bool
	for {
		t := p.peek()
		if t.Kind != tokIdent || (t.Text != "principal" && t.Text != "resource" && t.Text != "context") {
			p.unexpected(t, "`principal`, `resource` or `context`")
		}
		p.next()
		p.expectPunct(":")
		switch t.Text {
		case "principal", "resource":
			seen := &seenP
			if t.Text == "resource" {
				seen = &seenR
			}
			if *seen {
				p.fail(t.Pos, KindDuplicateAppliesTo, "duplicate `"+t.Text+"` declaration in appliesTo")
			}
			*seen = true
			list := p.entTypes()
			if len(list) == 0 {
				p.fail(t.Pos, KindEmptyAppliesTo, "`"+t.Text+"` needs at least one entity type; leave out appliesTo for an action that applies to nothing")
			}
			if t.Text == "principal" {
				a.Principal = list
			} else {
				a.Resource = list
			}
		case "context":
			if seenC {
				p.fail(t.Pos, KindDuplicateAppliesTo, "duplicate `context` declaration in appliesTo")
			}
			seenC = true
			if p.isPunct("{") {
				a.Context = p.record()
			} else {
				n := p.path()
				a.Context = &NamedType{Pos: n.Pos, Name: n.Value, Kind: RefCommon}
			}
		}
		if p.isPunct(",") {
			p.next()
			if p.isPunct("}") {
				break
			}
			continue
		}
		if !p.isPunct("}") {
			p.unexpected(p.peek(), "`,` or `}`")
		}
		break
	}
	a.End = p.next().Pos
	if !seenP {
		p.fail(kw.Pos, KindMissingAppliesTo, "appliesTo must declare `principal`")
	}
	if !seenR {
		p.fail(kw.Pos, KindMissingAppliesTo, "appliesTo must declare `resource`")
	}
	return a
}

// typeDecl parses 'type' Ident '=' Type ';'.
func (p *parser) typeDecl(start syntax.Pos, annots []syntax.Annotation) *CommonTypeDecl {
	p.expectWord("type")
	d := &CommonTypeDecl{Pos: start, Annotations: annots}
	d.Name = p.ident("a common type name")
	p.expectPunct("=")
	d.Type = p.typeExpr()
	p.expectPunct(";")
	return d
}

// typeExpr parses Type := Path | 'Set' '<' Type '>' | RecType.
func (p *parser) typeExpr() TypeExpr {
	t := p.peek()
	if p.depth >= MaxDepth {
		p.fail(t.Pos, KindNestingTooDeep, "types are nested too deeply")
	}
	p.depth++
	defer func() { p.depth-- }()
	switch {
	case t.Kind == tokPunct && t.Text == "{":
		return p.record()
	case t.Kind == tokIdent && t.Text == "Set" && p.peekAt(1).Kind == tokPunct && p.peekAt(1).Text == "<":
		p.next()
		p.next()
		elem := p.typeExpr()
		p.expectPunct(">")
		return &SetTypeExpr{Pos: t.Pos, Elem: elem}
	case t.Kind == tokIdent:
		n := p.path()
		return &NamedType{Pos: n.Pos, Name: n.Value, Kind: RefEntityOrCommon}
	}
	p.unexpected(t, "a type")
	return nil
}

// record parses RecType := '{' [AttrDecls] '}' where AttrDecls is a
// comma-separated list of `Annotation* Name ['?'] ':' Type`, trailing comma
// allowed.
func (p *parser) record() *RecordTypeExpr {
	open := p.expectPunct("{")
	if p.depth >= MaxDepth {
		p.fail(open.Pos, KindNestingTooDeep, "types are nested too deeply")
	}
	p.depth++
	defer func() { p.depth-- }()
	r := &RecordTypeExpr{Pos: open.Pos}
	for !p.isPunct("}") {
		start := p.peek().Pos
		a := &AttrDecl{Pos: start, Annotations: p.annotations(), Required: true}
		if t := p.peek(); t.Kind == tokString {
			p.next()
			a.Name, a.Quoted = t.Text, true
		} else {
			a.Name = p.ident("an attribute name").Value
		}
		if p.isPunct("?") {
			p.next()
			a.Required = false
		}
		p.expectPunct(":")
		a.Type = p.typeExpr()
		r.Attrs = append(r.Attrs, a)
		if p.isPunct(",") {
			p.next()
			continue
		}
		if !p.isPunct("}") {
			p.unexpected(p.peek(), "`,` or `}`")
		}
	}
	r.End = p.next().Pos
	return r
}
