package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/engine"
	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/model"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func init() { subcommands = append(subcommands, newEvaluateCmd) }

type evaluateFlags struct {
	entities, schema            string
	principal, action, resource string
	context, impl               string
	asJSON                      bool
}

// unspecified is the entity an omitted --principal, --action or
// --resource stands for.
var unspecified = syntax.NewEntityUID("Unspecified", "")

// evalResult is what evaluate prints with --json: the value, in the value
// format of entity JSON, or the error.
type evalResult struct {
	Value json.RawMessage `json:"value,omitempty"`
	Error *evalErrorJSON  `json:"error,omitempty"`
}

type evalErrorJSON struct {
	Kind     string `json:"kind"`
	Message  string `json:"message"`
	Position string `json:"position,omitempty"`
}

func newEvaluateCmd() *cobra.Command {
	var f evaluateFlags
	cmd := &cobra.Command{
		Use:   "evaluate EXPR [--entities FILE] [--schema FILE] [--principal UID] [--action UID] [--resource UID] [--context JSON]",
		Short: "Evaluate one Cedar expression and print its value or its error",
		Long: `evaluate evaluates one Cedar expression for a request against entities and
prints its value as Cedar text, or with --json in the value format of entity
JSON (entities as {"__entity": ...}, extension values as {"__extn": ...}),
as {"value": V}.

EXPR is Cedar expression text; "@FILE" reads it from a file. The value is
printed in canonical form: set elements sorted, record fields by key,
decimal("1.5000") with four fractional digits, ip("10.0.0.1/32") with its
prefix, duration("90000ms"), and a datetime as
datetime("1970-01-01").offset(duration("...ms")); the text is itself an
expression that evaluates to the value.

--entities is entity JSON (no entities when omitted). --schema (.cedarschema
or .json) reads entities and context against the schema and adds its action
entities. UIDs are Cedar text, e.g. 'User::"alice"'; an omitted --principal,
--action or --resource is Unspecified::"". --context is a JSON object
(default {}); "@FILE" reads it from a file.

--impl engine (the default) runs the production engine; --impl model runs
the reference model. Both print the same text for the same value.

An evaluation error is printed as its kind, spelled as the Cedar (Lean)
specification does (entityDoesNotExist, attrDoesNotExist, tagDoesNotExist,
typeError, arithBoundsError, extensionError), its message and the
file:line:col of the expression that raised it; with --json as
{"error": {"kind", "message", "position"}}. Like the official CLI's
evaluate, an error exits non-zero.

Exit codes: 0 the expression has a value, 1 its evaluation failed, 2 usage
error or bad input (an expression, entities or context that do not parse).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			res, err := runEvaluate(args[0], &f)
			if err != nil {
				return err
			}
			if f.asJSON {
				enc := json.NewEncoder(cmd.OutOrStdout())
				enc.SetIndent("", "  ")
				if err := enc.Encode(res.json); err != nil {
					return err
				}
			} else {
				writeEvalText(cmd.OutOrStdout(), res)
			}
			if res.json.Error != nil {
				return checkFailed()
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.entities, "entities", "", "entity JSON file")
	fl.StringVar(&f.schema, "schema", "", "schema file (.cedarschema or .json)")
	fl.StringVar(&f.principal, "principal", "", `principal uid, e.g. 'User::"alice"' (default Unspecified::"")`)
	fl.StringVar(&f.action, "action", "", `action uid, e.g. 'Action::"view"' (default Unspecified::"")`)
	fl.StringVar(&f.resource, "resource", "", `resource uid (default Unspecified::"")`)
	fl.StringVar(&f.context, "context", "{}", `context as a JSON object, or @FILE`)
	fl.StringVar(&f.impl, "impl", "engine", "implementation: engine or model")
	fl.BoolVar(&f.asJSON, "json", false, `print {"value": V} or {"error": ...} as JSON`)
	return cmd
}

// evaluated is the outcome of evaluate: the value's Cedar text and JSON,
// or the error.
type evaluated struct {
	text string
	json evalResult
}

func runEvaluate(exprArg string, f *evaluateFlags) (*evaluated, error) {
	if f.impl != "engine" && f.impl != "model" {
		return nil, usageError("unknown implementation %q for --impl (want engine or model)", f.impl)
	}
	exprName, exprSrc := "EXPR", []byte(exprArg)
	if strings.HasPrefix(exprArg, "@") {
		exprName = exprArg[1:]
		var err error
		if exprSrc, err = input.ReadFile(exprName); err != nil {
			return nil, inputError(err)
		}
	}
	expr, err := parser.ParseExpr(exprName, exprSrc)
	if err != nil {
		return nil, inputError(err)
	}
	in, err := readEvalInput(f)
	if err != nil {
		return nil, err
	}
	var value syntax.Expr
	var evalErr *evalErrorJSON
	if f.impl == "model" {
		value, evalErr, err = evaluateModel(expr, in)
	} else {
		value, evalErr, err = evaluateEngine(expr, in)
	}
	if err != nil {
		return nil, err
	}
	if evalErr != nil {
		return &evaluated{json: evalResult{Error: evalErr}}, nil
	}
	// One canonical form whichever implementation ran: the model keeps a
	// set's elements in the order it met them.
	canonical := diff.CanonicalExpr(value)
	js, err := cedarjson.MarshalValue(canonical)
	if err != nil {
		return nil, err
	}
	return &evaluated{text: printer.Expr(canonical), json: evalResult{Value: js}}, nil
}

// readEvalInput reads the entities, schema and request of evaluate
// through internal/input, as authorize does.
func readEvalInput(f *evaluateFlags) (*authzInput, error) {
	in := &authzInput{}
	var err error
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
	for _, u := range []struct {
		flag, text string
		dst        *syntax.EntityUID
	}{{"--principal", f.principal, &in.req.Principal}, {"--action", f.action, &in.req.Action}, {"--resource", f.resource, &in.req.Resource}} {
		*u.dst = unspecified
		if u.text == "" {
			continue
		}
		if *u.dst, err = parser.ParseEntityUID(u.text); err != nil {
			return nil, usageError("%s: %v", u.flag, err)
		}
	}
	ctxSchema := in.schema
	if in.schema != nil && in.schema.Actions[in.req.Action] == nil {
		if f.action != "" {
			return nil, usageError("--action: %s is not declared in the schema %s (%s)", in.req.Action, f.schema, declaredActions(in.schema))
		}
		ctxSchema = nil // no action, so no context type: read the context as it is written
	}
	ctxName, ctxSrc := "--context", []byte(f.context)
	if strings.HasPrefix(f.context, "@") {
		ctxName = f.context[1:]
		if ctxSrc, err = input.ReadFile(ctxName); err != nil {
			return nil, inputError(err)
		}
	}
	ctx, err := cedarjson.ParseContext(ctxName, ctxSrc, ctxSchema, in.req.Action)
	if err != nil {
		return nil, inputError(err)
	}
	in.req.Context = ctx
	return in, nil
}

func evaluateEngine(expr syntax.Expr, in *authzInput) (syntax.Expr, *evalErrorJSON, error) {
	es, err := engine.NewEntityStore(in.entities, in.schema)
	if err != nil {
		return nil, nil, inputError(err)
	}
	req, err := engine.NewRequest(in.req)
	if err != nil {
		return nil, nil, inputError(err)
	}
	v, err := engine.Evaluate(expr, req, es)
	var ee *engine.EvalError
	switch {
	case errors.As(err, &ee):
		return nil, &evalErrorJSON{Kind: engineKindName(ee.Kind), Message: ee.Message, Position: position(ee.Pos)}, nil
	case err != nil:
		return nil, nil, inputError(err) // the compiler refused the expression
	}
	return v.Expr(), nil, nil
}

func evaluateModel(expr syntax.Expr, in *authzInput) (syntax.Expr, *evalErrorJSON, error) {
	es, err := model.NewEntities(in.entities)
	if err != nil {
		return nil, nil, inputError(err)
	}
	env, err := model.NewEnv(&in.req, es)
	if err != nil {
		return nil, nil, inputError(err)
	}
	v, err := env.Eval(expr)
	var me *model.Error
	switch {
	case errors.As(err, &me):
		return nil, &evalErrorJSON{Kind: me.Kind.String(), Message: me.Message, Position: position(me.Pos)}, nil
	case err != nil:
		return nil, nil, err
	}
	return model.ValueExpr(v), nil, nil
}

func writeEvalText(w io.Writer, res *evaluated) {
	if e := res.json.Error; e != nil {
		at := ""
		if e.Position != "" {
			at = " (at " + e.Position + ")"
		}
		fmt.Fprintf(w, "error: %s: %s%s\n", e.Kind, e.Message, at)
		return
	}
	fmt.Fprintln(w, res.text)
}
