package parser

// Error kinds reported in syntax.Error.Kind. They use the names of the
// official Rust parser's errors (ToASTErrorKind) where Cedar has one, so
// that tests and tools can match on them.
const (
	// Lexical and grammar errors.
	KindUnexpectedToken     = "UnexpectedToken"     // the grammar does not allow this token here
	KindUnexpectedCharacter = "UnexpectedCharacter" // a character that starts no token
	KindUnterminatedString  = "UnterminatedString"
	KindInvalidUTF8         = "InvalidUTF8"
	KindInvalidEscape       = "InvalidEscape" // bad escape in a string literal (Rust: Unescape)
	KindNestingTooDeep      = "NestingTooDeep"
	KindExpectedOnePolicy   = "ExpectedOnePolicy" // ParsePolicy input holds zero or several policies

	// Identifiers and names.
	KindReservedIdentifier   = "ReservedIdentifier"
	KindReservedNamespace    = "ReservedNamespace" // `__cedar` in a name
	KindArbitraryVariable    = "ArbitraryVariable" // a bare name that is not a variable
	KindPathAsAttribute      = "PathAsAttribute"
	KindInvalidAttribute     = "InvalidAttribute" // a record key that is not an identifier or string
	KindInvalidEntityLiteral = "InvalidEntityLiteral"

	// Operators.
	KindAmbiguousOperators  = "AmbiguousOperators"
	KindUnaryOpLimit        = "UnaryOpLimit"
	KindUnsupportedDivision = "UnsupportedDivision"
	KindUnsupportedModulo   = "UnsupportedModulo"
	KindInvalidSingleEq     = "InvalidSingleEq"
	KindInvalidHasRHS       = "InvalidHasRHS"
	KindInvalidPattern      = "InvalidPattern"
	KindInvalidIsType       = "InvalidIsType"

	// Literals.
	KindIntegerLiteralTooLarge = "IntegerLiteralTooLarge"
	KindDuplicateKey           = "DuplicateKey"
	KindInvalidSlot            = "InvalidSlot"

	// Calls and member access.
	KindUnknownFunction      = "UnknownFunction"
	KindUnknownMethod        = "UnknownMethod"
	KindFunctionCallOnMethod = "FunctionCallOnMethod"
	KindMethodCallOnFunction = "MethodCallOnFunction"
	KindWrongArity           = "WrongArity"
	KindVariableCall         = "VariableCall"
	KindExpressionCall       = "ExpressionCall"
	KindNoMethods            = "NoMethods"
	KindInvalidAccess        = "InvalidAccess"
	KindInvalidIndex         = "InvalidIndex"
	KindNonStringIndex       = "NonStringIndex"

	// Policies.
	KindInvalidEffect              = "InvalidEffect"
	KindInvalidCondition           = "InvalidCondition"
	KindEmptyClause                = "EmptyClause"
	KindDuplicateAnnotation        = "DuplicateAnnotation"
	KindSlotsInConditionClause     = "SlotsInConditionClause"
	KindMissingScopeVariable       = "MissingScopeVariable"
	KindExtraScopeElement          = "ExtraScopeElement"
	KindInvalidScopeVariable       = "InvalidScopeVariable"
	KindIncorrectVariable          = "IncorrectVariable"
	KindTypeConstraints            = "TypeConstraints"
	KindIsWithEq                   = "IsWithEq"
	KindInvertedIsIn               = "InvertedIsIn"
	KindIsInActionScope            = "IsInActionScope"
	KindInvalidScopeOperator       = "InvalidScopeOperator"
	KindInvalidActionScopeOperator = "InvalidActionScopeOperator"
	KindInvalidActionType          = "InvalidActionType"
	KindWrongEntityArgument        = "WrongEntityArgument" // a set or slot where the scope does not allow one
	KindWrongNode                  = "WrongNode"           // a scope right-hand side that is not an entity, slot or set
)
