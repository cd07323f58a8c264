package generators_test

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/leanovate/gopter"
	"github.com/leanovate/gopter/prop"
)

// Generate derives each test from a seed and an index alone.
func ExampleGenerate() {
	s := generators.DefaultSettings()
	a := generators.Generate(s, 2026, 17)
	b := generators.Generate(s, 2026, 17)
	fmt.Println(len(a.Requests), len(a.Policies.Policies) == len(b.Policies.Policies))
	// Output: 8 true
}

// FromBytes maps fuzzer input to a test; the empty input gives the
// simplest one.
func ExampleFromBytes() {
	t := generators.FromBytes(generators.DefaultSettings(), nil)
	fmt.Println(len(t.Schema.EntityTypes), len(t.Policies.Policies), len(t.Faults))
	// Output: 2 1 0
}

// GenTest plugs the generators into a gopter property.
func ExampleGenTest() {
	params := gopter.DefaultTestParametersWithSeed(1)
	params.MinSuccessfulTests = 20
	props := gopter.NewProperties(params)
	props.Property("every test has eight requests", prop.ForAll(
		func(t *generators.Test) bool { return len(t.Requests) == 8 },
		generators.GenTest(generators.DefaultSettings()),
	))
	fmt.Println(props.Run(gopter.NewFormatedReporter(false, 80, nopWriter{})))
	// Output: true
}

// Stats counts what a batch of tests contains.
func ExampleStats() {
	st := generators.NewStats()
	for i := range uint64(100) {
		st.Add(generators.Generate(generators.DefaultSettings(), 1, i))
	}
	fmt.Println(st.Tests, st.Requests, st.InPolicies["when"] > 0)
	// Output: 100 800 true
}

type nopWriter struct{}

func (nopWriter) Write(p []byte) (int, error) { return len(p), nil }
