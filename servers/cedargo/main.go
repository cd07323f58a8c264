package main

import (
	"fmt"
	"os"
	"runtime/debug"
)

const cedarGoModule = "github.com/cedar-policy/cedar-go"

func main() {
	if err := serve(os.Stdin, os.Stdout, handshake(), handle); err != nil {
		fmt.Fprintln(os.Stderr, "cedargo-server:", err)
		os.Exit(1)
	}
}

// handshake names the server after the cedar-go release it was built
// with (from the build information).
func handshake() hello {
	caps := []string{"authorize", "parse-policies"}
	if hasValidator {
		caps = append(caps, "validate")
	}
	return hello{Protocol: 1, Name: "cedar-go", Version: cedarGoVersion(), Cedar: "4", Capabilities: caps}
}

func cedarGoVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown"
	}
	for _, d := range info.Deps {
		if d.Path == cedarGoModule {
			if d.Replace != nil && d.Replace.Version != "" {
				return d.Replace.Version
			}
			return d.Version
		}
	}
	return "unknown"
}

func handle(req *request) (any, error) {
	switch req.Op {
	case "authorize":
		if req.Test == nil {
			return nil, fmt.Errorf("authorize: the request has no test")
		}
		return authorize(req.Test)
	case "parse-policies":
		if req.Text == nil {
			return nil, fmt.Errorf("parse-policies: the request has no text")
		}
		return parsePolicies(*req.Text), nil
	case "validate":
		if req.Test == nil {
			return nil, fmt.Errorf("validate: the request has no test")
		}
		return validate(req.Test)
	}
	return nil, &unsupported{Feature: req.Op}
}
