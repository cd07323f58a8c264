package diff

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
)

// ImplementationNames lists the implementations Open knows, in the
// default order of comparison (the reference first).
var ImplementationNames = []string{"model", "engine", "cedar-go", "cedar-wasm"}

// Open returns the implementations named, in order, ready to use, and a
// function that releases them (it ends cedar-wasm's processes and those
// of protocol servers). A name "exec:CMD ARGS" is a protocol server (see
// Exec), run with wasm's Processes and Timeout; "cedar-wasm@VERSION" is
// that published release of the official engine, installed on demand
// (see CedarWasm and cedarwasm.Install); "cedar-go@VERSION" is that
// cedar-go release, built on demand and run as a protocol server (see
// CedarGoRelease). The name
// "all" stands for every implementation that is installed: cedar-wasm is
// left out, with a note saying how to install it, when Node.js or the npm
// package is missing. Naming cedar-wasm explicitly when it is missing is
// an error that wraps cedarwasm.ErrNotInstalled.
func Open(names []string, wasm cedarwasm.Options) (impls []Implementation, notes []string, release func(), err error) {
	var closers []func()
	release = func() {
		for _, c := range closers {
			c()
		}
	}
	seen := map[string]bool{}
	for _, n := range names {
		if n == "all" {
			for _, m := range ImplementationNames {
				if seen[m] {
					continue
				}
				seen[m] = true
				impl, closer, err := open(m, wasm)
				if errors.Is(err, cedarwasm.ErrNotInstalled) {
					notes = append(notes, fmt.Sprintf("%s left out: %v", m, err))
					continue
				}
				if err != nil {
					release()
					return nil, nil, func() {}, err
				}
				impls = append(impls, impl)
				if closer != nil {
					closers = append(closers, closer)
				}
			}
			continue
		}
		if !slices.Contains(ImplementationNames, n) && !strings.HasPrefix(n, ExecPrefix) &&
			!strings.HasPrefix(n, CedarWasmName+"@") && !strings.HasPrefix(n, CedarGoPrefix) {
			release()
			return nil, nil, func() {}, fmt.Errorf("unknown implementation %q (want %s, cedar-wasm@VERSION, cedar-go@VERSION, exec:'CMD ARGS', or all)", n, strings.Join(ImplementationNames, ", "))
		}
		if seen[n] {
			release()
			return nil, nil, func() {}, fmt.Errorf("implementation %q is named twice", n)
		}
		seen[n] = true
		impl, closer, err := open(n, wasm)
		if err != nil {
			release()
			return nil, nil, func() {}, err
		}
		impls = append(impls, impl)
		if closer != nil {
			closers = append(closers, closer)
		}
	}
	if len(impls) == 0 {
		return nil, notes, release, errors.New("no implementation to run")
	}
	return impls, notes, release, nil
}

func open(name string, wasm cedarwasm.Options) (Implementation, func(), error) {
	if spec, ok := strings.CutPrefix(name, ExecPrefix); ok {
		// A protocol server is supervised like cedar-wasm, with the
		// same process count and call timeout.
		x, err := Exec(spec, ExecOptions{Processes: wasm.Processes, Timeout: wasm.Timeout})
		if err != nil {
			return nil, nil, err
		}
		return x, x.Close, nil
	}
	if v, ok := strings.CutPrefix(name, CedarWasmName+"@"); ok {
		// A published release of the official engine, installed on
		// demand into the cache and run by the same server.
		opts := wasm
		opts.Version = v
		w, err := CedarWasm(opts)
		if err != nil {
			return nil, nil, err
		}
		return w, w.Close, nil
	}
	if release, ok := strings.CutPrefix(name, CedarGoPrefix); ok {
		// A cedar-go release, built on demand into a cache and run as
		// a protocol server, supervised like exec: servers.
		x, err := CedarGoRelease(release, ExecOptions{Processes: wasm.Processes, Timeout: wasm.Timeout})
		if err != nil {
			return nil, nil, err
		}
		return x, x.Close, nil
	}
	switch name {
	case "model":
		return Model(), nil, nil
	case "engine":
		return Engine(), nil, nil
	case "cedar-go":
		return CedarGo(), nil, nil
	case "cedar-wasm":
		w, err := CedarWasm(wasm)
		if err != nil {
			return nil, nil, err
		}
		return w, w.Close, nil
	}
	return nil, nil, fmt.Errorf("unknown implementation %q", name)
}

// SplitImplNames splits an --impl list at its commas, except commas
// inside single or double quotes (an exec: command may hold some), and
// drops empty names and the white space around names.
func SplitImplNames(list string) []string {
	var names []string
	var quote byte
	start := 0
	flush := func(end int) {
		if n := strings.TrimSpace(list[start:end]); n != "" {
			names = append(names, n)
		}
		start = end + 1
	}
	for i := 0; i < len(list); i++ {
		switch c := list[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == ',':
			flush(i)
		}
	}
	flush(len(list))
	return names
}
