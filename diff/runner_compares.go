package diff

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
)

// CheckCompares returns an error when a run of c could compare nothing,
// which is known before it starts: an authorization target (or all) with
// a single implementation, whose answers only the properties would check,
// or the validation target without an implementation besides the model
// whose validator runs compare. Run itself accepts such a Config; its
// Summary's Verdict then says "INCOMPLETE (nothing compared)".
func (c *Config) CheckCompares() error {
	names := make([]string, len(c.Impls))
	for i, impl := range c.Impls {
		names[i] = impl.Name()
	}
	switch c.Target {
	case TargetRoundtrip:
		return nil // the harness checks the round trips itself
	case TargetValidation:
		for _, impl := range c.Impls {
			if !isModel(impl) && hasComparedValidator(impl) {
				return nil
			}
		}
		return fmt.Errorf("target validation compares the model's validator with another implementation's, and none of %s has one that runs compare (cedar-wasm has)", strings.Join(names, ", "))
	}
	if len(c.Impls) < 2 {
		return fmt.Errorf("target %s compares the answers of implementations: it needs at least two, have %s", c.Target, strings.Join(names, ", "))
	}
	return nil
}

// hasComparedValidator reports whether impl has a validator that
// validation runs compare with the model's. It asks impl to validate an
// empty policy set; an error other than ErrNoValidator is left for the
// run to report.
func hasComparedValidator(impl Implementation) bool {
	if validatorNotComparedWhy(impl.Name()) != "" {
		return false
	}
	_, err := impl.Validate(&Input{Name: "validator probe", Policies: &syntax.PolicySet{}})
	return !errors.Is(err, ErrNoValidator)
}
