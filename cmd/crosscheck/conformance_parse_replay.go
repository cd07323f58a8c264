package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/reports"
)

// replayParse is `conformance --replay-parse FILE`: the parse check of
// one saved text (a policy file; a schema when FILE ends .cedarschema)
// again, the implementation's verdict against the reference's. It
// returns nil when they agree, checkFailed when they differ.
func replayParse(w io.Writer, impl, ref diff.Implementation, file string) error {
	text, err := os.ReadFile(file)
	if err != nil {
		return inputError(err)
	}
	kind := parsePolicies
	if strings.HasSuffix(file, ".cedarschema") {
		kind = parseSchema
	}
	s := &conformanceSession{impl: impl, ref: ref, implName: impl.Name()}
	c := s.parseCheck("replay", file, kind, []parseText{{string(text), file}})
	if c == nil {
		return usageError("--replay-parse: %s has no %s parser", impl.Name(), kind)
	}
	switch c.outcome {
	case reports.OutcomePassed:
		fmt.Fprintf(w, "PASS %s: %s and %s agree on whether the %s parse\n", file, impl.Name(), ref.Name(), kind)
		return nil
	case reports.OutcomeFailed:
		fmt.Fprintf(w, "FAIL %s\n    %s\n", file, c.detail)
		return checkFailed()
	}
	fmt.Fprintf(w, "%s %s: %s%s\n", strings.ToUpper(string(c.outcome)), file, c.feature, c.detail)
	return checkFailed()
}
