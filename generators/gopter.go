package generators

import "github.com/leanovate/gopter"

// The gopter generators are thin wrappers over the same fast core that
// Generate uses: each draws a whole test from GenParameters.Rng in one
// call, without gopter's reflective combinators, so they run at the same
// speed. They have no shrinkers; the diff package shrinks failing tests
// structurally.

// GenTest returns a gopter generator of whole tests (*Test) with the
// given settings.
func GenTest(s Settings) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(FromRand(s, p.Rng), gopter.NoShrinker)
	}
}

// GenSchema returns a gopter generator of schemas (*syntax.Schema).
func GenSchema(s Settings) gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		g := newGen(s, p.Rng)
		return gopter.NewGenResult(g.genSchema().schema, gopter.NoShrinker)
	}
}

// GenExprTest returns a gopter generator of ModeExpr tests (*Test with
// Expr set): one expression and the request to evaluate it with.
func GenExprTest(s Settings) gopter.Gen {
	s.Mode = ModeExpr
	return GenTest(s)
}

// GenSeed returns a gopter generator of (seed, index) pairs as a
// TestID, for properties that want to report a reproducible test id.
func GenSeed() gopter.Gen {
	return func(p *gopter.GenParameters) *gopter.GenResult {
		return gopter.NewGenResult(TestID{Seed: p.Rng.Int63(), Index: uint64(p.Rng.Int63())}, gopter.NoShrinker)
	}
}

// TestID names a generated test: Generate(settings, Seed, Index).
type TestID struct {
	Seed  int64
	Index uint64
}
