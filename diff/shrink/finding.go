package shrink

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
)

// ErrCannotShrink is returned by ForFinding for the kinds of finding
// this package has no oracle for (properties, round trips, timeouts):
// such findings are saved as they were found.
var ErrCannotShrink = errors.New("no shrinking oracle for this kind of finding")

// ErrNotReproduced is returned by ForFinding when rerunning the
// finding's test does not show the finding again (a flaky
// implementation, or a test that was changed since).
var ErrNotReproduced = errors.New("the finding does not reproduce")

// ForFinding returns the test to start minimizing f from (its test cut
// to the failing request) and the predicate that keeps f's failure:
//
//   - a mismatch: the same two implementations (f.Impls, the reference
//     first) differ on the same parts of the answer (f.On);
//   - a validation finding: the two validators still disagree the same
//     way;
//   - a panic: the implementation f.Impls[0] still panics in the same
//     stage (f.On[0], "authorize" or "validate");
//   - an error: the implementation f.Impls[0] still cannot answer.
//
// lookup returns the implementation of a name. Every predicate also
// keeps the well-formedness of the start test (KeepsWellFormed).
func ForFinding(f *diff.Finding, lookup func(name string) (diff.Implementation, error)) (*generators.Test, Predicate, error) {
	if f.Test == nil {
		return nil, nil, errors.New("the finding has no test")
	}
	impls := make([]diff.Implementation, len(f.Impls))
	for i, name := range f.Impls {
		im, err := lookup(name)
		if err != nil {
			return nil, nil, err
		}
		impls[i] = im
	}
	start := OnlyRequest(f.Test, f.Request)
	var keep Predicate
	switch f.Kind {
	case diff.KindMismatch:
		if len(impls) != 2 {
			return nil, nil, fmt.Errorf("a mismatch needs two implementations, have %d", len(impls))
		}
		want := impls[1].Name() + ": " + strings.Join(f.On, ",")
		keep = SameOutcome(impls, start, want)
	case diff.KindValidation:
		if len(impls) != 2 {
			return nil, nil, fmt.Errorf("a validation finding needs two implementations, have %d", len(impls))
		}
		a, errA := Validates(impls[0], start)
		b, errB := Validates(impls[1], start)
		if errA != nil || errB != nil {
			return nil, nil, fmt.Errorf("validating: %w", errors.Join(errA, errB))
		}
		wf := KeepsWellFormed(start)
		keep = func(c *generators.Test) bool {
			ca, errA := Validates(impls[0], c)
			cb, errB := Validates(impls[1], c)
			return errA == nil && errB == nil && ca == a && cb == b && wf(c)
		}
	case diff.KindPanic:
		if len(impls) == 0 {
			return nil, nil, errors.New("a panic finding names no implementation")
		}
		stage := "authorize"
		if len(f.On) > 0 {
			stage = f.On[0]
		}
		keep = panics(impls[0], stage, KeepsWellFormed(start))
	case diff.KindError:
		if len(impls) == 0 {
			return nil, nil, errors.New("an error finding names no implementation")
		}
		wf := KeepsWellFormed(start)
		keep = func(c *generators.Test) bool {
			if !wf(c) {
				return false
			}
			return slices.ContainsFunc(Answers(impls[0], c), func(a diff.Answer) bool {
				var ue *unsupportedError
				return a.Err != nil && !errors.As(a.Err, &ue)
			})
		}
	default:
		return nil, nil, fmt.Errorf("%s: %w", f.Kind, ErrCannotShrink)
	}
	if !keep(start) {
		return nil, nil, ErrNotReproduced
	}
	return start, keep, nil
}

// panics returns the predicate "impl panics in stage", guarded by wf.
func panics(impl diff.Implementation, stage string, wf Predicate) Predicate {
	return func(c *generators.Test) bool {
		if !wf(c) {
			return false
		}
		var pe *diff.PanicError
		if stage == "validate" {
			_, err := impl.Validate(Input(c))
			return errors.As(err, &pe)
		}
		return slices.ContainsFunc(Answers(impl, c), func(a diff.Answer) bool { return errors.As(a.Err, &pe) })
	}
}

// Finding minimizes f's test within budget b: ForFinding, then Minimize.
func Finding(f *diff.Finding, lookup func(name string) (diff.Implementation, error), b Budget) (*generators.Test, Stats, error) {
	start, keep, err := ForFinding(f, lookup)
	if err != nil {
		return nil, Stats{}, err
	}
	t, st := Minimize(start, keep, b)
	return t, st, nil
}
