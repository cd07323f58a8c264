package syntax

// Expr is a Cedar expression. The set of implementations is closed: the
// node types of this file.
//
// The tree is desugared as Cedar desugars it:
//
//	a != b        !(a == b)                          Form FormNotEq on the Not
//	a > b         !(a <= b)                          Form FormGreater
//	a >= b        !(a < b)                           Form FormGreaterEq
//	x is T in y   (x is T) && (x in y)               Form FormIsIn on the And
//	e has a.b.c   ((e has a) && (e.a has b)) && (e.a.b has c)
//	                                                 Form FormHasPath on each And
//	-5            Long -5 (a minus directly on a number literal is folded)
//
// In `x is T in y` the readers share one node x between the Is and the
// In, and in `e has a.b.c` the prefixes e, e.a and e.a.b between the steps;
// walkers visit each once (see IsInPair and HasPathStep), or nested tests
// would cost time exponential in their nesting.
//
// Form only tells the printer which surface syntax produced a node; it has
// no meaning for evaluation or typing, and printers fall back to the
// desugared form when the shape does not match the Form.
type Expr interface {
	// Position returns where the expression starts in its source text.
	Position() Pos
	exprNode()
}

// Form records the surface syntax a desugared node came from.
type Form uint8

const (
	FormPlain     Form = iota // no sugar
	FormNotEq                 // Not of Eq, written a != b
	FormGreater               // Not of LessEq, written a > b
	FormGreaterEq             // Not of Less, written a >= b
	FormIsIn                  // And of Is and In, written x is T in y
	FormHasPath               // And of Has, written e has a.b
)

// Literal is a Bool, Long, String or entity literal.
type Literal struct {
	Pos   Pos
	Value LiteralValue
}

// LiteralValue is the value of a Literal: one of bool, int64, string or
// EntityUID.
type LiteralValue interface{}

// Variable is principal, action, resource or context.
type Variable struct {
	Pos Pos
	Var Var
}

// Slot is ?principal or ?resource; it appears only in template scopes and
// in the scope expressions derived from them.
type Slot struct {
	Pos Pos
	ID  SlotID
}

// UnaryOp is a one-operand operator.
type UnaryOp uint8

const (
	OpNot     UnaryOp = iota // !a
	OpNeg                    // -a
	OpIsEmpty                // a.isEmpty()
)

func (o UnaryOp) String() string {
	switch o {
	case OpNot:
		return "!"
	case OpNeg:
		return "-"
	case OpIsEmpty:
		return "isEmpty"
	}
	return "?"
}

// Unary is a unary operator application.
type Unary struct {
	Pos  Pos
	Op   UnaryOp
	Arg  Expr
	Form Form // FormNotEq, FormGreater or FormGreaterEq on OpNot
}

// BinaryOp is a two-operand operator, including the built-in methods that
// take one argument.
type BinaryOp uint8

const (
	OpEq          BinaryOp = iota // a == b
	OpLess                        // a < b
	OpLessEq                      // a <= b
	OpIn                          // a in b
	OpAnd                         // a && b
	OpOr                          // a || b
	OpAdd                         // a + b
	OpSub                         // a - b
	OpMul                         // a * b
	OpContains                    // a.contains(b)
	OpContainsAll                 // a.containsAll(b)
	OpContainsAny                 // a.containsAny(b)
	OpGetTag                      // a.getTag(b)
	OpHasTag                      // a.hasTag(b)
)

var binaryOpNames = [...]string{"==", "<", "<=", "in", "&&", "||", "+", "-", "*",
	"contains", "containsAll", "containsAny", "getTag", "hasTag"}

func (o BinaryOp) String() string {
	if int(o) < len(binaryOpNames) {
		return binaryOpNames[o]
	}
	return "?"
}

// IsMethod reports whether the operator is written in method style.
func (o BinaryOp) IsMethod() bool { return o >= OpContains }

// Binary is a binary operator application.
type Binary struct {
	Pos   Pos
	Op    BinaryOp
	Left  Expr
	Right Expr
	Form  Form // FormIsIn or FormHasPath on OpAnd
}

