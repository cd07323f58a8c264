package diff

import (
	"errors"
	"slices"
	"sort"
	"testing"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// TestOfficialKinds pins the mapping table on messages the official
// engine 4.13 gave.
func TestOfficialKinds(t *testing.T) {
	tests := []struct{ msg, kind string }{
		{"for policy `p17`, unable to guarantee safety of access to optional attribute `age` on entity type `User`", "UnsafeOptionalAttributeAccess"},
		{"for policy `p8`, unable to guarantee safety of access to tag `\"a\"` on entity type `User`", "UnsafeTagAccess"},
		{"for policy `p1`, attribute `nope` on entity type `User` not found", "UnsafeAttributeAccess"},
		{"for policy `p16`, attribute `n` in context for Action::\"edit\" not found", "UnsafeAttributeAccess"},
		{"for policy `p20`, unexpected type: expected Long but saw String", "UnexpectedType"},
		{"the types Long and String are not compatible", "IncompatibleTypes"},
		{"for policy `p15`, wrong number of arguments in extension function application. Expected 1, got 2", "WrongNumberArguments"},
		{"for policy `p13`, error during extension function argument validation: failed to parse as a decimal value: `\"x\"`", "FunctionArgumentValidation"},
		{"for policy `p11`, extension constructors may not be called with non-literal expressions", "NonLitExtConstructor"},
		{"for policy `p10`, empty set literals are forbidden in policies", "EmptySetForbidden"},
		{"for policy `p2`, unrecognized entity type `Foo`", "UnrecognizedEntityType"},
		{"for policy `p3`, unrecognized action `Action::\"nope\"`", "UnrecognizedActionId"},
		{"for policy `c`: entity `Color::\"green\"` is of an enumerated entity type, but `\"green\"` is not declared as a valid eid", "InvalidEnumEntity"},
		{"for policy `p3`, unable to find an applicable action given the policy scope constraints", "InvalidActionApplication"},
		{"for policy `p6`, policy is impossible: the policy expression evaluates to false for all valid requests", "ImpossiblePolicy"},
		{"for policy `x`, something new", "unmapped: for policy `x`, something new"},
	}
	for _, tt := range tests {
		if got := officialKind(tt.msg); got != tt.kind {
			t.Errorf("officialKind(%q) = %q, want %q", tt.msg, got, tt.kind)
		}
	}
}

// TestCompareDetails pins what counts as a difference.
func TestCompareDetails(t *testing.T) {
	ps, err := parser.ParsePolicySet("", []byte(`permit(principal, action, resource);`))
	if err != nil {
		t.Fatal(err)
	}
	id := ps.Policies[0].ID
	detail := func(errs, warns []string, envs *RequestEnvs, reqs []bool, ents bool) *ValidationDetail {
		d := &ValidationDetail{Policies: map[string]*PolicyDetail{id: {Errors: errs, Warnings: warns}}, Entities: Conformance{OK: ents}}
		if envs != nil {
			d.Envs = map[string]*RequestEnvs{id: envs}
		}
		for _, ok := range reqs {
			d.Requests = append(d.Requests, Conformance{OK: ok})
		}
		return d
	}
	envs := &RequestEnvs{Principals: []string{"User"}, Actions: []string{`Action::"view"`}, Resources: []string{"Photo"}}
	tests := []struct {
		name        string
		model, wasm *ValidationDetail
		want        []string // the On of each difference
	}{
		{"same", detail(nil, nil, envs, []bool{true, false}, true), detail(nil, nil, envs, []bool{true, false}, true), nil},
		{"validates differs", detail(nil, nil, nil, nil, true), detail([]string{"UnexpectedType"}, nil, nil, nil, true), []string{onPolicyValidates}},
		{"official reports more kinds", detail([]string{"FunctionArgumentValidation"}, nil, nil, nil, true),
			detail([]string{"FunctionArgumentValidation", "IncompatibleTypes"}, nil, nil, nil, true), nil},
		{"model kind missing officially", detail([]string{"UnsafeAttributeAccess"}, nil, nil, nil, true),
			detail([]string{"UnexpectedType"}, nil, nil, nil, true), []string{onPolicyErrorKinds}},
		{"warnings differ on a valid policy", detail(nil, nil, nil, nil, true), detail(nil, []string{"ImpossiblePolicy"}, nil, nil, true), []string{onPolicyWarnings}},
		{"warnings of an invalid policy ignored", detail([]string{"UnexpectedType"}, nil, nil, nil, true),
			detail([]string{"UnexpectedType"}, []string{"ImpossiblePolicy"}, nil, nil, true), nil},
		{"envs differ", detail(nil, nil, envs, nil, true), detail(nil, nil, &RequestEnvs{}, nil, true), []string{onRequestEnvs}},
		{"envs not computed officially", detail(nil, nil, envs, nil, true), detail(nil, nil, nil, nil, true), nil},
		{"request differs", detail(nil, nil, nil, []bool{true, true}, true), detail(nil, nil, nil, []bool{true, false}, true), []string{onRequestValid}},
		{"entities differ", detail(nil, nil, nil, nil, false), detail(nil, nil, nil, nil, true), []string{onEntitiesValid}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range compareDetails(tt.model, tt.wasm, ps) {
				got = append(got, d.on)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("differences on %v, want %v", got, tt.want)
			}
		})
	}
}

