// Command cedargo-server serves github.com/cedar-policy/cedar-go over
// Crosscheck's process protocol (docs/protocol.md): a protocol server
// whose cedar-go release is chosen when it is built.
//
// It is its own module, so that `crosscheck run --impl cedar-go@VERSION`
// can build it against any cedar-go release: the builder
// (diff/impl_cedargo_release.go) copies this directory, requires that
// release with `go mod edit -require`, and builds it. It deliberately
// imports nothing of Crosscheck's main module: that module requires
// cedar-go v1.9.1, and minimal version selection would then raise every
// older release to v1.9.1. The few protocol messages it needs are
// declared here (protocol.go); the main module's protocol tests check
// this server as they check any other, and keep those declarations in
// step with package protocol (TestCedarGoServerMessagesInStep).
//
// Operations: authorize (every release) and parse-policies (every
// release); validate, with cedar-go's experimental strict validator
// x/exp/schema/validate, when built with the tag cedargo_validate
// (releases v1.6.0 and later have that package; the builder sets the tag
// for them). cedar-go has no templates (a test with one is answered
// unsupported "templates"), rejects an entity listed twice (unsupported
// "identical duplicate entities", as the in-process adapter says), and
// has no public expression parser, formatter or partial evaluation with
// residuals, so evaluate, format and partial-authorize are unsupported.
//
// The handshake's version is the cedar-go release from the build
// information; its Cedar language version is "4": cedar-go does not say
// which minor version of the language a release implements, and every
// release this server builds against (v1.2.1 and later) has the Cedar 4
// features Crosscheck generates (is, entity tags, datetime and duration).
package main