// If is `if Cond then Then else Else`.
type If struct {
	Pos  Pos
	Cond Expr
	Then Expr
	Else Expr
}

// GetAttr is `Left.Attr` or `Left["Attr"]`.
type GetAttr struct {
	Pos  Pos
	Left Expr
	Attr string
}

// Has is `Left has Attr` for a single attribute.
type Has struct {
	Pos  Pos
	Left Expr
	Attr string
}

// Like is `Left like "pattern"`.
type Like struct {
	Pos     Pos
	Left    Expr
	Pattern Pattern
}

// Is is `Left is Type`.
type Is struct {
	Pos  Pos
	Left Expr
	Type EntityType
}

// SetExpr is a set literal `[e1, e2, ...]`.
type SetExpr struct {
	Pos   Pos
	Elems []Expr
}

// RecordExpr is a record literal `{k1: e1, ...}`. Keys are unique; Fields
// keeps the source order.
type RecordExpr struct {
	Pos    Pos
	Fields []Field
}

// Field is one key and value of a record literal.
type Field struct {
	Key   string
	Value Expr
}

// Call is an extension function or extension method call. For a method,
// the receiver is Args[0]. The readers of Cedar text and policy JSON accept
// only the names of Cedar's extension functions and methods, as Cedar
// does; a tree built in code may hold any name, which evaluates to an
// error.
type Call struct {
	Pos  Pos
	Name string
	Args []Expr
}

func (e *Literal) Position() Pos    { return e.Pos }
func (e *Variable) Position() Pos   { return e.Pos }
func (e *Slot) Position() Pos       { return e.Pos }
func (e *Unary) Position() Pos      { return e.Pos }
func (e *Binary) Position() Pos     { return e.Pos }
func (e *If) Position() Pos         { return e.Pos }
func (e *GetAttr) Position() Pos    { return e.Pos }
func (e *Has) Position() Pos        { return e.Pos }
func (e *Like) Position() Pos       { return e.Pos }
func (e *Is) Position() Pos         { return e.Pos }
func (e *SetExpr) Position() Pos    { return e.Pos }
func (e *RecordExpr) Position() Pos { return e.Pos }
func (e *Call) Position() Pos       { return e.Pos }

func (*Literal) exprNode()    {}
func (*Variable) exprNode()   {}
func (*Slot) exprNode()       {}
func (*Unary) exprNode()      {}
func (*Binary) exprNode()     {}
func (*If) exprNode()         {}
func (*GetAttr) exprNode()    {}
func (*Has) exprNode()        {}
func (*Like) exprNode()       {}
func (*Is) exprNode()         {}
func (*SetExpr) exprNode()    {}
func (*RecordExpr) exprNode() {}
func (*Call) exprNode()       {}

// Pattern is a `like` pattern: a sequence of literal characters and
// wildcards.
type Pattern []PatternElem

// PatternElem is one element of a pattern: a wildcard `*` that matches any
// sequence of characters, or one literal character.
type PatternElem struct {
	Wildcard bool
	Char     rune
}

// Constructors for building trees in code (generators, tests, JSON
// readers). They leave positions zero.

func Bool(b bool) *Literal               { return &Literal{Value: b} }
func Long(i int64) *Literal              { return &Literal{Value: i} }
func String(s string) *Literal           { return &Literal{Value: s} }
func Entity(u EntityUID) *Literal        { return &Literal{Value: u} }
func VarExpr(v Var) *Variable            { return &Variable{Var: v} }
func Not(a Expr) *Unary                  { return &Unary{Op: OpNot, Arg: a} }
func Neg(a Expr) *Unary                  { return &Unary{Op: OpNeg, Arg: a} }
func IsEmpty(a Expr) *Unary              { return &Unary{Op: OpIsEmpty, Arg: a} }
func Bin(op BinaryOp, a, b Expr) *Binary { return &Binary{Op: op, Left: a, Right: b} }
