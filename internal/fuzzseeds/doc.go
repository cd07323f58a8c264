// Package fuzzseeds writes the seed corpora of the go test -fuzz targets
// that read Cedar texts (syntax/parser, syntax/printer, syntax/schema,
// syntax/cedarjson, engine) from real generated tests: each seed is the
// policies, schema, entities or request of generators.Generate(settings,
// seed, index), written in the target's own testdata/fuzz/FuzzX/ folder,
// so plain `go test` in that package runs them as regression inputs.
//
// Regenerate them with
//
//	CROSSCHECK_WRITE_FUZZ_SEEDS=1 go test ./internal/fuzzseeds
//
// Without the variable the test checks that every committed seed exists
// and is a fuzz input, and logs the ones the generators now write
// differently. The targets that read gopter byte streams (diff's
// FuzzABAC, ..., generators' FuzzFromBytes, FuzzSoundness) and the
// model's extension and evaluation targets are not seeded here.
package fuzzseeds
