package main

import (
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

func init() { subcommands = append(subcommands, newValidateCmd) }

// validateResult is what validate prints.
type validateResult struct {
	Valid    bool         `json:"valid"`
	Errors   []diagnostic `json:"errors"`
	Warnings []diagnostic `json:"warnings"`
}

// diagnostic is one validation error or warning. Kind is the Rust
// validator's name for it (UnsafeAttributeAccess, ImpossiblePolicy...);
// Position is the file:line:col of the expression at fault, or of the
// policy when the finding is about the policy as a whole.
type diagnostic struct {
	PolicyID string `json:"policy"`
	Kind     string `json:"kind"`
	Message  string `json:"message"`
	Position string `json:"position,omitempty"`
}

func newValidateCmd() *cobra.Command {
	var schemaPath, policies, links string
	var denyWarnings, asJSON bool
	cmd := &cobra.Command{
		Use:   "validate --schema FILE --policies FILE [--template-linked FILE] [--deny-warnings] [--json]",
		Short: "Validate policies against a schema (strict mode)",
		Long: `validate checks every policy, template and template link against a schema
with the reference model's strict-mode validator (model/validator), the
mode the official validator offers, and lists each error and warning with
the file:line:col it is about, the policy id, what is wrong and the
finding's kind as the official validator names it.

A policy set is invalid when any policy has an error: an entity type or
action the schema does not declare, a scope that no request the schema
allows can match, or an expression that may not evaluate to a boolean
without error (a wrong operand type, an attribute that may be absent,
...). A warning (ImpossiblePolicy: the policy can never apply) does not
make it invalid unless --deny-warnings is given. A scope that matches no
request is an error, as in Cedar 4.10, which generated the integration
tests; the official engine 4.13 reports it as a warning.

--policies is Cedar text, or policy JSON if the name ends in .json; "-"
reads standard input. In Cedar text @id("ID") sets a policy's id.
--template-linked names a file of template links (see link --help).
--schema is .cedarschema text, or JSON if the name ends in .json.

Exit codes: 0 valid, 1 invalid (or warnings with --deny-warnings), 2 usage
error or bad input (a file that cannot be read or parsed).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if schemaPath == "" || policies == "" {
				return usageError("validate needs --schema and --policies")
			}
			sch, err := readSchema(schemaPath)
			if err != nil {
				return inputError(err)
			}
			ps, err := loadPolicySet(cmd.InOrStdin(), policies, links)
			if err != nil {
				return inputError(err)
			}
			res := validatePolicySet(sch, ps)
			res.Valid = len(res.Errors) == 0 && (!denyWarnings || len(res.Warnings) == 0)
			if asJSON {
				if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			} else {
				writeValidateText(cmd.OutOrStdout(), res, denyWarnings)
			}
			if !res.Valid {
				return checkFailed()
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&schemaPath, "schema", "", "schema file: .cedarschema, or JSON if it ends in .json (required)")
	fl.StringVar(&policies, "policies", "", `policy file: Cedar text, or policy JSON if it ends in .json; "-" is standard input (required)`)
	fl.StringVar(&links, "template-linked", "", "file of template links to validate too")
	fl.BoolVar(&denyWarnings, "deny-warnings", false, "treat warnings as errors: exit 1 if there is any")
	fl.BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// validatePolicySet runs the validator and positions every finding:
// a finding with no position of its own gets its policy's or link's.
func validatePolicySet(sch *syntax.Schema, ps *syntax.PolicySet) validateResult {
	where := map[string]syntax.Pos{}
	for _, p := range ps.Policies {
		where[p.ID] = p.Pos
	}
	for _, l := range ps.Links {
		where[l.NewID] = l.Pos
	}
	conv := func(ds []validator.Diagnostic) []diagnostic {
		out := []diagnostic{}
		for _, d := range ds {
			pos := d.Pos
			if !pos.IsValid() {
				pos = where[d.PolicyID]
			}
			out = append(out, diagnostic{PolicyID: d.PolicyID, Kind: string(d.Kind), Message: d.Message, Position: position(pos)})
		}
		return out
	}
	r := validator.Validate(sch, ps)
	return validateResult{Errors: conv(r.Errors), Warnings: conv(r.Warnings)}
}

func writeValidateText(w io.Writer, res validateResult, denyWarnings bool) {
	line := func(severity string, d diagnostic) {
		at := d.Position
		if at == "" {
			at = "-"
		}
		fmt.Fprintf(w, "%s: %s in %s: %s [%s]\n", at, severity, d.PolicyID, d.Message, d.Kind)
	}
	for _, d := range res.Errors {
		line("error", d)
	}
	for _, d := range res.Warnings {
		line("warning", d)
	}
	verdict := "validation passed"
	if !res.Valid {
		verdict = "validation failed"
		if len(res.Errors) == 0 && denyWarnings {
			verdict += " (--deny-warnings)"
		}
	}
	fmt.Fprintf(w, "%s: %s, %s\n", verdict, plural(len(res.Errors), "error"), plural(len(res.Warnings), "warning"))
}
