package diff

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// TestMeasureNovelty measures, with MEASURE_NOVELTY=1, how many of 20,000
// tests of each authorization target are novel under noveltyFeatures and
// under a whole-test key (the test's constructs, error kinds and shape as
// one string): the numbers behind README "Defaults". The model answers.
func TestMeasureNovelty(t *testing.T) {
	if os.Getenv("MEASURE_NOVELTY") == "" {
		t.Skip()
	}
	for _, target := range []Target{TargetABAC, TargetABACUntyped, TargetRBAC, TargetExpr} {
		seenF := map[string]bool{}
		seenW := map[string]bool{}
		novF, novW := 0, 0
		for i := range uint64(20000) {
			s := generators.DefaultSettings()
			s.Mode = target.Mode(i)
			tc := generators.Generate(s, 1, i)
			in := &Input{Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema}
			reqs := make([]*syntax.Request, len(tc.Requests))
			for k := range tc.Requests {
				reqs[k] = &tc.Requests[k]
			}
			ans, kinds, _, err := modelAuthorize(in, reqs, nil)
			if err != nil {
				continue
			}
			fs := noveltyFeatures(target, tc.Policies, ans, kinds)
			n := false
			for _, f := range fs {
				if !seenF[f] {
					n = true
				}
				seenF[f] = true
			}
			if n {
				novF++
			}
			// whole-test key
			cs := map[string]bool{}
			for _, p := range tc.Policies.Policies {
				generators.PolicyConstructs(p, func(c string) { cs[c] = true })
			}
			ks := map[string]bool{}
			for _, k := range kinds {
				for _, x := range k {
					ks[x.String()] = true
				}
			}
			key := strings.Join(slices.Sorted(maps.Keys(cs)), ",") + "|" + strings.Join(slices.Sorted(maps.Keys(ks)), ",")
			for _, f := range fs {
				if strings.Contains(f, " shape ") {
					key += f
				}
			}
			if !seenW[key] {
				novW++
				seenW[key] = true
			}
			if i+1 == 1000 || i+1 == 5000 || i+1 == 20000 {
				t.Logf("%s after %d: features novel %d (%d features), whole-key novel %d", target, i+1, novF, len(seenF), novW)
			}
		}
	}
}
