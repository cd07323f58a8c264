// Command crosscheck is the command-line front end of Crosscheck: it
// formats, checks and translates Cedar files, validates policies, links
// templates, authorizes requests (with the commands and flags of the
// official cedar CLI where they exist), replays corpora of integration
// tests, and runs differential tests.
//
// Exit codes are the same for every command: 0 when all went well, 1 when
// a check failed or did not complete (a test failed, a file is not
// formatted, implementations disagreed, a run was interrupted or compared
// nothing), and 2 for a usage error or bad input.
package main

import (
	"errors"
	"fmt"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:]))
}

// run executes the command line args and returns the process exit code.
func run(args []string) int {
	root := newRootCmd()
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	if !errors.As(err, &ee) || ee.err != nil {
		fmt.Fprintln(root.ErrOrStderr(), "crosscheck:", err)
	}
	return exitCodeOf(err)
}

// exitCodeOf maps an error returned by a command to an exit code. Cobra's
// own errors (unknown commands, wrong argument counts) are usage errors.
func exitCodeOf(err error) int {
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitUsage
}
