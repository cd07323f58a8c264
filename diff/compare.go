package diff

import (
	"fmt"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"
)

// withoutMessages normalizes r and drops its error messages, which
// differ between implementations and are never compared, so that a diff
// shows only what is compared.
func withoutMessages(r Response) Response {
	r = r.Normalize()
	r.Messages = nil
	return r
}

// Differences names what differs between two responses: some of
// "decision", "reasons" and "errors", in that order; nil when they are
// Equal.
func Differences(a, b Response) []string {
	if a.Decision == b.Decision && slices.Equal(a.Reasons, b.Reasons) && slices.Equal(a.Errors, b.Errors) {
		return nil // the common case, without normalizing: adapters answer normalized
	}
	a, b = a.Normalize(), b.Normalize()
	var on []string
	if a.Decision != b.Decision {
		on = append(on, "decision")
	}
	if !slices.Equal(a.Reasons, b.Reasons) {
		on = append(on, "reasons")
	}
	if !slices.Equal(a.Errors, b.Errors) {
		on = append(on, "errors")
	}
	return on
}

// compareAnswers compares one request's answers of the reference and of
// another implementation. It returns what differs (nil when they agree)
// and, when they differ, a go-cmp diff (-ref +other) and the error
// messages of both sides for humans.
//
// Two answers that are both errors agree: the request could not be
// authorized by either (the error itself is reported separately).
func compareAnswers(refName, otherName string, ref, other Answer) (on []string, diff, detail string) {
	switch {
	case ref.Err != nil && other.Err != nil:
		return nil, "", ""
	case ref.Err != nil || other.Err != nil:
		return []string{"answer"}, "", fmt.Sprintf("%s: %s\n%s: %s", refName, describeAnswer(ref), otherName, describeAnswer(other))
	}
	on = Differences(ref.Response, other.Response)
	if on == nil {
		return nil, "", ""
	}
	diff = fmt.Sprintf("-%s +%s\n%s", refName, otherName, cmp.Diff(withoutMessages(ref.Response), withoutMessages(other.Response)))
	return on, diff, fmt.Sprintf("%s: %s\n%s: %s", refName, describeAnswer(ref), otherName, describeAnswer(other))
}

// describeAnswer renders an answer on one line with its error messages.
func describeAnswer(a Answer) string {
	if a.Err != nil {
		return "could not answer: " + firstLine(a.Err.Error())
	}
	r := a.Response.Normalize()
	s := fmt.Sprintf("%s reasons=[%s] errors=[%s]", r.Decision, strings.Join(r.Reasons, " "), strings.Join(r.Errors, " "))
	if len(r.Messages) > 0 {
		s += " messages: " + strings.Join(r.Messages, "; ")
	}
	return s
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
