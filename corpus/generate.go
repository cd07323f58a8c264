package corpus

// regressions_gen_test.go replays the regression corpus as plain Go
// subtests, one per case (see package corpus/gotests). Regenerate it
// after changing corpus/regressions; corpus/gotests's tests fail while it
// is stale.
//go:generate go run ../cmd/crosscheck corpus gotests --dir regressions -o regressions_gen_test.go
