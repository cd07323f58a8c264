package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

func init() { subcommands = append(subcommands, newAuthorizeCmd) }

// authzResult is what authorize prints, whichever implementation ran.
type authzResult struct {
	Decision string       `json:"decision"`
	Reasons  []string     `json:"reasons"`
	Errors   []authzError `json:"errors"`
}

// authzError is one policy's evaluation error. Kind is spelled as the
// Lean specification does (model.ErrorKind's names: entityDoesNotExist,
// attrDoesNotExist, tagDoesNotExist, typeError, arithBoundsError,
// extensionError), whichever implementation ran; Position is the
// file:line:col of the erroring expression.
type authzError struct {
	PolicyID string `json:"policy"`
	Kind     string `json:"kind"`
	Message  string `json:"message"`
	Position string `json:"position,omitempty"`
}

// engineKinds spells the engine's error kinds as the model's.
var engineKinds = map[engine.ErrorKind]model.ErrorKind{
	engine.EntityDoesNotExist: model.EntityDoesNotExist,
	engine.AttrDoesNotExist:   model.AttrDoesNotExist,
	engine.TagDoesNotExist:    model.TagDoesNotExist,
	engine.TypeError:          model.TypeError,
	engine.Overflow:           model.Overflow,
	engine.ExtensionError:     model.ExtensionError,
}

func engineKindName(k engine.ErrorKind) string {
	if m, ok := engineKinds[k]; ok {
		return m.String()
	}
	return k.String()
}

func position(p syntax.Pos) string {
	if p.IsValid() {
		return p.String()
	}
	return ""
}

type authorizeFlags struct {
	policies, links, entities, schema string
	principal, action, resource       string
	context, requestJSON, impl        string
	contextSet, requestValidation     bool
	asJSON, exitCode                  bool
}

