package diff

import (
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/internal/version"
)

// Known differences are keyed by implementation and release: an entry
// of knownDifferences names an implementation family ("cedar-go",
// "cedar-wasm") and the range of its releases that show the bug
// (KnownDifference.Versions). An implementation in a run is an --impl
// name; ImplRelease tells which family and release it is.

// PinnedCedarGo is the cedar-go release linked into Crosscheck (the
// in-process "cedar-go"), used when the build information does not say.
const PinnedCedarGo = "v1.9.1"

// ImplRelease returns the implementation family and the release of the
// --impl name impl: "cedar-go@v1.9.2" is cedar-go v1.9.2, the plain
// "cedar-go" the release linked in, "cedar-wasm@4.12.0" cedar-wasm
// 4.12.0 and the plain "cedar-wasm" the installed npm package's version
// ("" when it is not installed). Any other name is its own family, of
// unknown release ("").
func ImplRelease(impl string) (family, release string) {
	if f, r, ok := strings.Cut(impl, "@"); ok && !strings.HasPrefix(impl, ExecPrefix) {
		return f, r
	}
	switch impl {
	case "cedar-go":
		if v := version.Module("github.com/cedar-policy/cedar-go"); v != "" {
			return impl, v
		}
		return impl, PinnedCedarGo
	case "cedar-wasm":
		return impl, installedCedarWasm()
	}
	return impl, ""
}

var installedCedarWasm = sync.OnceValue(cedarwasm.InstalledVersion)

// AppliesTo reports whether the difference concerns the --impl name
// impl: its family is k.Impl and its release is in k.Versions (a release
// that cannot be told is taken to show every known difference of its
// family).
func (k KnownDifference) AppliesTo(impl string) bool {
	family, release := ImplRelease(impl)
	if family != k.Impl {
		return false
	}
	in, err := VersionIn(release, k.Versions)
	return err != nil || in
}

// FixedIn is the first release known not to show the difference: the
// bound of a "<X" clause of Versions, or "" when there is none.
func (k KnownDifference) FixedIn() string {
	for _, c := range strings.Fields(k.Versions) {
		if v, ok := strings.CutPrefix(c, "<"); ok && !strings.HasPrefix(v, "=") {
			return v
		}
	}
	return ""
}

// VersionIn reports whether release satisfies constraint: clauses
// separated by spaces, each an operator (<, <=, >, >=, =) and a release
// ("v1.9.2" or "4.12.0"; a leading "v" is ignored), all of which must
// hold. The empty constraint holds for every release. An empty release
// or a malformed constraint is an error.
func VersionIn(release, constraint string) (bool, error) {
	clauses := strings.Fields(constraint)
	if len(clauses) == 0 {
		return true, nil
	}
	if release == "" {
		return false, fmt.Errorf("no release to check against %q", constraint)
	}
	for _, c := range clauses {
		op := strings.TrimRight(c, "v0123456789.-+abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
		bound := c[len(op):]
		cmp, err := CompareVersions(release, bound)
		if err != nil {
			return false, err
		}
		var ok bool
		switch op {
		case "<":
			ok = cmp < 0
		case "<=":
			ok = cmp <= 0
		case ">":
			ok = cmp > 0
		case ">=":
			ok = cmp >= 0
		case "=", "==":
			ok = cmp == 0
		default:
			return false, fmt.Errorf("version constraint %q: clause %q has no operator <, <=, >, >= or =", constraint, c)
		}
		if !ok {
			return false, nil
		}
	}
	return true, nil
}

// CompareVersions compares two releases "MAJOR.MINOR.PATCH" (a leading
// "v" ignored; missing parts are 0) numerically; a pre-release suffix
// ("-rc1") sorts before the release itself. It returns -1, 0 or +1.
func CompareVersions(a, b string) (int, error) {
	pa, pre1, err := versionParts(a)
	if err != nil {
		return 0, err
	}
	pb, pre2, err := versionParts(b)
	if err != nil {
		return 0, err
	}
	for i := range 3 {
		if pa[i] != pb[i] {
			if pa[i] < pb[i] {
				return -1, nil
			}
			return 1, nil
		}
	}
	switch {
	case pre1 == pre2:
		return 0, nil
	case pre1 == "":
		return 1, nil
	case pre2 == "":
		return -1, nil
	}
	return strings.Compare(pre1, pre2), nil
}

func versionParts(v string) ([3]int, string, error) {
	var out [3]int
	s := strings.TrimPrefix(v, "v")
	s, pre, _ := strings.Cut(s, "-")
	s, _, _ = strings.Cut(s, "+")
	parts := strings.Split(s, ".")
	if s == "" || len(parts) > 3 {
		return out, "", fmt.Errorf("%q is not a release (want MAJOR.MINOR.PATCH)", v)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return out, "", fmt.Errorf("%q is not a release (want MAJOR.MINOR.PATCH)", v)
		}
		out[i] = n
	}
	return out, pre, nil
}

// FixedDifference is a known difference that the release an
// implementation of a run is at no longer shows.
type FixedDifference struct {
	// Impl is the --impl name; Case the regression case; FixedIn the
	// first release without the bug.
	Impl    string `json:"impl"`
	Case    string `json:"case"`
	FixedIn string `json:"fixed_in"`
}

func (f FixedDifference) String() string {
	return fmt.Sprintf("%s: %s (fixed in %s)", f.Impl, f.Case, f.FixedIn)
}

// KnownFixed lists, for each --impl name of impls, the cases of known
// differences of its family that its release is past: the entries whose
// every part is out of range at that release and which say where they
// were fixed. A run reports them so that a fixed bug is said to be fixed
// rather than silently no longer tolerated.
func KnownFixed(impls []string) []FixedDifference {
	var out []FixedDifference
	for _, impl := range impls {
		family, release := ImplRelease(impl)
		if release == "" {
			continue
		}
		seen, applies, fixed := map[string]bool{}, map[string]bool{}, map[string]string{}
		var order []string
		for _, k := range knownDifferences {
			if k.Impl != family {
				continue
			}
			if !seen[k.Case] {
				seen[k.Case] = true
				order = append(order, k.Case)
			}
			if k.AppliesTo(impl) {
				applies[k.Case] = true
				continue
			}
			if at := k.FixedIn(); at != "" {
				if c, err := CompareVersions(release, at); err == nil && c >= 0 {
					fixed[k.Case] = at
				}
			}
		}
		for _, kase := range order {
			if at, ok := fixed[kase]; ok && !applies[kase] {
				out = append(out, FixedDifference{Impl: impl, Case: kase, FixedIn: at})
			}
		}
	}
	return out
}
