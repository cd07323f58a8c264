// Package shrink minimizes a failing generated test: it removes requests,
// policies, entities, attributes, parents, tags and schema parts, and
// replaces sub-expressions by their sub-terms or by small literals, as
// long as the test still fails in the same way.
//
// Shrinking is built on gopter's shrinker interface. Each part of a test
// has a gopter.Shrinker of its own (ExprShrinker for expressions,
// TestShrinker for whole tests, which combines the others) that streams
// candidates smaller than its input, big cuts first. Minimize is the
// greedy loop over those streams: it takes the first candidate that
// keeps the failure, restarts from it, and stops when no candidate does
// or when its Budget runs out.
//
// "Smaller" is measured by Cost, a weighted count of requests, policies,
// entities, attributes, schema declarations and expression nodes. The loop
// accepts only candidates of strictly lower cost, so it terminates even
// when two candidates would each keep the failure of the other.
//
// What "fails in the same way" means is the caller's predicate. The
// oracles of this package build it from implementations:
//
//   - SameFinding reruns the differential runner's own check
//     (diff.Config.CheckTest) and keeps a candidate when it still yields
//     a finding with the same diff.Signature; it covers every kind of
//     finding, and RunFinding is the whole minimization of a run's
//     finding with it;
//   - ForFinding and Finding do the same from a diff.Finding and the
//     implementations alone, for mismatches, validation disagreements,
//     panics and errors;
//   - SameOutcome keeps the Outcome of a list of implementations (which
//     of them differ from the first, and on what): what `crosscheck
//     shrink` uses for a saved test.
//
// Every oracle also keeps the test well formed (KeepsWellFormed): entities
// that conformed to the schema still do, and so do valid requests, so
// that the minimized test can be saved and loaded again and still tests
// the same thing.
//
// Shrinking treats tests as immutable values: a candidate shares every
// part it does not change with its parent, and nothing is ever modified
// in place.
package shrink
