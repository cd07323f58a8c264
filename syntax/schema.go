package syntax

// Schema is a resolved schema: every name is fully qualified, common types
// are inlined, and actions are keyed by their uid. Package syntax/schema
// reads schema text and JSON into this form.
type Schema struct {
	EntityTypes map[EntityType]*EntityTypeDef
	Actions     map[EntityUID]*ActionDef
}

// EntityTypeDef declares an entity type.
type EntityTypeDef struct {
	Name          EntityType
	MemberOfTypes []EntityType // types an entity of this type may have as parents
	Shape         *RecordType  // attributes; never nil (empty for none)
	Tags          Type         // the type of every tag value; nil when tags are not allowed
	Enum          []string     // the allowed ids of an enumerated type; nil otherwise
	Annotations   []Annotation
}

// IsEnum reports whether the type is an enumerated entity type.
func (d *EntityTypeDef) IsEnum() bool { return d.Enum != nil }

// ActionDef declares an action.
type ActionDef struct {
	UID         EntityUID
	MemberOf    []EntityUID // the action groups this action is directly in
	AppliesTo   *AppliesTo  // nil: the action applies to no request
	Annotations []Annotation
}

// AppliesTo lists the principal and resource types an action applies to,
// and the type of the request context.
type AppliesTo struct {
	PrincipalTypes []EntityType
	ResourceTypes  []EntityType
	Context        *RecordType // never nil (empty record for none)
}

// Type is a schema type. The set of implementations is closed: the types
// of this file.
type Type interface{ schemaType() }

// PrimitiveKind names a primitive schema type.
type PrimitiveKind uint8

const (
	LongType PrimitiveKind = iota
	StringType
	BoolType
)

func (k PrimitiveKind) String() string {
	switch k {
	case LongType:
		return "Long"
	case StringType:
		return "String"
	case BoolType:
		return "Bool"
	}
	return "?"
}

// PrimitiveType is Long, String or Bool.
type PrimitiveType struct{ Kind PrimitiveKind }

// SetType is Set<Elem>.
type SetType struct{ Elem Type }

// RecordType is a record with named attributes.
type RecordType struct{ Attrs map[string]*AttributeType }

// AttributeType is the type of one attribute and whether it must be
// present.
type AttributeType struct {
	Type        Type
	Required    bool
	Annotations []Annotation
}

// EntityRefType is a reference to an entity of type Name.
type EntityRefType struct{ Name EntityType }

// ExtensionType is one of the extension types: "ipaddr", "decimal",
// "datetime" or "duration".
type ExtensionType struct{ Name string }

func (*PrimitiveType) schemaType() {}
func (*SetType) schemaType()       {}
func (*RecordType) schemaType()    {}
func (*EntityRefType) schemaType() {}
func (*ExtensionType) schemaType() {}
