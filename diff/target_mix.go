package diff

import "github.com/cedar-crosscheck/crosscheck/generators"

// TargetSettings returns the generator settings with which a run of
// target t, started from base settings s, generates test number index
// (its concrete target's mode and faults): Generate(TargetSettings(s, t,
// i), seed, i) is the test the run checks. It lets tools outside the
// runner (crosscheck gen) produce a run's mix of tests.
func TargetSettings(s generators.Settings, t Target, index uint64) generators.Settings {
	return targetSettings(s, t.At(index), index)
}

// Authorizes reports whether the target (concrete, or the target of an
// index's t.At) compares authorization answers.
func (t Target) Authorizes() bool { return t.authorizes() }
