package cedarwasm

import (
	_ "embed"
	"fmt"
	"path/filepath"
	"time"

	"github.com/cedar-crosscheck/crosscheck/protocol"
)

//go:embed server.js
var serverJS string

// maxServerBytes bounds the server's source: it is passed as one argument
// (node -e), and Linux limits one argument to 128 KiB (MAX_ARG_STRLEN).
const maxServerBytes = 100 << 10

// Options configure the official engine's server processes.
type Options struct {
	// Processes is the most Node.js processes run at once: default, and
	// at most, runtime.NumCPU().
	Processes int
	// Timeout bounds each call (default 10s); the clock starts when the
	// request is written to a process that has answered hello, so
	// starting Node.js and loading the module never count.
	Timeout time.Duration
	// StartTimeout bounds one process's start-up (default 60s).
	StartTimeout time.Duration
	// Version, when not empty, is a published release of the npm
	// package to run, installed on demand into the cache (see Install),
	// in place of the pinned package that Locate finds.
	Version string
	// Driver, when not empty, is JavaScript run in place of the built-in
	// server.js; it must speak the protocol. Tests use it to fake engines
	// that crash, hang or start slowly.
	Driver string
}

// Command returns the program and arguments of one server process: node
// running the embedded server.js (with -e: no file is written) on the
// package directory, which it takes as its one argument.
func Command(opts Options) ([]string, error) {
	var node, nodeModules string
	var err error
	if opts.Version == "" {
		if node, nodeModules, err = Locate(); err != nil {
			return nil, err
		}
	} else {
		// A published release needs Node.js and npm only: it is
		// installed into the cache, not found in node_modules.
		if node, err = Node(); err != nil {
			return nil, err
		}
		if nodeModules, err = Install(opts.Version); err != nil {
			return nil, err
		}
	}
	src := serverJS
	if opts.Driver != "" {
		src = opts.Driver
	}
	if len(src) > maxServerBytes {
		return nil, fmt.Errorf("cedar-wasm: the server is %d bytes, more than the %d a command-line argument may hold", len(src), maxServerBytes)
	}
	return []string{node, "--stack-size=4000", "-e", src, filepath.Join(nodeModules, packageDir)}, nil
}

// ProtocolOptions returns the supervision options of a protocol.Pool
// running Command(opts).
func ProtocolOptions(opts Options) (protocol.Options, error) {
	argv, err := Command(opts)
	if err != nil {
		return protocol.Options{}, err
	}
	return protocol.Options{Command: argv, Processes: opts.Processes, Timeout: opts.Timeout, StartTimeout: opts.StartTimeout}, nil
}
