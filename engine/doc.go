// Package engine is the production Cedar engine: policies compiled once
// and indexed by scope, entities interned with their ancestors
// precomputed, and a compact value representation. It returns exactly the
// decisions, reasons and erroring policy ids of the reference model and
// of the official Cedar implementation, and shares no code with the model
// (it imports package syntax and its readers, never package model).
//
// # Use
//
// Build a PolicySet (NewPolicySet from a syntax.PolicySet, or
// ParsePolicies / ParsePoliciesJSON from text), an EntityStore
// (NewEntityStore from syntax.EntityData, or ParseEntities from JSON) and
// a Request (NewRequest, or ParseRequest from JSON), then call
// PolicySet.Authorize. All three are immutable and safe for concurrent
// use; AuthorizeTo reuses a caller's Response so that a warmed-up
// authorization allocates nothing.
//
// Evaluate (evaluate.go) evaluates one expression for a request, as a
// policy condition would, and returns a Value or an *EvalError. A Value
// renders itself as a canonical restricted expression (Value.Expr), as
// Cedar text (String) and in the value format of entity JSON
// (MarshalJSON), so that `crosscheck evaluate` can print it and the
// harness can compare it with the model's value through package syntax
// alone.
//
// # Design
//
//   - Values are four machine words copied by value: a kind, an
//     int64 for booleans, longs, decimals, datetimes and durations, and a
//     reference for strings, entities, sets, records and ipaddrs (all
//     built once, before evaluation), so evaluation does not allocate
//     except to build set and record literals. Entity uids and attribute
//     names are interned with package unique, so entity equality, store
//     lookups and attribute lookups compare and hash pointers instead of
//     strings.
//   - Expressions are compiled into closures. Constant subexpressions are
//     folded, but a constant that fails to evaluate is compiled into a
//     closure raising the same error, so folding never hides or moves an
//     error. Compilation bounds nesting depth (maxDepth).
//   - The entity store computes the transitive closure of the parent
//     relation once, iteratively in topological order (cycles are
//     errors), so `in` is a lookup.
//   - The index files each policy under one scope key (== or in on the
//     principal, resource or action; else `is`), so a request evaluates
//     only policies whose scope can match. Scopes never raise errors, so
//     skipping the others leaves reasons and errors exact.
//   - Extensions (decimal, ipaddr, datetime, duration) are parsed by hand
//     to accept exactly Cedar's syntax, which is stricter than the
//     standard library's parsers (no leading zeros in IPv4 octets or
//     prefixes, no zones or embedded IPv4 in IPv6, and so on).
//   - `like` matches by splitting the pattern at its wildcards and
//     searching the literal segments leftmost-first: no backtracking.
package engine
