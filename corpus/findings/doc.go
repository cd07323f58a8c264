// Package findings saves the findings of differential runs, minimized,
// as a corpus in the cedar-integration-tests layout, and deduplicates
// them by signature.
//
// A saved finding is an ordinary integration test
// (corpus-tests/<hash>.json beside its .cedar, .cedarschema and
// .entities.json files, written atomically by corpus.Save) whose expected
// answers come from the reference implementation, so that replaying it
// against the implementation that disagreed fails until the bug is
// fixed. The file is named by a hash of its content, and each request's
// description records the finding: its signature, seed, index, request
// and the command that reproduces it (see Description and
// ParseDescription). The signature is what deduplication compares,
// within a run and against the findings already on disk.
package findings
