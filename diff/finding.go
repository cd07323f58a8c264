package diff

import (
	"fmt"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/generators"
)

// FindingKind classifies a finding.
type FindingKind string

const (
	// KindMismatch: two implementations answered a request differently.
	KindMismatch FindingKind = "mismatch"
	// KindProperty: the reference's answers broke a property that every
	// Cedar implementation has (see Property).
	KindProperty FindingKind = "property"
	// KindValidation: two validators disagreed on whether a policy set
	// validates.
	KindValidation FindingKind = "validation"
	// KindRoundtrip: a policy set or entities changed through a printer
	// and the matching parser.
	KindRoundtrip FindingKind = "roundtrip"
	// KindPanic: an implementation (or the harness) panicked.
	KindPanic FindingKind = "panic"
	// KindTimeout: an implementation did not finish a test in time.
	KindTimeout FindingKind = "timeout"
	// KindError: an implementation could not answer at all: it rejected
	// a generated input or request, which are always valid.
	KindError FindingKind = "error"
)

// Finding is one problem a differential run found in one generated test.
// Seed, Index and Target determine the test; Command replays it.
//
// Findings are what reports list and what a shrinker minimizes: Test is
// the generated test itself (not serialized), and Signature groups
// findings that are likely the same bug.
type Finding struct {
	Kind   FindingKind `json:"kind"`
	Target Target      `json:"target"` // the concrete target (never "all")
	Seed   int64       `json:"seed"`
	Index  uint64      `json:"index"`
	// Request is the index of the request in the test, or -1 when the
	// finding is about the whole test.
	Request int `json:"request"`
	// Impls names the implementations involved, the reference first for
	// a mismatch. For a property it is the implementation whose answers
	// broke it; for a round trip the printer and parser ("printer/parser",
	// "cedarjson", "cedarjson/entities").
	Impls []string `json:"impls"`
	// On says what differs: for a mismatch some of "decision", "reasons",
	// "errors" (or "answer" when one side could not answer); for a
	// property its name; for a validation "validates"; for a round trip
	// what was round-tripped; for a panic, timeout or error the stage
	// ("authorize", "validate", "generate", ...).
	On []string `json:"on"`
	// Diff is a go-cmp diff (-first +second) for humans; empty when there
	// is nothing to diff.
	Diff string `json:"diff,omitempty"`
	// Detail explains the finding: messages, the stack of a panic.
	Detail string `json:"detail,omitempty"`
	// Command is the command line that regenerates and reruns the test.
	Command string `json:"command"`
	// Known, when not empty, is the regression case of the documented
	// bug of a third-party implementation that explains the finding
	// ("regressions/<name>", see KnownRule): the finding is tolerated.
	Known string `json:"known,omitempty"`

	// Test is the generated test, for a shrinker. It is not serialized:
	// Seed, Index and Target give it again.
	Test *generators.Test `json:"-"`
	// ImplNames lists the implementations the run compared, in order, so a
	// shrinker can rerun the test the same way. Not serialized (see
	// Command).
	ImplNames []string `json:"-"`
}

// Signature is what identifies a finding for deduplication: its kind,
// target, the implementations involved and what differs, but not the test
// or the request. Findings with one signature are most likely one bug.
type Signature struct {
	Kind   FindingKind
	Target Target
	Impls  string // the implementations, joined with ","
	On     string // what differs, joined with ","
}

// String renders the signature as one line, the key of Summary.Signatures.
func (s Signature) String() string {
	return fmt.Sprintf("%s %s [%s] on %s", s.Kind, s.Target, s.Impls, s.On)
}

// Signature returns the finding's signature.
func (f *Finding) Signature() Signature {
	return Signature{Kind: f.Kind, Target: f.Target, Impls: strings.Join(f.Impls, ","), On: strings.Join(f.On, ",")}
}

// String renders the finding for a terminal: a headline, the diff or the
// detail, and the command that replays it.
func (f *Finding) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s, seed %d index %d", f.Kind, f.Target, f.Seed, f.Index)
	if f.Request >= 0 {
		fmt.Fprintf(&b, " request %d", f.Request)
	}
	fmt.Fprintf(&b, ": [%s] on %s\n", strings.Join(f.Impls, " vs "), strings.Join(f.On, ", "))
	for _, s := range []string{f.Diff, f.Detail} {
		if s = strings.TrimRight(s, "\n"); s != "" {
			for line := range strings.SplitSeq(s, "\n") {
				b.WriteString("    ")
				b.WriteString(line)
				b.WriteByte('\n')
			}
		}
	}
	b.WriteString("    replay: ")
	b.WriteString(f.Command)
	b.WriteByte('\n')
	return b.String()
}

// ReproCommand returns the command line that regenerates test index of
// seed for target and reruns it through the implementations impls.
func ReproCommand(seed int64, index uint64, target Target, impls []string) string {
	return fmt.Sprintf("crosscheck repro --seed %d --index %d --target %s --impl %s", seed, index, target, ShellQuote(strings.Join(impls, ",")))
}

// ShellQuote returns s as one word for a POSIX shell: as it is when it
// holds only letters, digits and -_.,:/=@+, otherwise in single quotes
// (an exec: implementation's command has spaces).
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.,:/=@+") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
