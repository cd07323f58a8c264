package diff

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestSameLinks checks the links' comparison: positions and empty slot
// maps aside, any change is a difference.
func TestSameLinks(t *testing.T) {
	u := syntax.EntityUID{Type: "User", ID: "a"}
	mk := func(id string, vals map[syntax.SlotID]syntax.EntityUID, line int) []syntax.TemplateLink {
		return []syntax.TemplateLink{{Pos: syntax.Pos{Line: line}, TemplateID: "t", NewID: id, Values: vals}}
	}
	if !sameLinks(mk("l", map[syntax.SlotID]syntax.EntityUID{"?principal": u}, 1), mk("l", map[syntax.SlotID]syntax.EntityUID{"?principal": u}, 2)) {
		t.Error("links differing only in position differ")
	}
	if !sameLinks(mk("l", nil, 1), mk("l", map[syntax.SlotID]syntax.EntityUID{}, 1)) {
		t.Error("a nil slot map differs from an empty one")
	}
	if sameLinks(mk("l", nil, 1), mk("m", nil, 1)) || sameLinks(mk("l", map[syntax.SlotID]syntax.EntityUID{"?principal": u}, 1), mk("l", nil, 1)) || sameLinks(mk("l", nil, 1), nil) {
		t.Error("changed links are the same")
	}
}
