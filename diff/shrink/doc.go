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
// oracles of this package build it from implementations: the same
// implementations disagree on the same parts of the answer (Mismatch),
// or the same validators disagree (ValidationMismatch), or one
// implementation still panics (Panics). ForFinding picks the oracle that
// fits a diff.Finding.
//
// Shrinking treats tests as immutable values: a candidate shares every
// part it does not change with its parent, and nothing is ever modified
// in place.
package shrink
