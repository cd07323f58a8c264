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
// exception or wasm trap reloads the module; outside the data readers it
// is answered as an inconclusive error.
//
// The pinned package is the one in node_modules (run `npm ci` at the
// repository root); Locate finds it and says how to install it when it is
// missing. Options.Version names a published release instead, installed
// on demand by Install into the cache ($CROSSCHECK_CACHE, default
// $XDG_CACHE_HOME/crosscheck or ~/.cache/crosscheck) under
// cedar-wasm/VERSION.
package cedarwasm
