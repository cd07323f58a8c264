package main

import (
	"bytes"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

func init() { subcommands = append(subcommands, newTranslateSchemaCmd) }

func newTranslateSchemaCmd() *cobra.Command {
	var to string
	cmd := &cobra.Command{
		Use:   "translate-schema --to json|cedar FILE",
		Short: "Convert a schema between the Cedar schema format and JSON",
		Long: `translate-schema converts a schema between the Cedar schema text format
(.cedarschema) and the JSON schema format and prints the result on
standard output, in the canonical layout of that format.

The input format is taken from the file name (.json is JSON, .cedarschema
is text) and otherwise from the content (JSON starts with '{'). FILE "-"
reads standard input. Translating to the input's own format prints it in
canonical form, keeping the comments of text. Comments cannot be written
in JSON and are dropped there.

The schema is translated as written, as the official CLI translates a
schema fragment: it need not resolve (a type it names may be declared in
another file). check-parse --schema checks that it resolves.

Exit codes: 0 success, 2 usage error or bad input (the error names the
file, line and column), including a JSON schema that uses a form the text
format cannot express.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if to != "json" && to != "cedar" {
				return usageError("--to must be json or cedar, not %q", to)
			}
			name := args[0]
			src, err := readInput(cmd.InOrStdin(), name)
			if err != nil {
				return inputError(err)
			}
			if name == "-" {
				name = "<stdin>"
			}
			var f *schema.File
			if isSchemaJSON(name, src) {
				f, err = schema.ParseJSONFile(name, src)
			} else {
				f, err = schema.ParseCedarFile(name, src)
			}
			if err != nil {
				return inputError(err)
			}
			var out []byte
			if to == "json" {
				out, err = schema.PrintJSON(f)
			} else {
				out, err = schema.PrintCedar(f)
			}
			if err != nil {
				return inputError(err)
			}
			if len(out) > 0 && out[len(out)-1] != '\n' {
				out = append(out, '\n')
			}
			_, err = cmd.OutOrStdout().Write(out)
			return err
		},
	}
	cmd.Flags().StringVar(&to, "to", "", "output format: json or cedar (required)")
	_ = cmd.MarkFlagRequired("to")
	return cmd
}

// isSchemaJSON decides a schema's format: by extension when it is .json
// or .cedarschema, otherwise by whether the content starts with '{' (a
// text schema starts with a declaration, an annotation or a comment).
func isSchemaJSON(name string, src []byte) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json":
		return true
	case ".cedarschema":
		return false
	}
	return bytes.HasPrefix(bytes.TrimLeft(src, " \t\r\n\ufeff"), []byte("{"))
}
