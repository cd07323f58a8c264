package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/internal/input"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
)

func init() { subcommands = append(subcommands, newTranslateCmd) }

func newTranslateCmd() *cobra.Command {
	var to string
	cmd := &cobra.Command{
		Use:     "translate-policy --to json|cedar FILE",
		Aliases: []string{"translate"},
		Short:   "Convert a policy file between Cedar text and policy JSON",
		Long: `translate-policy (the official CLI's name; translate is the same command)
converts a policy file between Cedar text and Cedar's policy JSON format
and prints the result on standard output.

The input format is taken from the file name (.json is policy JSON, .cedar
is Cedar text) and otherwise from the content (policy JSON starts with '{').
FILE "-" reads standard input. Policy JSON may hold a policy set
({"staticPolicies", "templates", "templateLinks"}) or a single policy.
Translating to the input's own format prints it in canonical form.

In Cedar text a policy's id is policy0, policy1, ... by position, or ID
when it is annotated @id("ID"), as in the official CLI. Cedar text has no
template links: a policy set with template links cannot be translated to
text (link prints one with its links written out).

Exit codes: 0 success, 2 usage error or bad input (the error names the
file, line and column).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to != "json" && to != "cedar" {
				return usageError("--to must be json or cedar, not %q", to)
			}
			ps, err := loadPolicySet(cmd.InOrStdin(), args[0], "")
			if err != nil {
				return inputError(err)
			}
			out, err := writePolicies(ps, to)
			if err != nil {
				return inputError(err)
			}
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "output format: json or cedar (required)")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// readInput reads the named file, or standard input for "-", within the
// limits of package input (the same for every command).
func readInput(stdin io.Reader, name string) ([]byte, error) {
	if name == "-" {
		return input.Read("standard input", stdin)
	}
	return input.ReadFile(name)
}

// isPolicyJSON decides the input format: by extension when it is .json or
// .cedar, otherwise by whether the content starts with '{' (Cedar text
// starts with an annotation, an effect or a comment).
func isPolicyJSON(name string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".cedar":
		return false
	}
	return bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n\ufeff"), []byte("{"))
}

// readPolicies parses Cedar text or policy JSON. Policy JSON that is a
// single policy rather than a set gets the id policy0.
func readPolicies(name string, src []byte) (*syntax.PolicySet, error) {
	if !isPolicyJSON(name, src) {
		return parser.ParsePolicySet(name, src)
	}
	ps, err := cedarjson.UnmarshalPolicySet(name, src)
	if err == nil || !isSinglePolicy(err) {
		return ps, err
	}
	p, err := cedarjson.UnmarshalPolicy(name, src)
	if err != nil {
		return nil, err
	}
	p.ID = syntax.DefaultPolicyID(0)
	return &syntax.PolicySet{Policies: []*syntax.Policy{p}}, nil
}

// isSinglePolicy reports whether reading JSON as a policy set failed
// because its top level has the fields of a policy.
func isSinglePolicy(setErr error) bool {
	se := syntax.FirstError(setErr)
	if se == nil || se.Kind != cedarjson.KindUnknownField {
		return false
	}
	for _, f := range []string{"effect", "principal", "action", "resource", "conditions", "annotations"} {
		if strings.HasPrefix(se.Msg, `$: unknown field "`+f+`"`) {
			return true
		}
	}
	return false
}

func writePolicies(ps *syntax.PolicySet, to string) ([]byte, error) {
	if to == "json" {
		return cedarjson.MarshalPolicySet(ps)
	}
	if len(ps.Links) > 0 {
		return nil, fmt.Errorf("the policy set has %d template link(s), which Cedar text cannot express", len(ps.Links))
	}
	return []byte(printer.PolicySet(ps)), nil
}
