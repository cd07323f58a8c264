//go:build race

package scaling

// raceDetector: the race detector makes every memory access several
// times dearer; Growth measures on smaller inputs then.
const raceDetector = true
