// Package cedarwasm runs the official Cedar engine, the npm package
// @cedar-policy/cedar-wasm, as a server of Crosscheck's process protocol
// (docs/protocol.md; package protocol is the client and its supervised
// pool). server.js is the server: it is embedded and run with
// `node -e` (no file is written), on the package directory given as its
// argument, and adapts to the release it finds (an operation a release
// lacks is answered unsupported).
//
// Exact numbers: the server hands the engine the exact text of entities,
// contexts and JSON schemas, and answers values (policy JSON, residuals,
// schema JSON) in the exact text the engine wrote, so integers beyond
// 2^53 and duplicate keys pass unchanged (see server.js). A thrown
// exception leaves the module usable but leaking, so it is reloaded once
// after the request line (a whole batch) is answered; a wasm trap leaves
// it unusable, so it is reloaded before the next part that calls it.
// Outside the data readers a throw is answered as an inconclusive error.
//
// The pinned package is the one in node_modules (run `npm ci` at the
// repository root); Locate finds it and says how to install it when it is
// missing. Options.Version names a published release instead (4.0.0 or
// later: see CheckRelease), installed on demand by Install with npm, with
// no need of the pinned package, into the cache ($CROSSCHECK_CACHE, default
// $XDG_CACHE_HOME/crosscheck or ~/.cache/crosscheck) under
// cedar-wasm/VERSION.
package cedarwasm
