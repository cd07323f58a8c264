package reports

import (
	"slices"
	"time"

	"github.com/cedar-crosscheck/crosscheck/diff"
)

// ConformanceVersion is the schema version of conformance.json.
const ConformanceVersion = 1

// The feature areas of a conformance report, in the order it lists them.
// A test counts in every area it touches (AreasOf); AreaOther holds the
// tests that touch none of the others.
const (
	AreaDecimal    = "decimal"
	AreaIPAddr     = "ipaddr"
	AreaDatetime   = "datetime"
	AreaDuration   = "duration"
	AreaTemplates  = "templates"
	AreaEntities   = "entities and hierarchy"
	AreaErrors     = "errors"
	AreaValidation = "validation"
	AreaParsing    = "parsing"
	AreaOther      = "other"
)

// ConformanceAreas lists every area, in report order.
var ConformanceAreas = []string{AreaDecimal, AreaIPAddr, AreaDatetime, AreaDuration,
	AreaTemplates, AreaEntities, AreaErrors, AreaValidation, AreaParsing, AreaOther}

// Outcome is what one check of a test (its requests, its shouldValidate
// flag, or its policy text) came to for the implementation under test.
type Outcome string

const (
	OutcomePassed       Outcome = "passed"
	OutcomeFailed       Outcome = "failed"
	OutcomeKnown        Outcome = "known"        // a documented difference (diff/known*.go)
	OutcomeUnsupported  Outcome = "unsupported"  // the implementation said it lacks a feature
	OutcomeInconclusive Outcome = "inconclusive" // its process died twice, or the reference could not answer
)

// Conformance is the report of `crosscheck conformance`: how one
// implementation fares against the official integration tests, the
// regression corpus and generated tests, per feature area.
type Conformance struct {
	Version int    `json:"version"`
	Impl    string `json:"impl"` // the --impl name of the implementation under test
	// Reference judges the generated tests: "cedar-wasm" (the official
	// engine) or "model" when the official engine is not installed;
	// ReferenceNote says why. Corpus tests are judged by the answers
	// recorded in them.
	Reference     string         `json:"reference"`
	ReferenceNote string         `json:"reference_note,omitempty"`
	Versions      *diff.Versions `json:"versions"`
	Seed          int64          `json:"seed"`
	Started       time.Time      `json:"started"`
	Elapsed       Duration       `json:"elapsed"`
	// Command reruns the whole conformance check.
	Command string `json:"command"`

	Sources []ConformanceSource `json:"sources"`
	Total   AreaCounts          `json:"total"`
	Areas   []AreaCounts        `json:"areas"`
	// Failures lists the failed checks, the first of each signature
	// minimized; Known the documented differences; Unsupported the
	// features the implementation answered unsupported for.
	Failures []ConformanceFailure `json:"failures"`
	// FailuresNotListed counts the failures left out of Failures (it
	// lists at most a few hundred; the counts are complete).
	FailuresNotListed int                  `json:"failures_not_listed,omitempty"`
	Known             []ConformanceFailure `json:"known"`
	Unsupported       []UnsupportedFeature `json:"unsupported"`
	// Health is the supervision record of a protocol server (or
	// cedar-wasm) under test; nil for an in-process implementation.
	Health *diff.OracleHealth `json:"health,omitempty"`
	// LoadErrors lists corpus files that could not be read.
	LoadErrors []string `json:"load_errors,omitempty"`
}

// Duration is a time.Duration that reads as "1.5s" in JSON.
type Duration time.Duration

func (d Duration) MarshalText() ([]byte, error) { return []byte(time.Duration(d).String()), nil }

func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	*d = Duration(v)
	return err
}

// ConformanceSource is one source of tests: the official integration
// tests, the regression corpus, or the generated tests.
type ConformanceSource struct {
	Name  string `json:"name"`
	Path  string `json:"path,omitempty"`
	Tests int    `json:"tests"`
	// Skipped, when not empty, says why the source was not replayed.
	Skipped string `json:"skipped,omitempty"`
}

// AreaCounts counts the checks of one area (or of all, in Total) by
// outcome.
type AreaCounts struct {
	Area         string `json:"area"`
	Passed       int    `json:"passed"`
	Failed       int    `json:"failed"`
	Known        int    `json:"known"`
	Unsupported  int    `json:"unsupported"`
	Inconclusive int    `json:"inconclusive"`
}

// Compared is the number of checks that were judged: passed or failed.
// Known differences, unsupported features and inconclusive checks are
// counted apart.
func (a AreaCounts) Compared() int { return a.Passed + a.Failed }

