package cedarjson

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Error kinds reported in syntax.Error.Kind by this package.
const (
	KindSyntax             = "JSONSyntax"               // malformed JSON text
	KindTooDeep            = "TooDeep"                  // nesting deeper than MaxDepth
	KindDuplicateKey       = "DuplicateKey"             // an object repeats a key
	KindUnknownField       = "UnknownField"             // an object has a field the format does not define
	KindMissingField       = "MissingField"             // a required field is absent
	KindWrongShape         = "WrongShape"               // a JSON value of the wrong kind (object, array, string...)
	KindNull               = "Null"                     // null where a Cedar value is expected
	KindNotInteger         = "NotInteger"               // a number with a fraction or exponent
	KindIntegerOverflow    = "IntegerOverflow"          // an integer outside the int64 range
	KindExprEscape         = "ExprEscape"               // the removed __expr escape
	KindInvalidEscape      = "InvalidEscape"            // a malformed __entity or __extn escape
	KindInvalidName        = "InvalidName"              // an entity type or function name that is not a normalized Cedar name
	KindUnknownOperator    = "UnknownOperator"          // a policy-JSON expression with an unknown key
	KindInvalidSlot        = "InvalidSlot"              // a slot that is not ?principal or ?resource, or in the wrong place
	KindInvalidScope       = "InvalidScope"             // a scope constraint the position does not allow
	KindInvalidPattern     = "InvalidPattern"           // a malformed like pattern element
	KindDuplicatePolicyID  = "DuplicatePolicyID"        // two policies, templates or links share an id
	KindInvalidLink        = "InvalidLink"              // a template link that does not fit its template
	KindDuplicateEntity    = "DuplicateEntity"          // two different entities with the same uid
	KindTypeMismatch       = "TypeMismatch"             // a value that does not have the schema's type
	KindMissingAttribute   = "MissingAttribute"         // a required attribute is absent
	KindUnexpectedAttr     = "UnexpectedAttribute"      // an attribute the schema does not declare
	KindUndeclaredType     = "UndeclaredEntityType"     // an entity type the schema does not declare
	KindInvalidParent      = "InvalidParent"            // a parent type not allowed by memberOfTypes
	KindInvalidEnumID      = "InvalidEnumID"            // an id not listed by an enumerated entity type
	KindTagsNotAllowed     = "TagsNotAllowed"           // tags on an entity whose type declares none
	KindActionMismatch     = "ActionMismatch"           // an action entity that differs from the schema
	KindUndeclaredAction   = "UndeclaredAction"         // an action the schema does not declare
	KindUnknownExtFunction = "UnknownExtensionFunction" // an extension function with no known result type
)

// path is the JSON path of a value, as a linked list from the value up to
// the root, so that building it costs nothing until an error needs it.
type path struct {
	parent *path
	key    string // object key; used when index < 0
	index  int
}

func (p *path) field(k string) *path { return &path{parent: p, key: k, index: -1} }
func (p *path) elem(i int) *path     { return &path{parent: p, index: i} }

// String renders the path as $.a[0]["b c"].
func (p *path) String() string {
	var parts []*path
	for q := p; q != nil; q = q.parent {
		parts = append(parts, q)
	}
	var b strings.Builder
	b.WriteString("$")
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		if q.index >= 0 {
			b.WriteString("[" + strconv.Itoa(q.index) + "]")
		} else if syntax.IsIdent(q.key) {
			b.WriteString("." + q.key)
		} else {
			b.WriteString("[" + strconv.Quote(q.key) + "]")
		}
	}
	return b.String()
}

// decoder holds what every reader needs to report errors: the file name
// and the source, to turn byte offsets into lines and columns.
type decoder struct {
	filename string
	src      []byte
	lines    []int // offsets of line starts, computed on first use

	// firstSlot is the first slot read since it was last reset, so that
	// a condition can be checked for slots without walking its tree.
	firstSlot *syntax.Slot
}

// pos converts a byte offset into a position.
func (d *decoder) pos(off int) syntax.Pos {
	if d.lines == nil {
		d.lines = append(d.lines, 0)
		for i, c := range d.src {
			if c == '\n' {
				d.lines = append(d.lines, i+1)
			}
		}
	}
	lo, hi := 0, len(d.lines)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if d.lines[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return syntax.Pos{Filename: d.filename, Offset: off, Line: lo + 1, Column: off - d.lines[lo] + 1}
}

// errorf returns an error of the given kind at node n, naming its path.
func (d *decoder) errorf(n *node, p *path, kind, format string, args ...any) *syntax.Error {
	off := 0
	if n != nil {
		off = n.off
	}
	return d.errorAt(off, kind, p.String()+": "+fmt.Sprintf(format, args...))
}

// errorAt returns an error of the given kind at a byte offset.
func (d *decoder) errorAt(off int, kind, msg string) *syntax.Error {
	return &syntax.Error{Pos: d.pos(off), Kind: kind, Msg: msg}
}
