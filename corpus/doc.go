// Package corpus reads, writes and replays tests in the
// cedar-integration-tests format: a JSON test file naming its policies,
// entities and schema, and a list of requests with their expected
// decision, reasons and erroring policy ids.
//
// Tests are found in a single test file, in a directory searched
// recursively, or in a .tar.gz archive with the upstream layout
// (corpus-tests/<hash>.json beside its .cedar, .cedarschema and
// .entities.json files). In a directory or an archive every .json file
// must be a test (a JSON object with a "policies" field) or a file that a
// test there names; any other, such as a test file that no longer
// parses, is a load error with its name and line:col, so that a suite
// cannot shrink unnoticed.
//
// Every file is read through internal/input, with its limits: 64 MiB for
// one file or archive member, 64 MiB for the expanded content of one
// archive. A reference that names a directory or a device is an error
// saying so. Load and Walk read them; Save writes one test in
// that layout; Replay runs every request of every test through a
// diff.Implementation and checks the answers, counting each request and
// each shouldValidate check as one case.
//
// Both the current field names (shouldValidate, requests, description,
// reason, validateRequest, lower-case decisions) and the legacy ones of
// older versions of the upstream repository (should_validate, queries,
// desc, reasons, enable_request_validation, "Allow"/"Deny", entity uids
// written as Cedar text) are accepted; Save writes the current ones.
//
// Referenced files are found as upstream finds them: relative to the folder
// that holds tests/ or corpus-tests/, which the loader finds by trying the
// folder of the test file and then each folder above it. Absolute names are
// used as they are. The entities and the request contexts are read with the
// schema, as upstream does; as an extension, a request marked
// validateRequest: false whose context does not fit the schema is read
// without it, so that ill-typed generated tests can be saved and replayed.
//
// A second extension keeps tests with templates: an optional test-file
// field "templateLinks", a list of links in the official engine's form
// ({"templateId", "newId", "values": {"?principal": {"type", "id"}}}),
// links the templates of the policy file. Save writes it when the policy
// set has links.
//
// A third extension keeps tests whose policies Cedar text cannot carry
// back (a bug of our printer or parser, found by a differential run): a
// "policies" file name ending in ".json" is read as policy JSON, Cedar's
// {"staticPolicies", "templates", "templateLinks"} form, with the ids it
// gives. Save writes <name>.policies.json so when Test.PolicyJSON is set
// (package corpus/findings does when the text does not read back).
//
// A fourth keeps tests whose entities do not conform to their schema (the
// validation target's entity faults): the test-file field
// "entitiesConform": false has the entities read without the schema, and
// a replay expects the implementation's entity validation to reject them.
// Save writes it when the entities do not read with the schema.
package corpus
