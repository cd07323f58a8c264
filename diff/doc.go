// Package diff is the differential testing harness: the implementations
// under test, the comparison of their answers, the parallel runner, and
// the go test -fuzz targets.
package diff
