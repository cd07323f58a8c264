package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/model/validator"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

func init() { subcommands = append(subcommands, newCheckParseCmd) }

// checkParseResult is what check-parse prints.
type checkParseResult struct {
	OK     bool         `json:"ok"`
	Inputs []parseCheck `json:"inputs"`
}

// parseCheck is check-parse's verdict on one input.
type parseCheck struct {
	Input   string       `json:"input"` // policies, schema, entities or expression
	File    string       `json:"file"`
	OK      bool         `json:"ok"`
	Summary string       `json:"summary,omitempty"` // what was read, when it parsed
	Errors  []parseError `json:"errors"`
}

// parseError is one problem, with its file:line:col where there is one.
type parseError struct {
	Position string `json:"position,omitempty"`
	Kind     string `json:"kind,omitempty"`
	Message  string `json:"message"`
}

type checkParseFlags struct {
	policies, links, schema, entities, expression string
	asJSON                                        bool
}

func newCheckParseCmd() *cobra.Command {
	var f checkParseFlags
	cmd := &cobra.Command{
		Use:   "check-parse [--policies FILE [--template-linked FILE]] [--schema FILE] [--entities FILE] [--expression EXPR] [--json]",
		Short: "Check that policies, a schema, entities or an expression parse",
		Long: `check-parse reads each input it is given and reports whether it parses,
with every error's file:line:col. Nothing is evaluated or validated
beyond what reading requires.

--policies is Cedar text, or policy JSON if the name ends in .json ("-"
reads standard input); with --template-linked its links are read and
checked against the templates too. --schema is .cedarschema text, or JSON
if the name ends in .json; the schema must also resolve (every type it
names declared). --entities is entity JSON; with --schema the entities
are read against the schema and must conform to it. --expression is one
Cedar expression. With no flag at all, policies are read from standard
input, as the official CLI does.

Exit codes: 0 everything parses, 1 something does not, 2 usage error or a
file that cannot be read (missing, a directory, too large).`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if f.links != "" && f.policies == "" {
				return usageError("--template-linked needs --policies: links are checked against the templates")
			}
			if f.policies == "" && f.schema == "" && f.entities == "" && f.expression == "" {
				f.policies = "-"
			}
			checks, err := runCheckParse(cmd.InOrStdin(), &f)
			if err != nil {
				return err
			}
			res := checkParseResult{OK: true, Inputs: checks}
			for _, c := range checks {
				res.OK = res.OK && c.OK
			}
			if f.asJSON {
				if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
					return err
				}
			} else {
				writeCheckParseText(cmd.OutOrStdout(), checks)
			}
			if !res.OK {
				return checkFailed()
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.policies, "policies", "", `policy file: Cedar text, or policy JSON if it ends in .json; "-" is standard input`)
	fl.StringVar(&f.links, "template-linked", "", "file of template links (see link --help)")
	fl.StringVar(&f.schema, "schema", "", "schema file: .cedarschema, or JSON if it ends in .json")
	fl.StringVar(&f.entities, "entities", "", "entity JSON file (read against --schema when given)")
	fl.StringVar(&f.expression, "expression", "", "a Cedar expression")
	fl.BoolVar(&f.asJSON, "json", false, "print the result as JSON")
	return cmd
}

// runCheckParse checks each input given. A file that cannot be read is
// bad input (the error returned), not a parse failure.
func runCheckParse(stdin io.Reader, f *checkParseFlags) ([]parseCheck, error) {
	checks := []parseCheck{}
	add := func(what, file string, summary string, err error) error {
		c := parseCheck{Input: what, File: file, OK: err == nil, Errors: []parseError{}}
		if err == nil {
			c.Summary = summary
		} else {
			if syntax.FirstError(err) == nil {
				return inputError(err)
			}
			c.Errors = parseErrors(err)
		}
		checks = append(checks, c)
		return nil
	}
	if f.policies != "" {
		ps, err := loadPolicySet(stdin, f.policies, f.links)
		file := f.policies
		if file == "-" {
			file = "<stdin>"
		}
		if err := add("policies", file, policySummary(ps), err); err != nil {
			return nil, err
		}
	}
	var sch *syntax.Schema
	if f.schema != "" {
		var err error
		sch, err = readSchema(f.schema)
		summary := ""
		if err == nil {
			summary = fmt.Sprintf("%s, %s", countOf(len(sch.EntityTypes), "entity type", "entity types"), countOf(len(sch.Actions), "action", "actions"))
		}
		if err := add("schema", f.schema, summary, err); err != nil {
			return nil, err
		}
	}
	if f.entities != "" {
		n, actions, err := checkEntities(f.entities, sch)
		summary := countOf(n, "entity", "entities")
		if actions > 0 {
			summary += fmt.Sprintf(", and the schema's %s", countOf(actions, "action entity", "action entities"))
		}
		if err := add("entities", f.entities, summary, err); err != nil {
			return nil, err
		}
	}
	if f.expression != "" {
		_, err := parser.ParseExpr("--expression", []byte(f.expression))
		if err := add("expression", "--expression", "one expression", err); err != nil {
			return nil, err
		}
	}
	return checks, nil
}

// checkEntities reads an entity file, against the schema when there is
// one (a schema that failed to parse is nil here, and the entities are
// then read without it, so that their own errors are still reported). It
// counts the file's entities apart from the action entities the schema
// adds.
func checkEntities(path string, sch *syntax.Schema) (entities, actions int, err error) {
	src, err := input.ReadFile(path)
	if err != nil {
		return 0, 0, err
	}
	es, err := cedarjson.ParseEntities(path, src, sch)
	if err != nil {
		return 0, 0, err
	}
	if sch == nil {
		return len(es), 0, nil
	}
	if err := validator.ValidateEntities(sch, es); err != nil {
		return 0, 0, err
	}
	for _, e := range es {
		if sch.Actions[e.UID] != nil {
			actions++
		}
	}
	return len(es) - actions, actions, nil
}

func policySummary(ps *syntax.PolicySet) string {
	if ps == nil {
		return ""
	}
	templates := 0
	for _, p := range ps.Policies {
		if p.IsTemplate() {
			templates++
		}
	}
	s := countOf(len(ps.Policies)-templates, "static policy", "static policies") + ", " + countOf(templates, "template", "templates")
	if len(ps.Links) > 0 {
		s += ", " + countOf(len(ps.Links), "template link", "template links")
	}
	return s
}

// parseErrors lists the *syntax.Errors inside err.
func parseErrors(err error) []parseError {
	var list syntax.ErrorList
	if !errors.As(err, &list) {
		se := syntax.FirstError(err)
		return []parseError{{Position: position(se.Pos), Kind: se.Kind, Message: se.Msg}}
	}
	out := []parseError{}
	for _, e := range list {
		out = append(out, parseError{Position: position(e.Pos), Kind: e.Kind, Message: e.Msg})
	}
	return out
}

func writeCheckParseText(w io.Writer, checks []parseCheck) {
	for _, c := range checks {
		if c.OK {
			fmt.Fprintf(w, "%s: ok: %s\n", c.File, c.Summary)
			continue
		}
		for _, e := range c.Errors {
			at := e.Position
			if at == "" {
				at = c.File
			}
			fmt.Fprintf(w, "%s: %s\n", at, e.Message)
		}
		fmt.Fprintf(w, "%s: does not parse: %s\n", c.File, countOf(len(c.Errors), "error", "errors"))
	}
}

// countOf is "1 entity", "2 entities".
func countOf(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
