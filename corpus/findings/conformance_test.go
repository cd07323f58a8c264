package findings

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/corpus"
	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// acceptsEntities stands for an implementation whose entity validation
// misses the entities' faults.
type acceptsEntities struct{ diff.Implementation }

func (acceptsEntities) Name() string { return "accepts-entities" }

func (a acceptsEntities) ValidateInDetail(in *diff.Input, reqs []*syntax.Request) (*diff.ValidationDetail, error) {
	d, err := a.Implementation.(diff.DetailedValidator).ValidateInDetail(in, reqs)
	if d != nil {
		d.Entities = diff.Conformance{OK: true}
	}
	return d, err
}

// TestSaveNonConformingEntities: a validation finding whose entities do
// not conform to the schema (an entity fault of the validation target)
// is saved with "entitiesConform": false, loads again, and replays: the
// model passes, an implementation that accepts the entities fails.
func TestSaveNonConformingEntities(t *testing.T) {
	var tc *generators.Test
	var index uint64
	for i := range uint64(200) {
		c := generators.Generate(diff.TargetSettings(generators.DefaultSettings(), diff.TargetValidation, i), 3, i)
		if c.Schema != nil && !conforms(t, c) {
			tc, index = c, i
			break
		}
	}
	if tc == nil {
		t.Fatal("no validation test in 200 has entities that do not conform")
	}
	ct := saveValidationFinding(t, tc, 3, index, "entity validation")
	if !ct.EntitiesDoNotConform {
		t.Error("the saved test does not say its entities do not conform")
	}
	if rep := corpus.Replay(diff.Model(), []*corpus.Test{ct}, corpus.Options{}); !rep.OK() {
		t.Errorf("the model fails: %v", rep.Failures)
	}
	if rep := corpus.Replay(acceptsEntities{diff.Model()}, []*corpus.Test{ct}, corpus.Options{}); rep.OK() {
		t.Error("an implementation that accepts the entities passes")
	}
}

// conforms reports whether the model's validator accepts the test's
// entities.
func conforms(t *testing.T, c *generators.Test) bool {
	d, err := diff.Model().(diff.DetailedValidator).ValidateInDetail(&diff.Input{Policies: c.Policies, Entities: c.Entities, Schema: c.Schema}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d.Entities.OK
}

// saveValidationFinding saves a validation finding of model and
// cedar-wasm on test index of seed, with the model as reference, and
// loads the saved test back.
func saveValidationFinding(t *testing.T, tc *generators.Test, seed int64, index uint64, on string) *corpus.Test {
	t.Helper()
	f := &diff.Finding{Kind: diff.KindMismatch, Target: diff.TargetValidation, Seed: seed, Index: index, Request: -1,
		Impls: []string{"model", "cedar-wasm"}, On: []string{on}, Test: tc}
	path, _, err := (&Saver{Dir: t.TempDir(), Reference: diff.Model()}).Save(f, nil)
	if err != nil {
		t.Fatal(err)
	}
	ct, err := corpus.LoadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ct
}
