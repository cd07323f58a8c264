// Package protocol is Crosscheck's process protocol for external Cedar
// implementations (docs/protocol.md is the specification): the message
// types, a client that runs servers in a supervised pool of processes,
// and Serve, the request loop of a server written in Go.
//
// A server is any program that reads requests from its standard input
// and writes answers to its standard output, one JSON object per line.
// The client asks for a handshake ("hello") first, which names the
// implementation, its version, the Cedar language version and the
// operations it supports; then it sends one request at a time and waits
// for its answer. Numbers are exact: every integer is an i64 and is
// written and read without passing through a float.
//
// The Pool (pool.go) supervises its processes the way package
// diff/cedarwasm supervises Node.js: a process that exits, hangs past the
// call timeout or breaks the protocol is replaced and the work retried
// once on a fresh process; work that fails that way twice is
// ErrInconclusive, never an answer. A process's start-up (until its hello
// answer) never counts against a call's timeout. A pool runs at most one
// process per CPU.
//
// Limits: one line in either direction is at most MaxLine bytes (64 MiB,
// the same limit as every input of Crosscheck); a longer answer is a
// protocol error. The last 64 KiB of a server's standard error are kept
// and shown when it fails.
package protocol
