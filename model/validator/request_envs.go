package validator

import "github.com/cedar-crosscheck/crosscheck/syntax"

// RequestEnv is one request environment of a schema: a principal type,
// an action and a resource type that the action applies to.
type RequestEnv struct {
	Principal syntax.EntityType
	Action    syntax.EntityUID
	Resource  syntax.EntityType
}

// ValidRequestEnvs lists the request environments in which a static
// policy can apply: those its scope admits and in which it types as a
// boolean without error and not as False, in the schema's environment
// order. A template, or a nil policy, has none (its environments depend on
// the slots' links).
func ValidRequestEnvs(schema *syntax.Schema, p *syntax.Policy) []RequestEnv {
	if p == nil || p.IsTemplate() {
		return nil
	}
	ix := newSchemaIndex(schema)
	scope, cond := policyExprs(p)
	var out []RequestEnv
	for _, e := range ix.environments() {
		s, c := substituteAction(scope, e.action), substituteActionIn(cond, e.action)
		if ok, err := admits(e, s); err != nil || !ok {
			continue
		}
		t, err := typecheckPolicy(e, c)
		if err != nil {
			continue
		}
		if k, _ := isBool(t); k == False {
			continue
		}
		out = append(out, RequestEnv{Principal: e.principal, Action: e.action, Resource: e.resource})
	}
	return out
}
