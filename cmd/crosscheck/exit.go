package main

import "fmt"

// Exit codes shared by every command.
const (
	exitOK     = 0 // success
	exitFailed = 1 // a check failed or did not complete (interrupted, nothing compared)
	exitUsage  = 2 // usage error or bad input
)

// exitError carries an exit code out of a command. A nil err means the
// command already reported what went wrong.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

// usageError reports bad input or a usage mistake (exit code 2).
func usageError(format string, args ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, args...)}
}

// inputError wraps an error reading or parsing input (exit code 2).
func inputError(err error) error { return &exitError{code: exitUsage, err: err} }

// checkFailed reports that a check failed (exit code 1) after the command
// has already printed the details.
func checkFailed() error { return &exitError{code: exitFailed} }
