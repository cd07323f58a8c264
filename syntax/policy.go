package syntax

import "strconv"

// Effect is what a satisfied policy does: permit or forbid.
type Effect uint8

const (
	Permit Effect = iota
	Forbid
)

func (e Effect) String() string {
	if e == Forbid {
		return "forbid"
	}
	return "permit"
}

// Annotation is `@key("value")`. An annotation written without a value
// (`@key`) has Value "" and HasValue false; Cedar treats it as "".
type Annotation struct {
	Pos      Pos
	Key      string
	Value    string
	HasValue bool
}

// Policy is a static policy or a template (a policy whose scope mentions a
// slot). Its meaning is the condition
//
//	principalScope && (actionScope && (resourceScope && conditions))
//
// where the conditions are right-folded with &&, and `unless {e}` stands
// for `!e`.
type Policy struct {
	Pos         Pos
	ID          string
	Annotations []Annotation
	Effect      Effect
	Principal   Scope // Op is ScopeAll, ScopeEq, ScopeIn, ScopeIs or ScopeIsIn
	Action      Scope // Op is ScopeAll, ScopeEq, ScopeIn or ScopeInSet
	Resource    Scope // as Principal
	Conditions  []Condition
}

// IsTemplate reports whether the policy has a slot in its scope.
func (p *Policy) IsTemplate() bool {
	return p.Principal.Slot != "" || p.Resource.Slot != ""
}

// Slots lists the slots the policy's scope uses, principal first.
func (p *Policy) Slots() []SlotID {
	var out []SlotID
	if p.Principal.Slot != "" {
		out = append(out, p.Principal.Slot)
	}
	if p.Resource.Slot != "" {
		out = append(out, p.Resource.Slot)
	}
	return out
}

// Annotation returns the value of the annotation key and whether it is
// present.
func (p *Policy) Annotation(key string) (string, bool) {
	for _, a := range p.Annotations {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// ScopeOp is the form of one scope constraint.
type ScopeOp uint8

const (
	ScopeAll   ScopeOp = iota // `principal`: always true
	ScopeEq                   // `principal == E`
	ScopeIn                   // `principal in E`
	ScopeIs                   // `principal is T`
	ScopeIsIn                 // `principal is T in E`
	ScopeInSet                // `action in [E1, E2]` (action only)
)

func (o ScopeOp) String() string {
	switch o {
	case ScopeAll:
		return "all"
	case ScopeEq:
		return "=="
	case ScopeIn:
		return "in"
	case ScopeIs:
		return "is"
	case ScopeIsIn:
		return "is-in"
	case ScopeInSet:
		return "in-set"
	}
	return "?"
}

// Scope is one constraint of a policy's scope.
//
// For ScopeEq, ScopeIn and ScopeIsIn the right-hand side is Slot when Slot
// is not empty, and Entity otherwise. ScopeIs and ScopeIsIn use Type.
// ScopeInSet uses Entities (possibly empty, which never matches).
type Scope struct {
	Pos      Pos
	Op       ScopeOp
	Type     EntityType
	Entity   EntityUID
	Slot     SlotID
	Entities []EntityUID
}

// ConditionKind tells a `when` clause from an `unless` clause.
type ConditionKind uint8

const (
	When ConditionKind = iota
	Unless
)

func (k ConditionKind) String() string {
	if k == Unless {
		return "unless"
	}
	return "when"
}

// Condition is `when { Body }` or `unless { Body }`.
type Condition struct {
	Pos  Pos
	Kind ConditionKind
	Body Expr
}

// TemplateLink instantiates a template: the policy NewID is the template
// TemplateID with each slot replaced by its value.
type TemplateLink struct {
	Pos        Pos
	TemplateID string
	NewID      string
	Values     map[SlotID]EntityUID
}

// PolicySet is a list of static policies and templates, in source order,
// plus the links that instantiate templates. Ids are unique across
// policies, templates and links.
type PolicySet struct {
	Policies []*Policy // static policies and templates, in order
	Links    []TemplateLink
}

// Policy returns the policy or template with the given id, or nil.
func (s *PolicySet) Policy(id string) *Policy {
	for _, p := range s.Policies {
		if p.ID == id {
			return p
		}
	}
	return nil
}

// DefaultPolicyID is the id Cedar gives the i-th policy of a text policy
// set: "policy0", "policy1", and so on.
func DefaultPolicyID(i int) string { return "policy" + strconv.Itoa(i) }
