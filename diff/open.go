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
// function that releases them (it ends cedar-wasm's processes). The name
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
		if !slices.Contains(ImplementationNames, n) {
			release()
			return nil, nil, func() {}, fmt.Errorf("unknown implementation %q (want %s, or all)", n, strings.Join(ImplementationNames, ", "))
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
