package reports

import (
	"slices"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// extensionArea maps each extension function and method to its area.
// The decimal comparison methods are decimal's; datetime and duration
// share offset, durationSince and the conversions (a duration is what
// they take or give, but the datetime extension defines them, as the
// Cedar documentation groups them).
var extensionArea = map[string]string{
	"decimal": AreaDecimal, "lessThan": AreaDecimal, "lessThanOrEqual": AreaDecimal,
	"greaterThan": AreaDecimal, "greaterThanOrEqual": AreaDecimal,
	"ip": AreaIPAddr, "isIpv4": AreaIPAddr, "isIpv6": AreaIPAddr, "isLoopback": AreaIPAddr,
	"isMulticast": AreaIPAddr, "isInRange": AreaIPAddr,
	"datetime": AreaDatetime, "offset": AreaDatetime, "durationSince": AreaDatetime,
	"toDate": AreaDatetime, "toTime": AreaDatetime,
	"duration": AreaDuration, "toMilliseconds": AreaDuration, "toSeconds": AreaDuration,
	"toMinutes": AreaDuration, "toHours": AreaDuration, "toDays": AreaDuration,
}

// AreasOf returns the feature areas that the authorization of a test
// touches, in ConformanceAreas order: each extension called in a
// condition, an entity attribute, a tag or a context; templates when the
// set has templates or links; entities and hierarchy when an entity has
// parents or tags, a scope or condition uses in, or a condition reads an
// entity's attributes or tags; errors when an answer (the expected one)
// has erroring policies. A test that touches none is AreaOther.
// Validation and parsing are areas of their own checks, not of the
// requests.
func AreasOf(ps *syntax.PolicySet, entities []*syntax.EntityData, reqs []*syntax.Request, answersHaveErrors bool) []string {
	set := map[string]bool{}
	visit := func(e syntax.Expr) {
		if e == nil {
			return
		}
		syntax.Inspect(e, func(x syntax.Expr) bool {
			switch x := x.(type) {
			case *syntax.Call:
				if a, ok := extensionArea[x.Name]; ok {
					set[a] = true
				}
			case *syntax.Binary:
				if x.Op == syntax.OpIn || x.Op == syntax.OpGetTag || x.Op == syntax.OpHasTag {
					set[AreaEntities] = true
				}
			case *syntax.GetAttr, *syntax.Has:
				set[AreaEntities] = true
			}
			return true
		})
	}
	if ps != nil {
		if len(ps.Links) > 0 {
			set[AreaTemplates] = true
		}
		for _, p := range ps.Policies {
			if p.IsTemplate() {
				set[AreaTemplates] = true
			}
			for _, s := range []syntax.Scope{p.Principal, p.Action, p.Resource} {
				if s.Op == syntax.ScopeIn || s.Op == syntax.ScopeIsIn || s.Op == syntax.ScopeInSet {
					set[AreaEntities] = true
				}
			}
			for _, c := range p.Conditions {
				visit(c.Body)
			}
		}
	}
	for _, e := range entities {
		if len(e.Parents) > 0 || len(e.Tags) > 0 {
			set[AreaEntities] = true
		}
		for _, f := range e.Attrs {
			visitExtensions(f.Value, set)
		}
		for _, f := range e.Tags {
			visitExtensions(f.Value, set)
		}
	}
	for _, r := range reqs {
		if r.Context != nil {
			visitExtensions(r.Context, set)
		}
	}
	if answersHaveErrors {
		set[AreaErrors] = true
	}
	var out []string
	for _, a := range ConformanceAreas {
		if set[a] {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		out = []string{AreaOther}
	}
	return out
}

// visitExtensions marks the extension areas of the calls in a value.
func visitExtensions(e syntax.Expr, set map[string]bool) {
	if e == nil {
		return
	}
	syntax.Inspect(e, func(x syntax.Expr) bool {
		if c, ok := x.(*syntax.Call); ok {
			if a, ok := extensionArea[c.Name]; ok {
				set[a] = true
			}
		}
		return true
	})
}

// sortAreas puts areas in ConformanceAreas order.
func sortAreas(areas []string) {
	slices.SortFunc(areas, func(a, b string) int { return slices.Index(ConformanceAreas, a) - slices.Index(ConformanceAreas, b) })
}
