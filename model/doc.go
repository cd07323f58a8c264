// Package model is the reference model of Cedar 4.5: values, entities,
// evaluation, the four extensions, authorization and validation, written to
// be read as the specification. It favours clarity over speed and imports
// only package syntax and the standard library; it shares no code with
// package engine, so that a disagreement between the two is meaningful.
package model