// PassRate is Passed/Compared, or -1 when nothing was compared.
func (a AreaCounts) PassRate() float64 {
	if a.Compared() == 0 {
		return -1
	}
	return float64(a.Passed) / float64(a.Compared())
}

func (a *AreaCounts) add(o Outcome) {
	switch o {
	case OutcomePassed:
		a.Passed++
	case OutcomeFailed:
		a.Failed++
	case OutcomeKnown:
		a.Known++
	case OutcomeUnsupported:
		a.Unsupported++
	case OutcomeInconclusive:
		a.Inconclusive++
	}
}

// ConformanceFailure is one failed (or known) check.
type ConformanceFailure struct {
	Source string   `json:"source"` // the ConformanceSource name
	Test   string   `json:"test"`   // a file (archive:member), or "seed S index I"
	Check  string   `json:"check"`  // "request 3", "shouldValidate", "policy text", ...
	Areas  []string `json:"areas"`
	// Signature groups failures that are likely one bug.
	Signature string `json:"signature"`
	Detail    string `json:"detail"`
	// Minimized is the saved minimized test (corpus layout), when the
	// shrinker ran; MinimizeNote says why it did not, or how it ended.
	Minimized    string `json:"minimized,omitempty"`
	MinimizeNote string `json:"minimize_note,omitempty"`
	// Replay is the command that replays the failure: the minimized test
	// when there is one, else the original test.
	Replay string `json:"replay"`
	// Repro regenerates a generated test in full.
	Repro string `json:"repro,omitempty"`
	// KnownCase is the regression case that documents a known difference.
	KnownCase string `json:"known_case,omitempty"`
}

// UnsupportedFeature is one feature the implementation answered
// unsupported for, with the number of checks it covered.
type UnsupportedFeature struct {
	Feature string   `json:"feature"`
	Checks  int      `json:"checks"`
	Areas   []string `json:"areas"`
}

// Tally adds up the checks of a conformance run into a Conformance.
// It is not safe for concurrent use.
type Tally struct {
	total       AreaCounts
	areas       map[string]*AreaCounts
	unsupported map[string]*UnsupportedFeature
}

// NewTally returns an empty tally.
func NewTally() *Tally {
	return &Tally{areas: map[string]*AreaCounts{}, unsupported: map[string]*UnsupportedFeature{}}
}

// Add counts one check with its areas; feature names what was
// unsupported (for OutcomeUnsupported).
func (t *Tally) Add(areas []string, o Outcome, feature string) {
	t.total.add(o)
	for _, a := range areas {
		c := t.areas[a]
		if c == nil {
			c = &AreaCounts{Area: a}
			t.areas[a] = c
		}
		c.add(o)
	}
	if o == OutcomeUnsupported {
		u := t.unsupported[feature]
		if u == nil {
			u = &UnsupportedFeature{Feature: feature}
			t.unsupported[feature] = u
		}
		u.Checks++
		for _, a := range areas {
			if !slices.Contains(u.Areas, a) {
				u.Areas = append(u.Areas, a)
			}
		}
	}
}

// Fill sets c's Total, Areas (every area, in ConformanceAreas order) and
// Unsupported (most checks first) from the tally.
func (t *Tally) Fill(c *Conformance) {
	c.Total = t.total
	c.Total.Area = "all"
	c.Areas = nil
	for _, a := range ConformanceAreas {
		if n := t.areas[a]; n != nil {
			c.Areas = append(c.Areas, *n)
		} else {
			c.Areas = append(c.Areas, AreaCounts{Area: a})
		}
	}
	c.Unsupported = nil
	for _, u := range t.unsupported {
		sortAreas(u.Areas)
		c.Unsupported = append(c.Unsupported, *u)
	}
	slices.SortFunc(c.Unsupported, func(a, b UnsupportedFeature) int {
		if a.Checks != b.Checks {
			return b.Checks - a.Checks
		}
		if a.Feature < b.Feature {
			return -1
		}
		return 1
	})
}

// Area returns the counts of the area named, zero when absent.
func (c *Conformance) Area(name string) AreaCounts {
	for _, a := range c.Areas {
		if a.Area == name {
			return a
		}
	}
	return AreaCounts{Area: name}
}

// Verdict is PASS when every compared check passed and something was
// compared, FAIL when a check failed, and INCOMPLETE (nothing compared)
// when every check was unsupported, known or inconclusive.
func (c *Conformance) Verdict() string {
	switch {
	case c.Total.Failed > 0:
		return "FAIL"
	case c.Total.Compared() == 0:
		return "INCOMPLETE (nothing compared)"
	}
	return "PASS"
}
