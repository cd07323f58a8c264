package parser

// tokKind is the kind of a lexical token.
type tokKind uint8

const (
	tEOF       tokKind = iota
	tIllegal           // a lexical error; the token's text is the message
	tIdent             // identifiers and keywords: the parser tells them apart by text
	tInt               // [0-9]+
	tString            // "...", text is the raw contents between the quotes
	tSlot              // ?ident, text includes the '?'
	tAt                // @
	tDot               // .
	tComma             // ,
	tSemi              // ;
	tColon             // :
	tColon2            // ::
	tLParen            // (
	tRParen            // )
	tLBrace            // {
	tRBrace            // }
	tLBrack            // [
	tRBrack            // ]
	tEqEq              // ==
	tNotEq             // !=
	tLess              // <
	tLessEq            // <=
	tGreaterEq         // >=
	tGreater           // >
	tOrOr              // ||
	tAndAnd            // &&
	tPlus              // +
	tMinus             // -
	tStar              // *
	tSlash             // /
	tPercent           // %
	tBang              // !
	tEq                // =
)

var tokNames = [...]string{
	tEOF: "end of input", tIllegal: "illegal token", tIdent: "identifier",
	tInt: "integer literal", tString: "string literal", tSlot: "template slot",
	tAt: "`@`", tDot: "`.`", tComma: "`,`", tSemi: "`;`", tColon: "`:`",
	tColon2: "`::`", tLParen: "`(`", tRParen: "`)`", tLBrace: "`{`",
	tRBrace: "`}`", tLBrack: "`[`", tRBrack: "`]`", tEqEq: "`==`",
	tNotEq: "`!=`", tLess: "`<`", tLessEq: "`<=`", tGreaterEq: "`>=`",
	tGreater: "`>`", tOrOr: "`||`", tAndAnd: "`&&`", tPlus: "`+`",
	tMinus: "`-`", tStar: "`*`", tSlash: "`/`", tPercent: "`%`",
	tBang: "`!`", tEq: "`=`",
}

func (k tokKind) String() string {
	if int(k) < len(tokNames) {
		return tokNames[k]
	}
	return "token"
}

// token is one lexical token. Offsets are byte offsets into the source;
// line and col are 1-based (col counts bytes).
type token struct {
	kind tokKind
	text string // identifier, number, raw string contents, slot, or error message
	bad  string // for tIllegal: the error Kind
	off  int
	end  int // offset just past the token
	line int
	col  int
}
