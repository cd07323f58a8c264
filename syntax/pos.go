package syntax

import "fmt"

// Pos is a position in a source file. Lines and columns count from 1;
// columns count bytes. The zero Pos means the node did not come from text.
type Pos struct {
	Filename string
	Offset   int // byte offset, from 0
	Line     int // from 1; 0 means unknown
	Column   int // byte column, from 1
}

// IsValid reports whether the position is known.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats the position as file:line:col, omitting what is unknown.
func (p Pos) String() string {
	s := p.Filename
	if p.IsValid() {
		if s != "" {
			s += ":"
		}
		s += fmt.Sprintf("%d:%d", p.Line, p.Column)
	}
	if s == "" {
		s = "-"
	}
	return s
}
