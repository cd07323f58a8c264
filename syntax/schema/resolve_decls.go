package schema

import (
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// collect registers every declaration, checking names and duplicates.
func (r *resolver) collect(f *File) {
	r.namespaceSet = map[string]syntax.Pos{}
	for _, n := range f.Namespaces {
		ns := n.Name.Value
		if n.Braced {
			if prev, dup := r.namespaceSet[ns]; dup {
				r.errorf(n.Name.Pos, KindDuplicateNamespace, "namespace "+ns+" is declared twice (first at "+prev.String()+")")
				continue
			}
			r.namespaceSet[ns] = n.Name.Pos
			if hasCedarComponent(ns) {
				r.errorf(n.Name.Pos, KindReservedName, "namespace "+ns+" uses the reserved name __cedar")
				continue
			}
		}
		for _, d := range n.Decls {
			r.collectDecl(ns, d)
		}
	}
}

func (r *resolver) collectDecl(ns string, d Decl) {
	switch d := d.(type) {
	case *CommonTypeDecl:
		name := d.Name.Value
		switch {
		case name == cedarNamespace:
			r.errorf(d.Name.Pos, KindReservedName, "__cedar is reserved and cannot name a common type")
			return
		case reservedCommonTypeNames[name]:
			r.errorf(d.Name.Pos, KindReservedTypeName, name+" is reserved and cannot name a common type")
			return
		}
		fq := qualify(ns, name)
		if prev := r.commons[fq]; prev != nil {
			r.errorf(d.Name.Pos, KindDuplicateCommonType, "common type "+fq+" is declared twice (first at "+prev.decl.Name.Pos.String()+")")
			return
		}
		r.commons[fq] = &commonDef{ns: ns, decl: d}
		r.commonOrder = append(r.commonOrder, fq)
	case *EntityDecl:
		for _, id := range d.Names {
			switch id.Value {
			case cedarNamespace:
				r.errorf(id.Pos, KindReservedName, "__cedar is reserved and cannot name an entity type")
				continue
			case "Action":
				r.errorf(id.Pos, KindActionTypeDeclared, "the entity type Action is implicit and cannot be declared")
				continue
			}
			fq := qualify(ns, id.Value)
			if prev := r.entities[fq]; prev != nil {
				r.errorf(id.Pos, KindDuplicateEntityType, "entity type "+fq+" is declared twice (first at "+prev.name.Pos.String()+")")
				continue
			}
			r.entities[fq] = &entityDef{ns: ns, name: id, decl: d}
			r.entityOrder = append(r.entityOrder, fq)
		}
	case *ActionDecl:
		for _, an := range d.Names {
			uid := syntax.EntityUID{Type: actionType(ns), ID: an.Value}
			if prev := r.actions[uid]; prev != nil {
				r.errorf(an.Pos, KindDuplicateAction, "action "+uid.String()+" is declared twice (first at "+prev.name.Pos.String()+")")
				continue
			}
			r.actions[uid] = &actionDef{ns: ns, name: an, decl: d}
			r.actionOrder = append(r.actionOrder, uid)
			r.actionTypes[string(uid.Type)] = true
		}
	}
}

// checkShadowing applies RFC 70: a declaration in a namespace may not
// have the basename of an entity type, common type or action declared in
// the empty namespace.
func (r *resolver) checkShadowing() {
	unqualified := map[string]bool{}
	for name := range r.entities {
		if !strings.Contains(name, "::") {
			unqualified[name] = true
		}
	}
	for name := range r.commons {
		if !strings.Contains(name, "::") {
			unqualified[name] = true
		}
	}
	check := func(fq string, pos syntax.Pos) {
		if i := strings.LastIndex(fq, "::"); i >= 0 && unqualified[fq[i+2:]] {
			r.errorf(pos, KindShadowedType, "definition of "+fq+" illegally shadows the existing definition of "+fq[i+2:])
		}
	}
	for _, fq := range r.commonOrder {
		check(fq, r.commons[fq].decl.Name.Pos)
	}
	for _, fq := range r.entityOrder {
		check(fq, r.entities[fq].name.Pos)
	}
	for _, uid := range r.actionOrder {
		if uid.Type == "Action" {
			continue
		}
		if r.actions[syntax.EntityUID{Type: "Action", ID: uid.ID}] != nil {
			r.errorf(r.actions[uid].name.Pos, KindShadowedAction, "definition of "+uid.String()+" illegally shadows the existing definition of Action::"+syntax.Quote(uid.ID))
		}
	}
}
