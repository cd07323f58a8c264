// Package diff is the differential testing harness: the implementations
// under test, the comparison of their answers, the parallel runner, and
// the go test -fuzz targets.
//
// # Implementations
//
// Implementation (impl.go) is what the harness knows of an engine; the
// adapters are Model, Engine, CedarGo, CedarWasm and Exec (any program
// speaking the process protocol of package protocol, named "exec:CMD
// ARGS"; docs/protocol.md), and Open builds them from --impl names.
//
// # Differential runs
//
// Run (runner.go) generates tests with package generators and checks them
// on parallel workers until a count or a duration is reached. Every test
// is derived from (Config.Seed, index) alone, and Config.Check reruns one
// index exactly, which is what `crosscheck repro` does. What a test is
// checked for depends on its Target (target.go):
//
//   - authorization targets (abac, abac-untyped, rbac, expr): every
//     implementation answers every request; each answer is compared with
//     the reference's (the first implementation that answered) on the
//     decision, the set of reasons and the set of erroring policies
//     (compare.go); and the reference's answers are checked for the
//     Properties (properties.go): explicit permit, forbid overrides
//     permit, independence from policy order (on one test in
//     PolicyOrderSample), validator soundness; the summary counts the
//     requests each was checked on (Summary.PropertyChecks); the
//     expr target also compares values (check_values.go): every
//     condition's value from each Evaluator (model, engine) exactly, by
//     CanonicalValue, and an authorize-only implementation (cedar-wasm)
//     through check policies in the same call, which error exactly when
//     its value differs from the reference's (a finding of KindValue);
//   - validation: whether the policy set validates, the model's validator
//     against every other implementation's; and, with the official
//     engine, in detail (check_validation.go): per policy whether it
//     validates, its error kinds (the model's must be among the official
//     ones; validation_kinds.go maps the official messages to kinds) and
//     its warnings, each static policy's request environments, whether
//     each request and the entities conform to the schema. The official
//     answers come from one driver batch per test. These tests have
//     conformance faults (generators.Settings.ConformanceFaultPercent,
//     30% here): non-conforming requests and entities;
//   - roundtrip: policies through Cedar text and policy JSON, entities
//     through entity JSON, the schema through both schema formats
//     (roundtrip.go);
//   - parse: the policy set re-spelled in random equivalent surface
//     forms (generators/spelling) and mutated; our parser and policy JSON
//     writer against cedar-wasm's on accept/reject and policy JSON, the
//     only check of the parser, which the model and the engine share
//     (target_parse.go, check_parse.go);
//   - all: the others in turn, by index.
//
// Each problem is a Finding (finding.go) that carries the command that
// replays it, the generated test (for a shrinker) and a Signature for
// deduplication. A Summary (summary.go) adds up the findings, the
// requests compared, throughput samples, the decision mix, the model's
// error kinds and the generator's coverage statistics; it is written as
// summary.json for reports. A panic in an implementation is a finding; a
// test that outlives Config.Timeout is abandoned by the watchdog
// (watchdog.go) and recorded as a timeout, and the run goes on. TuneGC
// (gc.go) sets the collector as crosscheck run does: a run keeps little
// and allocates much, so it collects less often than Go's default.
//
// # Fuzzing
//
// FuzzABAC, FuzzRBAC, FuzzExpr, FuzzValidation and FuzzRoundtrip
// (fuzz_test.go), and FuzzValidationOfficial (validation_detail_test.go,
// skipped without cedar-wasm) drive the generators from the fuzzer's bytes
// and check the test as the matching target does; FuzzParseOfficial
// re-spells and mutates generated policy text and FuzzParseTextOfficial
// takes raw text, both judged by cedar-wasm.
package diff
