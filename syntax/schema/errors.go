package schema

import "github.com/cedar-crosscheck/crosscheck/syntax"

// Error kinds. Each *syntax.Error this package returns has one of these as
// its Kind; the names are stable and meant for tests and tooling.
const (
	// Reading the input.
	KindInvalidUTF8      = "InvalidUTF8"     // the source is not UTF-8
	KindInvalidToken     = "InvalidToken"    // a character no token starts with
	KindUnterminated     = "Unterminated"    // a string literal without its closing quote
	KindInvalidEscape    = "InvalidEscape"   // a bad escape sequence in a string literal
	KindUnexpectedToken  = "UnexpectedToken" // the grammar does not allow this token here
	KindUnexpectedEOF    = "UnexpectedEOF"   // the input ends too early
	KindReservedWord     = "ReservedWord"    // true, false, if, then, else, in, is, has or like used as a name
	KindNestingTooDeep   = "NestingTooDeep"  // types or JSON nested deeper than MaxDepth
	KindInvalidJSON      = "InvalidJSON"     // not well-formed JSON
	KindDuplicateKey     = "DuplicateKey"    // a JSON object repeats a key
	KindUnknownField     = "UnknownField"    // a JSON object has a field the format does not define
	KindMissingField     = "MissingField"    // a JSON object lacks a required field
	KindWrongJSONType    = "WrongJSONType"   // a JSON value of the wrong kind, such as an array for an object
	KindInvalidName      = "InvalidName"     // a string that should be a (normalized) Cedar name is not one
	KindUnexpectedField  = "UnexpectedField" // an enum entity type with memberOfTypes, shape or tags
	KindEmptyEnum        = "EmptyEnum"       // an enum entity type without choices
	KindUnsupported      = "Unsupported"     // action attributes, open records: not part of Cedar 4.x validation
	KindDuplicateAnnot   = "DuplicateAnnotation"
	KindAnnotationOnRoot = "AnnotationOnEmptyNamespace" // JSON: annotations on the "" namespace

	// Declarations.
	KindReservedName        = "ReservedName"             // __cedar used in a declared name or namespace
	KindReservedTypeName    = "ReservedCommonTypeName"   // a common type named Bool, Boolean, Entity, Extension, Long, Record, Set or String
	KindDuplicateNamespace  = "DuplicateNamespace"       // the same namespace block twice in a text schema
	KindDuplicateEntityType = "DuplicateEntityType"      // an entity type declared twice
	KindDuplicateCommonType = "DuplicateCommonType"      // a common type declared twice
	KindDuplicateAction     = "DuplicateAction"          // an action declared twice
	KindDuplicateAppliesTo  = "DuplicateAppliesTo"       // principal, resource or context twice in one appliesTo
	KindMissingAppliesTo    = "MissingAppliesTo"         // an appliesTo without principal or resource
	KindEmptyAppliesTo      = "EmptyAppliesTo"           // principal: [] or resource: [] in the text format
	KindActionTypeDeclared  = "ActionEntityTypeDeclared" // an entity type named Action

	// Resolution.
	KindUndefinedType        = "UndefinedType"        // a type name that names nothing in scope
	KindUndeclaredEntityType = "UndeclaredEntityType" // memberOfTypes or appliesTo naming a type that is not a declared entity type
	KindUndefinedAction      = "UndefinedAction"      // an action group that is not declared
	KindUnknownExtension     = "UnknownExtensionType" // an extension type other than ipaddr, decimal, datetime, duration
	KindCommonTypeCycle      = "CycleInCommonTypes"   // common types defined in terms of themselves
	KindActionCycle          = "CycleInActionHierarchy"
	KindShadowedType         = "ShadowedType"   // RFC 70: a namespaced type shadows one of the empty namespace
	KindShadowedAction       = "ShadowedAction" // RFC 70: a namespaced action shadows one of the empty namespace
	KindShapeNotRecord       = "ShapeNotRecord"
	KindContextNotRecord     = "ContextNotRecord"

	// Printing.
	KindNotRepresentable = "NotRepresentable" // the target format cannot express this schema
)

// MaxDepth bounds the nesting of types in both formats and of values in
// JSON input, so that hostile input cannot exhaust the stack.
const MaxDepth = 200

// errorf builds one positioned error.
func errorf(pos syntax.Pos, kind, msg string) *syntax.Error {
	return &syntax.Error{Pos: pos, Kind: kind, Msg: msg}
}
