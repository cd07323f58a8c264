// Package corpus reads, writes and replays tests in the
// cedar-integration-tests format: a JSON test file naming its policies,
// entities and schema, and a list of requests with their expected
// decision, reasons and erroring policy ids.
package corpus
