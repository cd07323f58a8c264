// Package cedarwasm drives the official Cedar engine, the npm package
// @cedar-policy/cedar-wasm, from Go: a pool of long-lived Node.js
// subprocesses that speak newline-delimited JSON.
//
// The call JSON is written here, in Go, and handed to the engine as exact
// text (see driver.js), so that integers beyond 2^53 reach Cedar
// unchanged. The pool supervises its processes: a process that dies, hangs
// past the timeout or throws is replaced, the interrupted work is retried
// once on a fresh process, and work that fails that way twice is reported
// as ErrInconclusive, never as an answer. Pool.Health counts the work,
// the inconclusive work, the restarts and the timeouts.
//
// Each process runs the driver with `node -e` (no file is written) and
// says when it is ready; the call timeout starts only then, when a call is
// written to a ready process, so neither starting Node.js nor waiting for
// a free process counts against it. A pool runs at most one process per
// CPU: more would only compete for the CPUs and time out spuriously.
//
// The package needs Node.js and an installed node_modules holding
// @cedar-policy/cedar-wasm (run `npm ci` at the repository root); Locate
// says how to install it when it is missing.
package cedarwasm
