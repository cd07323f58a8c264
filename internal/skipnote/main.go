// Command skipnote prints one line saying which replays of the official
// Cedar integration tests the tests will skip, and why, or nothing when
// the data is there. make test runs it first, because go test reports
// skipped tests only with -v. (It is not under internal/testdata because
// go ignores directories named testdata in ./... patterns.)
package main

import (
	"fmt"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"
)

func main() {
	if note := testdata.Missing(); note != "" {
		fmt.Println("make test: " + note)
	}
}