func newAuthorizeCmd() *cobra.Command {
	var f authorizeFlags
	cmd := &cobra.Command{
		Use:   "authorize --policies FILE [--template-linked FILE] [--entities FILE] [--schema FILE] (--principal UID --action UID --resource UID [--context JSON] | --request-json FILE)",
		Short: "Authorize one request and print the decision, reasons and errors",
		Long: `authorize decides one request against a policy set and entities, and
prints the decision, the ids of the policies that determined it, and every
policy whose evaluation failed.

--policies is Cedar text, or policy JSON when the file name ends in .json
("-" reads standard input). In Cedar text a policy annotated @id("ID") has
the id ID (in reasons and errors); the others are policy0, policy1, ... by
position. --template-linked adds the links of a template-linked file (see
link --help). --entities is entity JSON (no entities when omitted).

The request is given by --principal, --action and --resource, UIDs written
as Cedar text, e.g. 'User::"alice"', and --context, a JSON object (default
{}; "@FILE" reads it from a file); or by --request-json FILE, the official
CLI's request file: {"principal": "User::\"alice\"", "action":
"Action::\"view\"", "resource": "Photo::\"x\"", "context": {...}}, where
the context may be omitted.

--schema (.cedarschema or .json) reads entities and context against the
schema and adds its action entities, and the request is validated against
it, as the official CLI does: the action must be declared, the principal's
and resource's types among those it applies to, and the context of its
context type. --request-validation=false skips that check.

--impl engine (the default) runs the production engine; --impl model runs
the reference model.

Each error shows its kind, spelled as the Cedar (Lean) specification does
whichever implementation ran (entityDoesNotExist, attrDoesNotExist,
tagDoesNotExist, typeError, arithBoundsError, extensionError), and the
file:line:col of the expression that raised it.

Exit codes: 0 the request was evaluated (whatever the decision), 1 the
decision was Deny and --exit-code was given, 2 usage error or bad input.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f.contextSet = cmd.Flags().Changed("context")
			res, err := runAuthorize(cmd.InOrStdin(), &f)
			if err != nil {
				return err
			}
			if f.asJSON {
				if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			} else {
				writeAuthzText(cmd.OutOrStdout(), res)
			}
			if f.exitCode && res.Decision != "allow" {
				return checkFailed()
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.policies, "policies", "", `policy file: Cedar text, or policy JSON if it ends in .json; "-" is standard input (required)`)
	fl.StringVar(&f.links, "template-linked", "", "file of template links to add to the policy set")
	fl.StringVar(&f.entities, "entities", "", "entity JSON file")
	fl.StringVar(&f.schema, "schema", "", "schema file (.cedarschema or .json)")
	fl.StringVar(&f.principal, "principal", "", `principal uid, e.g. 'User::"alice"' (required)`)
	fl.StringVar(&f.action, "action", "", `action uid, e.g. 'Action::"view"' (required)`)
	fl.StringVar(&f.resource, "resource", "", `resource uid (required)`)
	fl.StringVar(&f.context, "context", "{}", `context as a JSON object, or @FILE`)
	fl.StringVar(&f.requestJSON, "request-json", "", "request file (principal, action, resource, context), instead of the four flags")
	fl.BoolVar(&f.requestValidation, "request-validation", true, "validate the request against --schema")
	fl.StringVar(&f.impl, "impl", "engine", "implementation: engine or model")
	fl.BoolVar(&f.asJSON, "json", false, "print the result as JSON")
	fl.BoolVar(&f.exitCode, "exit-code", false, "exit with status 1 when the decision is Deny")
	return cmd
}

// authzInput is the parsed input, shared by both implementations.
type authzInput struct {
	ps       *syntax.PolicySet
	schema   *syntax.Schema
	entities []*syntax.EntityData
	req      syntax.Request
}

func readAuthzInput(stdin io.Reader, f *authorizeFlags) (*authzInput, error) {
	if f.policies == "" {
		return nil, usageError("--policies is required")
	}
	if f.requestJSON != "" {
		if f.principal != "" || f.action != "" || f.resource != "" || f.contextSet {
			return nil, usageError("--request-json gives the whole request: drop --principal, --action, --resource and --context, or drop --request-json")
		}
	} else {
		for _, req := range []struct{ name, val string }{
			{"--principal", f.principal}, {"--action", f.action}, {"--resource", f.resource},
		} {
			if req.val == "" {
				return nil, usageError("%s is required (or give the whole request with --request-json)", req.name)
			}
		}
	}
	in := &authzInput{}
	var err error
	if in.ps, err = loadPolicySet(stdin, f.policies, f.links); err != nil {
		return nil, inputError(err)
	}
	if f.schema != "" {
		if in.schema, err = readSchema(f.schema); err != nil {
			return nil, inputError(err)
		}
	}
	entSrc := []byte("[]")
	entName := "(no entities)"
	if f.entities != "" {
		if entSrc, err = input.ReadFile(f.entities); err != nil {
			return nil, inputError(err)
		}
		entName = f.entities
	}
	if in.entities, err = cedarjson.ParseEntities(entName, entSrc, in.schema); err != nil {
		return nil, inputError(err)
	}
	var where map[string]syntax.Pos
	if f.requestJSON != "" {
		in.req, where, err = readRequestJSON(f.requestJSON, in.schema)
	} else {
		where, err = readRequestFlags(f, in)
	}
	if err != nil {
		return nil, inputError(err)
	}
	if in.schema != nil && f.requestValidation {
		if err := validateRequest(in.schema, &in.req, where); err != nil {
			return nil, inputError(err)
		}
	}
	return in, nil
}

// readRequestFlags reads the request from --principal, --action,
// --resource and --context; where maps each request field to its flag.
func readRequestFlags(f *authorizeFlags, in *authzInput) (map[string]syntax.Pos, error) {
	for _, u := range []struct {
		flag string
		text string
		dst  *syntax.EntityUID
	}{{"--principal", f.principal, &in.req.Principal}, {"--action", f.action, &in.req.Action}, {"--resource", f.resource, &in.req.Resource}} {
		v, err := parser.ParseEntityUID(u.text)
		if err != nil {
			return nil, usageError("%s: %v", u.flag, err)
		}
		*u.dst = v
	}
	var err error
	if in.schema != nil && in.schema.Actions[in.req.Action] == nil {
		// Checked here, not when the context is read against the
		// action's context type: the flag at fault is --action.
		return nil, usageError("--action: %s is not declared in the schema %s (%s)", in.req.Action, f.schema, declaredActions(in.schema))
	}
	ctxName, ctxSrc := "--context", []byte(f.context)
	if strings.HasPrefix(f.context, "@") {
		ctxName = f.context[1:]
		if ctxSrc, err = input.ReadFile(ctxName); err != nil {
			return nil, inputError(err)
		}
	}
	ctx, err := cedarjson.ParseContext(ctxName, ctxSrc, in.schema, in.req.Action)
	if err != nil {
		return nil, inputError(err)
	}
	in.req.Context = ctx
	where := map[string]syntax.Pos{"context": {Filename: ctxName}}
	for _, role := range []string{"principal", "action", "resource"} {
		where[role] = syntax.Pos{Filename: "--" + role}
	}
	return where, nil
}

// declaredActions lists a schema's actions for an error message: sorted,
// at most ten.
func declaredActions(s *syntax.Schema) string {
	var names []string
	for uid := range s.Actions {
		names = append(names, uid.String())
	}
	if len(names) == 0 {
		return "it declares no action"
	}
	slices.Sort(names)
	if len(names) > 10 {
		names = append(names[:10], fmt.Sprintf("and %d more", len(names)-10))
	}
	return "it declares " + strings.Join(names, ", ")
}

// readSchema reads the schema file at path, within the input limits: JSON
// if its name ends in .json, the text format otherwise (as schema.Load).
func readSchema(path string) (*syntax.Schema, error) {
	src, err := input.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if schema.IsJSONPath(path) {
		return schema.ParseJSON(path, src)
	}
	return schema.ParseCedar(path, src)
}

func runAuthorize(stdin io.Reader, f *authorizeFlags) (*authzResult, error) {
	if f.impl != "engine" && f.impl != "model" {
		return nil, usageError("unknown implementation %q for --impl (want engine or model)", f.impl)
	}
	in, err := readAuthzInput(stdin, f)
	if err != nil {
		return nil, err
	}
	if f.impl == "model" {
		return authorizeModel(in)
	}
	return authorizeEngine(in)
}

func authorizeEngine(in *authzInput) (*authzResult, error) {
	ps, err := engine.NewPolicySet(in.ps)
	if err != nil {
		return nil, inputError(err)
	}
	es, err := engine.NewEntityStore(in.entities, in.schema)
	if err != nil {
		return nil, inputError(err)
	}
	req, err := engine.NewRequest(in.req)
	if err != nil {
		return nil, inputError(err)
	}
	resp := ps.Authorize(es, req)
	res := &authzResult{Decision: resp.Decision.String(), Reasons: nonNil(resp.Diagnostics.Reasons), Errors: []authzError{}}
	for _, e := range resp.Diagnostics.Errors {
		res.Errors = append(res.Errors, authzError{PolicyID: e.PolicyID, Kind: engineKindName(e.Kind), Message: e.Message, Position: position(e.Pos)})
	}
	return res, nil
}

func authorizeModel(in *authzInput) (*authzResult, error) {
	es, err := model.NewEntities(in.entities)
	if err != nil {
		return nil, inputError(err)
	}
	resp, err := model.Authorize(in.ps, es, &in.req)
	if err != nil {
		return nil, inputError(err)
	}
	res := &authzResult{Decision: resp.Decision.String(), Reasons: nonNil(resp.Reasons), Errors: []authzError{}}
	for _, e := range resp.Errors {
		res.Errors = append(res.Errors, authzError{PolicyID: e.PolicyID, Kind: e.Kind.String(), Message: e.Message, Position: position(e.Pos)})
	}
	return res, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func writeAuthzText(w io.Writer, res *authzResult) {
	fmt.Fprintln(w, "decision:", res.Decision)
	if len(res.Reasons) == 0 {
		fmt.Fprintln(w, "reasons: none")
	} else {
		fmt.Fprintln(w, "reasons:", strings.Join(res.Reasons, ", "))
	}
	if len(res.Errors) == 0 {
		fmt.Fprintln(w, "errors: none")
		return
	}
	fmt.Fprintln(w, "errors:")
	for _, e := range res.Errors {
		at := ""
		if e.Position != "" {
			at = " (at " + e.Position + ")"
		}
		fmt.Fprintf(w, "  %s: %s: %s%s\n", e.PolicyID, e.Kind, e.Message, at)
	}
}
