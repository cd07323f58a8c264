package schema

import "github.com/cedar-crosscheck/crosscheck/syntax"

// File is an unresolved schema as written: its namespaces in source order.
// Names are kept as written (not qualified), common types are not inlined,
// and nothing has been checked beyond the grammar of the format it came
// from.
//
// In the text format, declarations written outside any `namespace` block
// belong to the empty namespace; each run of them is one Namespace with
// Braced false. A JSON schema has one Namespace per key, the "" key being
// the unbraced empty namespace.
type File struct {
	Filename   string
	Namespaces []*Namespace
	Comments   []Comment // text format only: every `//` comment, in source order
}

// Comment is one `//` comment. Trailing reports whether code precedes it on
// its line; the formatter keeps trailing comments at the end of a line and
// others on lines of their own.
type Comment struct {
	Pos      syntax.Pos
	Text     string // including the leading "//", without the line end
	Trailing bool
}

// Namespace is `namespace Name { Decls }`, or declarations of the empty
// namespace (Name "", Braced false).
type Namespace struct {
	Pos         syntax.Pos // of the first annotation or of the first token
	Annotations []syntax.Annotation
	Name        Name // "" for the empty namespace
	Braced      bool
	Decls       []Decl
	End         syntax.Pos // of the closing brace when Braced
}

// Name is a possibly qualified name as written: "User", "NS::User",
// "__cedar::Long".
type Name struct {
	Pos   syntax.Pos
	Value string
}

// Ident is a declared identifier, such as an entity type's basename.
type Ident struct {
	Pos   syntax.Pos
	Value string
}

// Decl is a declaration: *EntityDecl, *ActionDecl or *CommonTypeDecl.
type Decl interface {
	Position() syntax.Pos
	declNode()
}

// EntityDecl is `entity A, B in [G] = {...} tags T;` or
// `entity A, B enum ["x", "y"];`. Several names share one definition.
type EntityDecl struct {
	Pos         syntax.Pos
	Annotations []syntax.Annotation
	Names       []Ident
	MemberOf    []Name   // memberOfTypes
	Shape       TypeExpr // nil when not written; a *RecordTypeExpr in the text format
	Tags        TypeExpr // nil when the type has no tags
	Enum        []EnumChoice
	IsEnum      bool // an enumerated type: only Enum is meaningful
}

// EnumChoice is one entity id of an enumerated entity type.
type EnumChoice struct {
	Pos   syntax.Pos
	Value string
}

// ActionDecl is `action a, "b" in [g, NS::Action::"h"] appliesTo {...};`.
type ActionDecl struct {
	Pos         syntax.Pos
	Annotations []syntax.Annotation
	Names       []ActionName
	MemberOf    []ActionRef // nil when there is no `in` / memberOf
	AppliesTo   *AppliesToDecl
}

// ActionName is the id of a declared action. Quoted records whether it was
// written as a string literal in the text format.
type ActionName struct {
	Pos    syntax.Pos
	Value  string
	Quoted bool
}

// ActionRef names an action group: Type is "" for an unqualified reference
// (`"g"` or `g`, which means the Action type of the current namespace, or
// failing that of the empty namespace), or the written action type
// (`NS::Action` in `NS::Action::"g"`).
type ActionRef struct {
	Pos    syntax.Pos
	Type   Name
	ID     string
	Quoted bool
}

// AppliesToDecl is the appliesTo part of an action. In the text format both
// lists are non-empty; JSON may give empty lists. Context is nil when not
// written (the empty record).
type AppliesToDecl struct {
	Pos       syntax.Pos
	Principal []Name
	Resource  []Name
	Context   TypeExpr
	End       syntax.Pos // of the closing brace (text)
}

// CommonTypeDecl is `type T = Type;`.
type CommonTypeDecl struct {
	Pos         syntax.Pos
	Annotations []syntax.Annotation
	Name        Ident
	Type        TypeExpr
}

func (d *EntityDecl) Position() syntax.Pos     { return d.Pos }
func (d *ActionDecl) Position() syntax.Pos     { return d.Pos }
func (d *CommonTypeDecl) Position() syntax.Pos { return d.Pos }

func (*EntityDecl) declNode()     {}
func (*ActionDecl) declNode()     {}
func (*CommonTypeDecl) declNode() {}

// TypeExpr is a type as written: *NamedType, *PrimitiveTypeExpr,
// *ExtensionTypeExpr, *SetTypeExpr or *RecordTypeExpr.
type TypeExpr interface {
	Position() syntax.Pos
	typeNode()
}

// RefKind says what a NamedType may resolve to.
type RefKind uint8

const (
	// RefEntityOrCommon is a bare name of the text format, or JSON
	// {"type": "EntityOrCommon", "name": N}: a common type, else an entity
	// type (the built-in types are common types of `__cedar`).
	RefEntityOrCommon RefKind = iota
	// RefEntity is JSON {"type": "Entity", "name": N}.
	RefEntity
	// RefCommon is JSON {"type": N} and the text form `context: N`.
	RefCommon
)

// NamedType refers to a type by name.
type NamedType struct {
	Pos  syntax.Pos
	Name string
	Kind RefKind
}

// PrimitiveTypeExpr is JSON {"type": "Long" | "String" | "Boolean"}, which
// names the primitive type directly, without name resolution.
type PrimitiveTypeExpr struct {
	Pos  syntax.Pos
	Kind syntax.PrimitiveKind
}

// ExtensionTypeExpr is JSON {"type": "Extension", "name": N}.
type ExtensionTypeExpr struct {
	Pos  syntax.Pos
	Name string
}

// SetTypeExpr is `Set<Elem>`.
type SetTypeExpr struct {
	Pos  syntax.Pos
	Elem TypeExpr
}

// RecordTypeExpr is `{ a: T, "b"?: U }`. Attrs keeps source order; the text
// format allows repeated names (the last one wins, as in Cedar), JSON does
// not.
type RecordTypeExpr struct {
	Pos   syntax.Pos
	Attrs []*AttrDecl
	End   syntax.Pos // of the closing brace (text)
}

// AttrDecl is one attribute of a record type.
type AttrDecl struct {
	Pos         syntax.Pos // of the first annotation or of the name
	Annotations []syntax.Annotation
	Name        string
	Quoted      bool // written as a string literal (text)
	Required    bool
	Type        TypeExpr
}

func (t *NamedType) Position() syntax.Pos         { return t.Pos }
func (t *PrimitiveTypeExpr) Position() syntax.Pos { return t.Pos }
func (t *ExtensionTypeExpr) Position() syntax.Pos { return t.Pos }
func (t *SetTypeExpr) Position() syntax.Pos       { return t.Pos }
func (t *RecordTypeExpr) Position() syntax.Pos    { return t.Pos }

func (*NamedType) typeNode()         {}
func (*PrimitiveTypeExpr) typeNode() {}
func (*ExtensionTypeExpr) typeNode() {}
func (*SetTypeExpr) typeNode()       {}
func (*RecordTypeExpr) typeNode()    {}
