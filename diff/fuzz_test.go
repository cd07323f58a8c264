package diff

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// The fuzz targets drive the generators from the fuzzer's bytes
// (generators.FromBytes: one byte per choice, so mutations are local
// changes of the test) and check the test as the matching target of a
// differential run does. Run one with
//
//	go test ./diff -run '^$' -fuzz '^FuzzABAC$' -fuzztime 30s
//
// or all in turn with make fuzz FUZZTIME=30s. FuzzABAC, FuzzRBAC and
// FuzzExpr compare the implementations named by the environment variable
// CROSSCHECK_FUZZ_IMPL, an --impl list (default "model,engine"), such as
//
//	CROSSCHECK_FUZZ_IMPL="model,exec:python3 examples/python-rbac/server.py" go test ./diff -run '^$' -fuzz '^FuzzRBAC$'
//
// (a relative path is relative to diff/, where go test runs).

// fuzzImplEnv names the implementations the authorization fuzz targets
// compare.
const fuzzImplEnv = "CROSSCHECK_FUZZ_IMPL"

// fuzzImpls opens the implementations of CROSSCHECK_FUZZ_IMPL, released
// when f ends; Model and Engine when it is unset.
func fuzzImpls(f *testing.F) []Implementation {
	impls, notes, release, err := fuzzImplsOf(os.Getenv(fuzzImplEnv))
	if err != nil {
		f.Fatal(err)
	}
	for _, n := range notes {
		f.Log(n)
	}
	f.Cleanup(release)
	return impls
}

// fuzzImplsOf opens the implementations of a CROSSCHECK_FUZZ_IMPL value;
// Model and Engine when it is empty. An error names the variable.
func fuzzImplsOf(list string) ([]Implementation, []string, func(), error) {
	if list == "" {
		return []Implementation{Model(), Engine()}, nil, func() {}, nil
	}
	impls, notes, release, err := Open(SplitImplNames(list), cedarwasm.Options{Processes: 1})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("%s=%q: %v", fuzzImplEnv, list, err)
	}
	if len(impls) < 2 {
		release()
		return nil, nil, nil, fmt.Errorf("%s=%q names %d implementation; a fuzz target compares at least two", fuzzImplEnv, list, len(impls))
	}
	return impls, notes, release, nil
}

func FuzzABAC(f *testing.F)      { fuzzTarget(f, TargetABAC, generators.ModeTyped) }
func FuzzRBAC(f *testing.F)      { fuzzTarget(f, TargetRBAC, generators.ModeRBAC) }
func FuzzExpr(f *testing.F)      { fuzzTarget(f, TargetExpr, generators.ModeExpr) }
func FuzzRoundtrip(f *testing.F) { fuzzRoundtrip(f) }

// FuzzValidation compares the model's validator with cedar-go's on typed
// and untyped tests. cedar-go's experimental validator has known
// deviations from Cedar, so when the two disagree the official engine
// (cedar-wasm), when installed, decides: a disagreement in which it sides
// with the model is logged as a cedar-go deviation; one in which it sides
// with cedar-go fails, as does any disagreement when it is not installed.
func FuzzValidation(f *testing.F) {
	addSeeds(f)
	cfg := &Config{Impls: []Implementation{Model(), CedarGo()}}
	f.Fuzz(func(t *testing.T, untyped bool, data []byte) {
		s := generators.DefaultSettings()
		if untyped {
			s.Mode = generators.ModeUntyped
		}
		tc := generators.FromBytes(s, data)
		res := cfg.CheckTest(TargetValidation, tc)
		for _, fd := range res.Findings {
			if fd.Kind == KindValidation && arbiterSidesWithModel(t, res) {
				t.Logf("cedar-go deviation (cedar-wasm agrees with the model):\n%s", fd)
				continue
			}
			failTest(t, res)
		}
	})
}

func fuzzTarget(f *testing.F, target Target, mode generators.Mode) {
	addSeeds(f)
	cfg := &Config{Impls: fuzzImpls(f)}
	f.Fuzz(func(t *testing.T, data []byte) {
		s := generators.DefaultSettings()
		s.Mode = mode
		res := cfg.CheckTest(target, generators.FromBytes(s, data))
		if res.Failed() {
			failTest(t, res)
		}
	})
}

func fuzzRoundtrip(f *testing.F) {
	addSeeds(f)
	cfg := &Config{Impls: []Implementation{Model()}}
	f.Fuzz(func(t *testing.T, mode uint8, data []byte) {
		s := generators.DefaultSettings()
		s.Mode = mixedModes[int(mode)%len(mixedModes)]
		res := cfg.CheckTest(TargetRoundtrip, generators.FromBytes(s, data))
		if res.Failed() {
			failTest(t, res)
		}
	})
}

// addSeeds gives the fuzzer a few starting points: no bytes (the
// simplest test), and byte patterns that make different choices.
func addSeeds(f *testing.F) {
	seeds := [][]byte{nil, {1, 2, 3, 4, 5, 6, 7, 8}, bytes.Repeat([]byte{0xff}, 64), bytes.Repeat([]byte{7, 3, 200, 41}, 64)}
	for _, s := range seeds {
		switch f.Name() {
		case "FuzzValidation":
			f.Add(false, s)
			f.Add(true, s)
		case "FuzzRoundtrip", "FuzzValidationOfficial":
			f.Add(uint8(0), s)
			f.Add(uint8(1), s)
			f.Add(uint8(2), s)
		default:
			f.Add(s)
		}
	}
}

// failTest prints the whole test and its findings and fails.
func failTest(t *testing.T, res *TestResult) {
	t.Helper()
	var b bytes.Buffer
	res.WriteText(&b)
	t.Fatalf("%s", b.String())
}

var (
	arbiterOnce sync.Once
	arbiter     *CedarWasmImpl
)

// arbiterSidesWithModel asks cedar-wasm whether the test's policies
// validate, and reports whether it agrees with the model. It is false
// when cedar-wasm is not installed.
func arbiterSidesWithModel(t *testing.T, res *TestResult) bool {
	arbiterOnce.Do(func() {
		w, err := CedarWasm(cedarwasm.Options{Processes: 1})
		if err != nil && !errors.Is(err, cedarwasm.ErrNotInstalled) {
			t.Logf("cedar-wasm: %v", err)
		}
		arbiter = w
	})
	if arbiter == nil || res.Validations[0] == nil {
		return false
	}
	tc := res.Test
	v, err := arbiter.Validate(&Input{Policies: tc.Policies, Entities: tc.Entities, Schema: tc.Schema})
	return err == nil && v.OK == res.Validations[0].OK
}
