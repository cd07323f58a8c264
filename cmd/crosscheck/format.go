package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

func init() { subcommands = append(subcommands, newFormatCmd) }

func newFormatCmd() *cobra.Command {
	var check, write bool
	cmd := &cobra.Command{
		Use:   "format [--check] [-w] FILE...",
		Short: "Format Cedar policy (.cedar) and schema (.cedarschema) files",
		Long: `format prints Cedar files in their canonical layout, like gofmt.

Files ending in .cedarschema are formatted as Cedar schemas; all other
files (and "-", standard input) as Cedar policies. Comments are kept; the
syntax/printer and syntax/schema package documentation say where each
comment goes. Formatting is idempotent.

By default the formatted text is written to standard output. With -w each
file is rewritten in place (atomically: a temporary file in the same
directory is renamed over it) when its formatting changes. With --check
nothing is written: the names of the files that are not formatted are
listed, and the exit code is 1 if there is any.

A file that does not parse is reported with file:line:col and the other
files are still processed.

Exit codes: 0 success, 1 --check found unformatted files, 2 usage error or
a file could not be read or parsed.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			out, errOut := cmd.OutOrStdout(), cmd.ErrOrStderr()
			failed, unformatted := false, false
			for _, name := range args {
				if name == "-" && write {
					return usageError("-w cannot rewrite standard input")
				}
				src, err := readInput(cmd.InOrStdin(), name)
				if err != nil {
					fmt.Fprintln(errOut, "crosscheck:", err)
					failed = true
					continue
				}
				display := name
				if name == "-" {
					display = "<stdin>"
				}
				formatted, err := formatSource(display, src)
				if err != nil {
					fmt.Fprintln(errOut, err)
					failed = true
					continue
				}
				changed := !bytes.Equal(src, formatted)
				if check && changed {
					unformatted = true
					fmt.Fprintln(out, display)
				}
				if write && changed {
					if err := writeFileAtomic(name, formatted); err != nil {
						fmt.Fprintln(errOut, "crosscheck:", err)
						failed = true
					}
				}
				if !check && !write {
					if _, err := out.Write(formatted); err != nil {
						return err
					}
				}
			}
			switch {
			case failed:
				return &exitError{code: exitUsage}
			case unformatted:
				return checkFailed()
			}
			return nil
		},
	}
	cmd.Flags().BoolVar(&check, "check", false, "list the files that are not formatted and exit 1 if there is any")
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	return cmd
}

// formatSource formats a schema or a policy file, chosen by extension.
func formatSource(name string, src []byte) ([]byte, error) {
	if strings.HasSuffix(name, ".cedarschema") {
		return schema.Format(name, src)
	}
	return printer.Format(name, src)
}

// writeFileAtomic replaces the file name with data: it writes a temporary
// file in the same directory, with the original's permissions, and renames
// it over the original, so that readers see the old or the new content and
// never a partial file.
func writeFileAtomic(name string, data []byte) error {
	info, err := os.Stat(name)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*.tmp")
	if err != nil {
		return err
	}
	tmpName := tmp.Name()
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmpName)
		}
	}()
	if _, err := tmp.Write(data); err != nil {
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		return err
	}
	if err := tmp.Sync(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmpName, name); err != nil {
		return err
	}
	ok = true
	return nil
}
