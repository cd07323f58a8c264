// Package corpusgen turns generated tests into integration tests: the
// cedar-integration-tests layout that package corpus reads, writes and
// replays, with the expected decision, reasons and errors of every
// request computed by the reference model, and shouldValidate by the
// model's validator.
//
// The test format has no template links, so a test's links are
// materialized: each becomes a static policy (the template with its
// slots filled in), and the templates themselves are dropped. Policies
// are renumbered policy0, policy1, ... in the order they are printed,
// because that is how the format names them.
package corpusgen
