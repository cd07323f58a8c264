package diff

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/internal/version"
	"github.com/cedar-crosscheck/crosscheck/protocol"
)

// Versions is what a result records of the software that produced it:
// Crosscheck's build (its version, the Cedar language version of the
// model, Go, OS and CPU) and each implementation's version.
type Versions struct {
	version.Build
	Impls []ImplVersion `json:"impls"`
}

// ImplVersion is one implementation's name (as --impl spells it), what
// it is, its version, and the Cedar language version it implements (""
// when it does not say).
type ImplVersion struct {
	Name           string `json:"name"`
	Implementation string `json:"implementation"`
	Version        string `json:"version"`
	Cedar          string `json:"cedar,omitempty"`
}

// VersionsOf returns the build's versions and those of impls, in order:
// the model and the engine are Crosscheck's version; cedar-go its module
// version from the build information; cedar-wasm the version of the
// installed npm package; a protocol server what its handshake said.
func VersionsOf(impls []Implementation) *Versions {
	v := &Versions{Build: version.Current(), Impls: []ImplVersion{}}
	for _, impl := range impls {
		v.Impls = append(v.Impls, implVersion(impl))
	}
	return v
}

func implVersion(impl Implementation) ImplVersion {
	if g, ok := impl.(guarded); ok {
		impl = g.impl
	}
	iv := ImplVersion{Name: impl.Name(), Implementation: impl.Name()}
	switch x := impl.(type) {
	case modelImpl:
		iv.Implementation, iv.Version, iv.Cedar = "crosscheck model", version.Crosscheck(), version.CedarLanguage
	case engineImpl:
		iv.Implementation, iv.Version, iv.Cedar = "crosscheck engine", version.Crosscheck(), version.CedarLanguage
	case cedarGoImpl:
		iv.Implementation, iv.Version = "github.com/cedar-policy/cedar-go", version.Module("github.com/cedar-policy/cedar-go")
	case *CedarWasmImpl:
		h := x.Hello()
		iv.Implementation, iv.Version, iv.Cedar = "@cedar-policy/cedar-wasm", h.Version, h.Cedar
	case interface{ Hello() protocol.Hello }: // *ExecImpl, *CedarGoReleaseImpl
		h := x.Hello()
		iv.Implementation, iv.Version, iv.Cedar = h.Name, h.Version, h.Cedar
	}
	return iv
}

// String is one line for a saved finding: "crosscheck V (cedar L, GO
// OS/ARCH); NAME IMPL VERSION (cedar C), ...". It holds no "; " inside
// an implementation's part.
func (v *Versions) String() string {
	parts := []string{fmt.Sprintf("crosscheck %s (cedar %s, %s %s/%s)", v.Crosscheck, v.CedarLanguage, v.Go, v.OS, v.Arch)}
	for _, iv := range v.Impls {
		s := iv.Name
		if iv.Implementation != iv.Name {
			s += " = " + iv.Implementation
		}
		s += " " + cmp.Or(iv.Version, "(unknown version)")
		if iv.Cedar != "" {
			s += " (cedar " + iv.Cedar + ")"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, "; ")
}
