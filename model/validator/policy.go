package validator

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// Validate checks every policy and template of ps against the schema,
// and every template link. A policy (or template) validates when:
//   - every entity type, action and enumerated id it names is declared;
//   - its scope admits at least one request environment of the schema
//     (otherwise InvalidActionApplication);
//   - it types as a boolean, without error, in every environment its
//     scope admits.
//
// A policy that is False in every admitted environment can never apply;
// that is the warning ImpossiblePolicy, and the policy still validates.
// A link validates when the entity types it binds are declared and the
// linked scope admits some environment.
//
// By default Validate follows Cedar 4.10, which generated the integration
// corpus; see InapplicableScopeAsWarning for the official engine 4.13.
func Validate(schema *syntax.Schema, ps *syntax.PolicySet, opts ...Option) Result {
	v := &validation{ix: newSchemaIndex(schema)}
	for _, o := range opts {
		o(&v.options)
	}
	v.envs = v.ix.environments()
	if ps == nil {
		return Result{}
	}
	for _, p := range ps.Policies {
		if p != nil {
			v.policy(p)
		}
	}
	for _, l := range ps.Links {
		v.link(ps, l)
	}
	return Result{Errors: v.errors.list, Warnings: v.warnings.list}
}

// Option adjusts Validate to the behaviour of a particular Cedar release.
type Option func(*options)

type options struct {
	inapplicableScopeIsWarning bool
}

// InapplicableScopeAsWarning makes a scope that admits no request
// environment (InvalidActionApplication) a warning, as the official engine
// 4.13 (cedar-wasm) reports it, rather than an error, as Cedar 4.10, which
// generated the integration corpus, does.
func InapplicableScopeAsWarning() Option {
	return func(o *options) { o.inapplicableScopeIsWarning = true }
}

type validation struct {
	options
	ix       *schemaIndex
	envs     []*env
	errors   diagnostics
	warnings diagnostics
}

func (v *validation) report(list *diagnostics, id string, err *typeError) {
	list.add(Diagnostic{PolicyID: id, Kind: err.kind, Pos: err.pos, Message: err.msg})
}

// inapplicable is where a scope that admits no environment is reported.
func (v *validation) inapplicable() *diagnostics {
	if v.inapplicableScopeIsWarning {
		return &v.warnings
	}
	return &v.errors
}

// policy validates one static policy or template.
func (v *validation) policy(p *syntax.Policy) {
	scope, cond := policyExprs(p)
	for _, c := range cond {
		checkNames(v.ix, c.e, func(err *typeError) { v.report(&v.errors, p.ID, err) })
	}
	admitted, allFalse := false, true
	seen := map[typeError]bool{}
	// Environments come grouped by action: substitute once per action.
	var action syntax.EntityUID
	var actionScope syntax.Expr
	var actionCond []conjunct
	for _, base := range v.envs {
		if actionScope == nil || base.action != action {
			action = base.action
			actionScope, actionCond = substituteAction(scope, action), substituteActionIn(cond, action)
		}
		scope, cond := actionScope, actionCond
		for _, e := range v.slotEnvs(p, base) {
			ok, err := admits(e, scope)
			if err == nil && !ok {
				continue
			}
			// A scope that fails to type admits nothing, but the policy is
			// still typed here so that the error is reported.
			admitted = admitted || ok
			t, err := typecheckPolicy(e, cond)
			if err != nil {
				// The same error usually shows in many environments:
				// report it once, naming the first.
				if !seen[*err] {
					seen[*err] = true
					if err.kind != UnrecognizedEntityType && err.kind != UnrecognizedActionId && err.kind != InvalidEnumEntity {
						err.msg += " " + e.describe()
					}
					v.report(&v.errors, p.ID, err)
				}
				allFalse = false
				continue
			}
			if k, _ := isBool(t); k != False {
				allFalse = false
			}
		}
	}
	if !admitted {
		v.report(v.inapplicable(), p.ID, &typeError{kind: InvalidActionApplication, pos: p.Pos,
			msg: "unable to find an applicable action given the policy scope constraints: no action in the schema applies to the principal and resource this scope allows"})
	}
	if allFalse {
		v.report(&v.warnings, p.ID, &typeError{kind: ImpossiblePolicy, pos: p.Pos,
			msg: "policy is impossible: it evaluates to false for every request the schema allows"})
	}
}

// link validates one template link: the bound entity types are declared,
// and the linked scope admits some environment. The template itself is
// typechecked on its own.
func (v *validation) link(ps *syntax.PolicySet, l syntax.TemplateLink) {
	t := ps.Policy(l.TemplateID)
	if t == nil {
		v.report(&v.errors, l.NewID, &typeError{kind: UnknownTemplate, pos: l.Pos,
			msg: fmt.Sprintf("link %s names template %s, which does not exist", l.NewID, l.TemplateID)})
		return
	}
	for _, slot := range t.Slots() {
		if uid, ok := l.Values[slot]; ok && !v.ix.isKnownType(uid.Type) {
			v.report(&v.errors, l.NewID, &typeError{kind: UnrecognizedEntityType, pos: l.Pos,
				msg: fmt.Sprintf("%s is linked to %s, whose type is not declared in the schema", slot, uid)})
		}
	}
	scope, _ := policyExprs(t)
	scope = substituteSlots(scope, l.Values)
	for _, e := range v.envs {
		if ok, _ := admits(e, substituteAction(scope, e.action)); ok {
			return
		}
	}
	v.report(v.inapplicable(), l.NewID, &typeError{kind: InvalidActionApplication, pos: l.Pos,
		msg: "unable to find an applicable action given the linked policy's scope constraints"})
}

// slotEnvs lists the environments in which to type a template: the base
// environment with each combination of slot types that the scope allows.
// A static policy has just the base environment.
func (v *validation) slotEnvs(p *syntax.Policy, base *env) []*env {
	principals := []syntax.EntityType{""}
	if p.Principal.Slot != "" {
		principals = v.ix.slotTypes(p.Principal, base.principal)
	}
	resources := []syntax.EntityType{""}
	if p.Resource.Slot != "" {
		resources = v.ix.slotTypes(p.Resource, base.resource)
	}
	if len(principals) == 1 && len(resources) == 1 && principals[0] == "" && resources[0] == "" {
		return []*env{base}
	}
	var out []*env
	for _, ps := range principals {
		for _, rs := range resources {
			e := *base
			e.principalSlot, e.resourceSlot = ps, rs
			out = append(out, &e)
		}
	}
	return out
}

// admits reports whether a scope can hold in an environment: it types
// without error and not as False.
func admits(e *env, scope syntax.Expr) (bool, *typeError) {
	c := &checker{env: e}
	t, _, err := c.typeOf(scope, nil)
	if err != nil {
		return false, err
	}
	k, _ := isBool(t)
	return k != False, nil
}

// typecheckPolicy types a policy's condition in one environment; it must
// be a boolean.
func typecheckPolicy(e *env, cond []conjunct) (Type, *typeError) {
	c := &checker{env: e}
	return c.typeOfCondition(cond)
}

// describe names the environment for error messages.
func (e *env) describe() string {
	s := fmt.Sprintf("(for principal %s, action %s, resource %s", e.principal, e.action, e.resource)
	if e.principalSlot != "" {
		s += fmt.Sprintf(", ?principal of type %s", e.principalSlot)
	}
	if e.resourceSlot != "" {
		s += fmt.Sprintf(", ?resource of type %s", e.resourceSlot)
	}
	return s + ")"
}
