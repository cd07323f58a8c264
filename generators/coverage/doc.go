// Package coverage measures what generated tests exercise once they are
// evaluated by the reference model: decisions, requests that see policy
// errors (by error kind), how many policies validate, and how often each
// construct is evaluated without error.
//
// It lives apart from package generators so that the generators depend
// on package syntax alone; this package adds the model and its
// validator. The model has no evaluation hook: the collector evaluates
// the sub-expressions of each condition itself through model.Env.Eval,
// visiting only the operands that evaluation reaches (the right operand
// of && only when the left is true, and so on).
package coverage
