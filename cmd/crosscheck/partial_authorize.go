package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func init() { subcommands = append(subcommands, newPartialAuthorizeCmd) }

type partialFlags struct {
	policies, links, entities, schema string
	principal, action, resource       string
	context, format, impl             string
	exitCode                          bool
}

// partialResult is what partially-authorize prints, in the terms of the
// official engine's answer. In JSON, residuals maps each residual
// policy's id to its policy JSON.
type partialResult struct {
	Decision          string                     `json:"decision"`
	Satisfied         []string                   `json:"satisfied"`
	Errored           []string                   `json:"errored"`
	MayBeDetermining  []string                   `json:"mayBeDetermining"`
	MustBeDetermining []string                   `json:"mustBeDetermining"`
	Residuals         map[string]json.RawMessage `json:"residuals"`
	Errors            []authzError               `json:"errors"`

	residuals []*syntax.Policy
}

func newPartialAuthorizeCmd() *cobra.Command {
	var f partialFlags
	cmd := &cobra.Command{
		Use:   "partially-authorize --policies FILE [--template-linked FILE] [--entities FILE] [--schema FILE] [--principal UID] [--action UID] [--resource UID] [--context JSON]",
		Short: "Authorize a request with unknown parts: the decision, or the residual policies",
		Long: `partially-authorize decides a request some of whose parts are not known
yet, as the official CLI's partially-authorize command does. Each of
--principal, --action and --resource may be omitted: it is then unknown,
written unknown("principal"), unknown("action") or unknown("resource") in
the residuals. A context value may be unknown too, written as the official
engine writes it: {"__extn": {"fn": "unknown", "arg": "NAME"}}, unknown("NAME")
in the residuals.

It prints the decision (allow, deny, or unknown when the unknowns decide
it), the policies known to be satisfied, those known to fail
(errored, with their errors), the policies that may determine the decision
and those that must, and the residual policies: each undecided policy with
its condition partially evaluated, as Cedar text (--format text, each
annotated with its id) or as policy JSON (--format json, the whole answer
as JSON).

--policies, --template-linked, --entities and --context read as for
authorize. --schema (.cedarschema or .json) reads entities against it and
adds its action entities; when --action is given, the context is read
against the action's context type (the official engine then refuses
unknown context values). The request itself is not validated.

--impl engine (the default) runs the production engine; --impl model runs
the reference model.

Exit codes: 0 the request was evaluated (whatever the decision), 1 the
decision was not allow and --exit-code was given, 2 usage error or bad
input.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			res, err := runPartialAuthorize(cmd.InOrStdin(), &f)
			if err != nil {
				return err
			}
			if f.format == "json" {
				// Not writeJSON: policy JSON's operators (&&, <) are
				// written as they are, not HTML-escaped.
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				enc.SetEscapeHTML(false)
				if err := enc.Encode(res); err != nil {
					return err
				}
			} else {
				writePartialText(cmd.OutOrStdout(), res)
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
	fl.StringVar(&f.principal, "principal", "", `principal uid, e.g. 'User::"alice"' (unknown when omitted)`)
	fl.StringVar(&f.action, "action", "", `action uid (unknown when omitted)`)
	fl.StringVar(&f.resource, "resource", "", `resource uid (unknown when omitted)`)
	fl.StringVar(&f.context, "context", "{}", `context as a JSON object, or @FILE; {"__extn":{"fn":"unknown","arg":"NAME"}} is an unknown value`)
	fl.StringVar(&f.format, "format", "text", "output: text (residuals as Cedar text) or json (the answer as JSON, residuals as policy JSON)")
	fl.StringVar(&f.impl, "impl", "engine", "implementation: engine or model")
	fl.BoolVar(&f.exitCode, "exit-code", false, "exit with status 1 when the decision is not allow")
	return cmd
}

// partialInput is the parsed input, shared by both implementations.
type partialInput struct {
	ps       *syntax.PolicySet
	schema   *syntax.Schema
	entities []*syntax.EntityData
	req      syntax.PartialRequest
}

func runPartialAuthorize(stdin io.Reader, f *partialFlags) (*partialResult, error) {
	if f.impl != "engine" && f.impl != "model" {
		return nil, usageError("unknown implementation %q for --impl (want engine or model)", f.impl)
	}
	if f.format != "text" && f.format != "json" {
		return nil, usageError("unknown format %q for --format (want text or json)", f.format)
	}
	in, err := readPartialInput(stdin, f)
	if err != nil {
		return nil, err
	}
	var res *partialResult
	if f.impl == "model" {
		res, err = partialAuthorizeModel(in)
	} else {
		res, err = partialAuthorizeEngine(in)
	}
	if err != nil {
		return nil, err
	}
	if f.format == "json" {
		res.Residuals = map[string]json.RawMessage{}
		for _, p := range res.residuals {
			b, err := cedarjson.MarshalPolicy(p)
			if err != nil {
				return nil, fmt.Errorf("residual %s: %w", p.ID, err)
			}
			res.Residuals[p.ID] = b
		}
	}
	return res, nil
}

func readPartialInput(stdin io.Reader, f *partialFlags) (*partialInput, error) {
	if f.policies == "" {
		return nil, usageError("--policies is required")
	}
	in := &partialInput{}
	for _, u := range []struct {
		flag, text string
		dst        **syntax.EntityUID
	}{{"--principal", f.principal, &in.req.Principal}, {"--action", f.action, &in.req.Action}, {"--resource", f.resource, &in.req.Resource}} {
		if u.text == "" {
			continue
		}
		v, err := parser.ParseEntityUID(u.text)
		if err != nil {
			return nil, usageError("%s: %v", u.flag, err)
		}
		*u.dst = &v
	}
	var err error
	if in.ps, err = loadPolicySet(stdin, f.policies, f.links); err != nil {
		return nil, inputError(err)
	}
	if f.schema != "" {
		if in.schema, err = readSchema(f.schema); err != nil {
			return nil, inputError(err)
		}
	}
	entSrc, entName := []byte("[]"), "(no entities)"
	if f.entities != "" {
		if entSrc, err = input.ReadFile(f.entities); err != nil {
			return nil, inputError(err)
		}
		entName = f.entities
	}
	if in.entities, err = cedarjson.ParseEntities(entName, entSrc, in.schema); err != nil {
		return nil, inputError(err)
	}
	ctxSchema, ctxAction := in.schema, syntax.EntityUID{}
	if in.req.Action != nil {
		ctxAction = *in.req.Action
		if in.schema != nil && in.schema.Actions[ctxAction] == nil {
			return nil, usageError("--action: %s is not declared in the schema %s (%s)", ctxAction, f.schema, declaredActions(in.schema))
		}
	} else {
		ctxSchema = nil // no action, so no context type to read against
	}
	ctxName, ctxSrc := "--context", []byte(f.context)
	if strings.HasPrefix(f.context, "@") {
		ctxName = f.context[1:]
		if ctxSrc, err = input.ReadFile(ctxName); err != nil {
			return nil, inputError(err)
		}
	}
	ctx, err := cedarjson.ParseContext(ctxName, ctxSrc, ctxSchema, ctxAction)
	if err != nil {
		return nil, inputError(err)
	}
	in.req.Context = ctx
	return in, nil
}

func partialAuthorizeEngine(in *partialInput) (*partialResult, error) {
	ps, err := engine.NewPolicySet(in.ps)
	if err != nil {
		return nil, inputError(err)
	}
	es, err := engine.NewEntityStore(in.entities, in.schema)
	if err != nil {
		return nil, inputError(err)
	}
	resp, err := ps.PartialAuthorize(es, &in.req)
	if err != nil {
		return nil, inputError(err)
	}
	res := &partialResult{
		Decision:          resp.Decision.String(),
		Satisfied:         nonNil(resp.Satisfied),
		Errored:           nonNil(resp.Errored),
		MayBeDetermining:  nonNil(resp.MayBeDetermining),
		MustBeDetermining: nonNil(resp.MustBeDetermining),
		Errors:            []authzError{},
		residuals:         resp.Residuals,
	}
	for _, e := range resp.Errors {
		res.Errors = append(res.Errors, authzError{PolicyID: e.PolicyID, Kind: engineKindName(e.Kind), Message: e.Message, Position: position(e.Pos)})
	}
	return res, nil
}

// partialAuthorizeModel runs the model through its diff adapter, the one
// place that exposes its partial authorization; the adapter reports no
// error messages, so Errors stays empty.
func partialAuthorizeModel(in *partialInput) (*partialResult, error) {
	pa, ok := diff.Model().(diff.PartialAuthorizer)
	if !ok {
		return nil, usageError("--impl model: the model has no partial authorization in this build")
	}
	answers, err := pa.PartialAuthorize(&diff.Input{Policies: in.ps, Entities: in.entities, Schema: in.schema},
		[]*syntax.PartialRequest{&in.req})
	if err != nil {
		return nil, inputError(err)
	}
	if len(answers) != 1 {
		return nil, fmt.Errorf("model: %d answers for 1 request", len(answers))
	}
	if answers[0].Err != nil {
		return nil, inputError(answers[0].Err)
	}
	r := answers[0].Response
	return &partialResult{
		Decision:          r.Decision.String(),
		Satisfied:         nonNil(r.Satisfied),
		Errored:           nonNil(r.Errored),
		MayBeDetermining:  nonNil(r.MayBeDetermining),
		MustBeDetermining: nonNil(r.MustBeDetermining),
		Errors:            []authzError{},
		residuals:         r.Residuals,
	}, nil
}

func writePartialText(w io.Writer, res *partialResult) {
	list := func(name string, ids []string) {
		if len(ids) == 0 {
			fmt.Fprintf(w, "%s: none\n", name)
			return
		}
		fmt.Fprintf(w, "%s: %s\n", name, strings.Join(ids, ", "))
	}
	fmt.Fprintln(w, "decision:", res.Decision)
	list("satisfied", res.Satisfied)
	list("errored", res.Errored)
	list("may be determining", res.MayBeDetermining)
	list("must be determining", res.MustBeDetermining)
	for _, e := range res.Errors {
		at := ""
		if e.Position != "" {
			at = " (at " + e.Position + ")"
		}
		fmt.Fprintf(w, "  error in %s: %s: %s%s\n", e.PolicyID, e.Kind, e.Message, at)
	}
	if len(res.residuals) == 0 {
		fmt.Fprintln(w, "residuals: none")
		return
	}
	fmt.Fprintln(w, "residuals:")
	for _, p := range res.residuals {
		fmt.Fprintln(w, printer.Policy(withIDAnnotation(p)))
	}
}

// withIDAnnotation is p annotated @id("ID") with its id, as the policy
// readers of the commands name policies, unless it has an @id already.
func withIDAnnotation(p *syntax.Policy) *syntax.Policy {
	if _, ok := p.Annotation("id"); ok {
		return p
	}
	q := *p
	q.Annotations = append([]syntax.Annotation{{Key: "id", Value: p.ID, HasValue: true}}, p.Annotations...)
	return &q
}
