package diff

// Verdict is the outcome of a run in a word or two:
//
//   - "FAIL" when a test had a finding ("FAIL (interrupted)" when the
//     run was also stopped early);
//   - "INCOMPLETE (interrupted)" when the run was stopped before its
//     count or duration was reached;
//   - "INCOMPLETE (nothing compared)" when no request's answers, no
//     validation result, no round trip and no parse test were compared,
//     so nothing was checked against anything (all skipped as
//     unsupported, say);
//   - "PASS" otherwise.
func (s *Summary) Verdict() string {
	switch {
	case !s.OK() && s.Interrupted:
		return "FAIL (interrupted)"
	case !s.OK():
		return "FAIL"
	case s.Interrupted:
		return "INCOMPLETE (interrupted)"
	case s.comparisons() == 0:
		return "INCOMPLETE (nothing compared)"
	}
	return "PASS"
}

// Succeeded reports whether the verdict is PASS: the run went to its end,
// compared something and found nothing.
func (s *Summary) Succeeded() bool { return s.Verdict() == "PASS" }

// comparisons counts what the run compared: requests answered by two
// implementations, validation results, round-tripped tests and parse
// tests (their texts read back to the generated policies, and each
// release of the official engine reads them as our parser does).
func (s *Summary) comparisons() int {
	return s.RequestsCompared + s.ValidationsCompared + s.TestsByTarget[TargetRoundtrip] + s.TestsByTarget[TargetParse]
}
