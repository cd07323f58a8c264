package findings

import (
	"fmt"
	"strings"
)

// descriptionPrefix starts the description of every saved finding's
// requests; ParseDescription recognizes findings by it.
const descriptionPrefix = "crosscheck finding"

// Record is what a saved finding's description holds.
type Record struct {
	Signature string // diff.Signature.String(), or the outcome of a shrunk file
	Seed      int64
	Index     uint64
	Request   int    // the request of the original test
	Command   string // the command line that reproduces the original test
	// Versions, when not empty, names the software that found it:
	// Crosscheck's build and each implementation's version (see
	// diff.Versions.String).
	Versions string
}

// Description renders r as the description of a saved request:
//
//	crosscheck finding; signature: <sig>; seed: <n>; index: <n>; request: <n>[; versions: <versions>]; repro: <command>
//
// The command comes last, so that it may contain anything.
func (r Record) Description() string {
	versions := ""
	if r.Versions != "" {
		versions = "; versions: " + r.Versions
	}
	return fmt.Sprintf("%s; signature: %s; seed: %d; index: %d; request: %d%s; repro: %s",
		descriptionPrefix, r.Signature, r.Seed, r.Index, r.Request, versions, r.Command)
}

// ParseDescription reads back a description written by
// Record.Description; ok is false for any other description. Each part
// runs up to the next "; key: ", so a signature may contain "; " too.
func ParseDescription(s string) (r Record, ok bool) {
	rest, found := strings.CutPrefix(s, descriptionPrefix+"; signature: ")
	if !found {
		return Record{}, false
	}
	var parts [5]string
	for i, key := range []string{"seed", "index", "request", "repro"} {
		if parts[i], rest, found = strings.Cut(rest, "; "+key+": "); !found {
			return Record{}, false
		}
	}
	parts[4] = rest
	r = Record{Signature: parts[0], Command: parts[4]}
	parts[3], r.Versions, _ = strings.Cut(parts[3], "; versions: ")
	if _, err := fmt.Sscan(parts[1], &r.Seed); err != nil {
		return Record{}, false
	}
	if _, err := fmt.Sscan(parts[2], &r.Index); err != nil {
		return Record{}, false
	}
	if _, err := fmt.Sscan(parts[3], &r.Request); err != nil {
		return Record{}, false
	}
	return r, true
}
