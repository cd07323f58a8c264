package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/internal/input"
)

func init() {
	subcommands = append(subcommands, newVersionCmd)
	cobra.AddTemplateFunc("crosscheckVersions", func() string {
		var b strings.Builder
		writeVersionText(&b, versions())
		return b.String()
	})
}

// devVersion is version's value when no -ldflags "-X main.version=..."
// set it.
const devVersion = "0.1.0-dev"

// cedarLanguageVersion is the version of the Cedar language that the
// model, the engine and the parsers implement.
const cedarLanguageVersion = "4.5"

const cedarGoModule = "github.com/cedar-policy/cedar-go"

// versionInfo is what --version and `version` print.
type versionInfo struct {
	Crosscheck    string `json:"crosscheck"`
	Revision      string `json:"revision,omitempty"` // the VCS commit it was built from, "+modified" when dirty
	CedarLanguage string `json:"cedarLanguage"`
	CedarGo       string `json:"cedarGo"`             // the embedded cedar-go module's version
	CedarWasm     string `json:"cedarWasm,omitempty"` // the cedar-wasm npm package found, if any
	CedarWasmDir  string `json:"cedarWasmDir,omitempty"`
	CedarWasmNote string `json:"cedarWasmNote,omitempty"` // why it was not found
}

// versions collects the versions of Crosscheck and of the
// implementations it embeds (cedar-go) or finds (cedar-wasm, located as
// the cedar-wasm implementation locates it).
func versions() versionInfo {
	v := versionInfo{Crosscheck: version, CedarLanguage: cedarLanguageVersion, CedarGo: "unknown"}
	if bi, ok := debug.ReadBuildInfo(); ok {
		applyBuildInfo(&v, bi)
	}
	v.CedarWasm, v.CedarWasmDir, v.CedarWasmNote = cedarWasmVersion()
	return v
}

// applyBuildInfo takes Crosscheck's version from the module version when
// no -ldflags set one (a `go install ...@vX.Y.Z` build), the commit from
// the VCS stamp, and cedar-go's version from the module graph.
func applyBuildInfo(v *versionInfo, bi *debug.BuildInfo) {
	if version == devVersion && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v.Crosscheck = bi.Main.Version
	}
	var modified bool
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v.Revision = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	if v.Revision != "" && modified {
		v.Revision += "+modified"
	}
	for _, d := range bi.Deps {
		if d.Path != cedarGoModule {
			continue
		}
		v.CedarGo = d.Version
		if d.Replace != nil {
			v.CedarGo = fmt.Sprintf("%s (replaced by %s)", d.Version, strings.TrimSpace(d.Replace.Path+" "+d.Replace.Version))
		}
	}
}

// cedarWasmVersion reads the version of the cedar-wasm package that the
// cedar-wasm implementation would run, or says why there is none.
func cedarWasmVersion() (ver, dir, note string) {
	_, nodeModules, err := cedarwasm.Locate()
	if err != nil {
		return "", "", err.Error()
	}
	dir = filepath.Join(nodeModules, "@cedar-policy", "cedar-wasm")
	src, err := input.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return "", dir, err.Error()
	}
	var pkg struct {
		Version string `json:"version"`
	}
	if err := json.Unmarshal(src, &pkg); err != nil || pkg.Version == "" {
		return "", dir, fmt.Sprintf("%s/package.json names no version", dir)
	}
	return pkg.Version, dir, ""
}

func writeVersionText(w io.Writer, v versionInfo) {
	fmt.Fprintf(w, "crosscheck %s", v.Crosscheck)
	if v.Revision != "" {
		fmt.Fprintf(w, " (commit %s)", v.Revision)
	}
	fmt.Fprintf(w, "\nCedar language %s\n", v.CedarLanguage)
	fmt.Fprintf(w, "cedar-go %s (built in)\n", v.CedarGo)
	if v.CedarWasm != "" {
		fmt.Fprintf(w, "cedar-wasm %s (%s)\n", v.CedarWasm, v.CedarWasmDir)
	} else {
		fmt.Fprintf(w, "cedar-wasm not available: %s\n", v.CedarWasmNote)
	}
}

func newVersionCmd() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "version [--json]",
		Short: "Print the versions of Crosscheck and of the Cedar implementations it uses",
		Long: `version prints Crosscheck's version (set at build time, or the module
version of a go install build) and the commit it was built from, the
version of the Cedar language it implements, the version of cedar-go built
into it, and the version of the @cedar-policy/cedar-wasm package the
cedar-wasm implementation would run (found as --impl cedar-wasm finds it:
$CROSSCHECK_NODE_MODULES, then node_modules above the working directory or
the executable), or why there is none. crosscheck --version prints the
same text.

Exit codes: 0 success, 2 usage error.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			v := versions()
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), v)
			}
			writeVersionText(cmd.OutOrStdout(), v)
			return nil
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the versions as JSON")
	return cmd
}
