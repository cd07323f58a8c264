//go:build !cedargo_validate

package main

import "errors"

// hasValidator: built without a validator (cedar-go releases before
// v1.6.0 have no x/exp/schema/validate).
const hasValidator = false

func validate(*test) (any, error) { return nil, errors.New("validate: this build has no validator") }
