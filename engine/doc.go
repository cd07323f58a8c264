// Package engine is the production Cedar engine: policies compiled once
// and indexed by scope, entities interned with their ancestors
// precomputed, and a compact value representation. It returns exactly the
// decisions, reasons and erroring policy ids of the reference model, and
// shares no code with it (it imports package syntax, never package model).
package engine
