// Package version tells which build of Crosscheck is running: its own
// version, the versions of the modules it was built with (cedar-go), the
// Cedar language version the model implements, and the Go version, OS
// and CPU. Results (summary.json, report.json, saved findings) record
// them, and so does `crosscheck --version`.
package version

import (
	"runtime"
	"runtime/debug"
)

// CedarLanguage is the version of the Cedar language the reference model
// and the engine implement.
const CedarLanguage = "4.5"

// Override, when set at build time with
// -ldflags "-X github.com/cedar-crosscheck/crosscheck/internal/version.Override=v1.2.3",
// is Crosscheck's version.
var Override string

// Crosscheck is Crosscheck's version: Override when set; else the main
// module's version from the build information (a tagged `go install`);
// else the VCS revision the binary was built from (12 hex digits, with
// "+dirty" for uncommitted changes); else "devel".
func Crosscheck() string {
	if Override != "" {
		return Override
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "devel"
	}
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev == "" {
		return "devel"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	return "devel-" + rev + dirty
}

// Module is the version of the module path this binary was built with,
// "" when it was not (or there is no build information).
func Module(path string) string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	for _, d := range info.Deps {
		if d.Path == path {
			if d.Replace != nil && d.Replace.Version != "" {
				return d.Replace.Version
			}
			return d.Version
		}
	}
	return ""
}

// Build describes the running binary. Its JSON form is what results
// record.
type Build struct {
	Crosscheck    string `json:"crosscheck"`
	CedarLanguage string `json:"cedar_language"`
	Go            string `json:"go"`
	OS            string `json:"os"`
	Arch          string `json:"arch"`
}

// Current returns the running binary's Build.
func Current() Build {
	return Build{Crosscheck: Crosscheck(), CedarLanguage: CedarLanguage, Go: runtime.Version(), OS: runtime.GOOS, Arch: runtime.GOARCH}
}
