package diff

import "slices"

// A releaseSeverity is a validation kind that some releases of an
// implementation report as an error where the model, which follows the
// pinned official engine, reports a warning. It is no bug, but a change
// of the official engine between releases: the validation-detail
// comparison expects the release's severity, so that a run comparing an
// older release reports only real differences. Each entry is explained in
// docs/cedar-wasm-releases.md and docs/known-differences.md.
type releaseSeverity struct {
	// Impl is the implementation family and Versions the range of its
	// releases, as KnownDifference has them (see ImplRelease, VersionIn).
	Impl, Versions string
	// Kind is the validation kind (see validation_kinds.go).
	Kind string
}

var releaseSeverities = []releaseSeverity{
	// "Unable to find an applicable action given the policy scope
	// constraints": an error in 4.1.0 to 4.12.0 (measured on 4.1.0,
	// 4.3.0, 4.4.0, 4.5.0, 4.9.1, 4.10.0, 4.11.0, 4.12.0), a warning
	// from 4.13.0 on.
	{Impl: "cedar-wasm", Versions: "<4.13.0", Kind: "InvalidActionApplication"},
}

// severitiesOf lists the kinds the --impl name impl reports as errors
// where the model warns; nil for a release of unknown version, which is
// taken to behave as the pinned engine.
func severitiesOf(impl string) []string {
	family, release := ImplRelease(impl)
	if release == "" {
		return nil
	}
	var kinds []string
	for _, s := range releaseSeverities {
		if s.Impl != family {
			continue
		}
		if in, err := VersionIn(release, s.Versions); err == nil && in {
			kinds = append(kinds, s.Kind)
		}
	}
	return kinds
}

// atReleaseOf returns the model's detail d as the release of impl would
// classify it: each warning of a kind that release reports as an error
// becomes an error. d itself is not changed; with nothing to move, d is
// returned.
func atReleaseOf(d *ValidationDetail, impl string) *ValidationDetail {
	kinds := severitiesOf(impl)
	if len(kinds) == 0 {
		return d
	}
	out := *d
	out.Policies = make(map[string]*PolicyDetail, len(d.Policies))
	for id, p := range d.Policies {
		q := *p
		q.Errors, q.Warnings = slices.Clone(p.Errors), nil
		for _, w := range p.Warnings {
			if slices.Contains(kinds, w) {
				q.Errors = append(q.Errors, w)
			} else {
				q.Warnings = append(q.Warnings, w)
			}
		}
		q.Errors = sortedSet(q.Errors)
		out.Policies[id] = &q
	}
	return &out
}

// hasPathSplitIn is the range of cedar-wasm releases whose policy JSON
// writes `e has a.b` as a conjunction, `e has a && e.a has b` (left
// associated), where 4.13.0 writes one {"has": {"left": e, "attr":
// ["a", "b"]}}, as our cedarjson does (measured on 4.5.0, 4.10.0,
// 4.11.0, 4.12.0 and 4.13.0). The parse target compares our policy JSON
// with such a release after splitting it (splitHasPaths).
const hasPathSplitIn = "<4.13.0"

// splitsHasPaths reports whether the --impl name impl is a release that
// writes has-paths as conjunctions.
func splitsHasPaths(impl string) bool {
	family, release := ImplRelease(impl)
	if family != "cedar-wasm" || release == "" {
		return false
	}
	in, err := VersionIn(release, hasPathSplitIn)
	return err == nil && in
}

// splitHasPaths rewrites decoded policy JSON v, writing every has with a
// path of several attributes as the conjunction older releases write.
// Literal values ("Value") are left as they are.
func splitHasPaths(v any) any {
	switch x := v.(type) {
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = splitHasPaths(e)
		}
		return out
	case map[string]any:
		if h, ok := x["has"].(map[string]any); ok && len(x) == 1 {
			if path, ok := h["attr"].([]any); ok && len(path) > 1 {
				left := splitHasPaths(h["left"])
				var conj any
				for _, a := range path {
					has := map[string]any{"has": map[string]any{"left": left, "attr": a}}
					if conj == nil {
						conj = has
					} else {
						conj = map[string]any{"&&": map[string]any{"left": conj, "right": has}}
					}
					left = map[string]any{".": map[string]any{"left": left, "attr": a}}
				}
				return conj
			}
		}
		out := make(map[string]any, len(x))
		for k, e := range x {
			if k == "Value" {
				out[k] = e
			} else {
				out[k] = splitHasPaths(e)
			}
		}
		return out
	}
	return v
}