// TestValidationDetailOfficial runs validation tests through the model
// and cedar-wasm, expects no finding, checks that the conformance faults
// make both answers of request and entity validation occur, and logs what
// each comparison costs per test.
func TestValidationDetailOfficial(t *testing.T) {
	w := installedOracle(t)
	if w == nil {
		t.Skip("cedar-wasm is not installed: run `npm ci` at the repository root")
	}
	n := 90
	if testing.Short() {
		n = 30
	}
	cfg := &Config{Impls: []Implementation{Model(), Guard(w)}, Seed: 11, Target: TargetValidation, Timeout: time.Minute}
	costs := map[string]int64{}
	var badRequests, badEntities, envs int
	for i := range n {
		res := cfg.Check(uint64(i))
		if res.Failed() {
			failTest(t, res)
		}
		for k, v := range res.ValidationCosts {
			costs[k] += v
		}
		for _, f := range res.Test.Faults {
			switch f.Kind {
			case generators.FaultContextType, generators.FaultPrincipalType:
				badRequests++
			case generators.FaultParentType, generators.FaultTagType:
				badEntities++
			}
		}
		if len(res.Test.Policies.Policies) > 0 {
			envs++
		}
	}
	if badRequests == 0 || badEntities == 0 {
		t.Errorf("%d tests: %d non-conforming requests, %d non-conforming entity sets; want some of each", n, badRequests, badEntities)
	}
	keys := make([]string, 0, len(costs))
	for k := range costs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Logf("%-40s %8.3f ms per test", k, float64(costs[k])/float64(n)/1e6)
	}
}

// FuzzValidationOfficial compares the model's detailed validation (per
// policy kinds, request environments, request and entity validation)
// with the official engine's on fuzzer-made tests of the three validation
// modes, with conformance faults on. It skips when cedar-wasm is not
// installed.
func FuzzValidationOfficial(f *testing.F) {
	addSeeds(f)
	w, err := CedarWasm(cedarwasm.Options{Processes: 1})
	if errors.Is(err, cedarwasm.ErrNotInstalled) {
		f.Skipf("cedar-wasm is not installed (%v): run `npm ci` at the repository root", err)
	}
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(w.Close)
	cfg := &Config{Impls: []Implementation{Model(), Guard(w)}}
	f.Fuzz(func(t *testing.T, mode uint8, data []byte) {
		s := generators.DefaultSettings()
		s.Mode = mixedModes[int(mode)%len(mixedModes)]
		s.ConformanceFaultPercent = validationConformanceFaults
		res := cfg.CheckTest(TargetValidation, generators.FromBytes(s, data))
		if res.Failed() {
			failTest(t, res)
		}
	})
}
