// Package engine is the production Cedar engine: policies compiled once
// and indexed by scope, entities interned with their ancestors
// indexed, and a compact value representation. It returns exactly the
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
// PartialAuthorize (partial.go) answers a syntax.PartialRequest, some of
// whose parts are unknown, as the official engine's partial authorizer
// does (cedar-wasm 4.13 isAuthorizedPartial): a decision, or unknown, the
// policies found satisfied, errored, may- and must-be-determining, and the
// residual policies, whose conditions hold unknown("name") calls. It is a
// separate evaluator over the policies' syntax trees (partial_eval.go
// states its rules), sharing the compiled engine's operators on values;
// it skips the policies whose scope on known variables is false and
// leaves Authorize's path untouched.
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
//     strings; a small direct-mapped cache in front of unique.Make keeps
//     interning cheap when every test interns the same names again.
//   - Expressions are compiled into closures. Constant subexpressions are
//     folded, but a constant that fails to evaluate is compiled into a
//     closure raising the same error, so folding never hides or moves an
//     error. Chains of one operator family (||, &&, + and -, *) and
//     else-if chains compile into one looping closure each
//     (compile_chain.go): no recursion along a chain, at compile time
//     or run time, and an n-ary && or || is faster than nested ones.
//   - Nesting depth follows the one rule of syntax.Nesting (a chain or
//     an else-if chain is one level) with the limit syntax.MaxNesting
//     (512), the same as in the readers and the model, counted per
//     condition body. The readers refuse deeper conditions; a deeper
//     tree built in code still compiles: the subexpression beyond the
//     limit becomes a closure raising RecursionLimit, so the policy
//     errors exactly when evaluation reaches it, as in the model (it is
//     no longer a CompileError rejecting the whole policy set).
//     Restricted values in entities and contexts are checked against
//     maxDepth (store.go) and then compiled, so in effect the same
//     limit of 512 applies to them (a deeper value is an error of the
//     store or request); the model bounds values at 10,000.
//   - The entity store indexes the parent relation once, iteratively in
//     topological order (cycles are errors), so `in` is a lookup; see
//     Hierarchy.
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
//
// # Hierarchy
//
// The store never holds the transitive closure, which is quadratic: a
// chain 10,000 deep would be 50 million ancestor entries. Instead:
//
//   - An entity with at most 8 ancestors (absent parents included) keeps
//     them in a list, scanned linearly; the scope index enumerates it.
//     This is the common case, and when every entity is in it nothing
//     else is built.
//   - Otherwise every entity and every absent parent becomes a node of an
//     interval labelling (hierarchy.go). A spanning forest of the parent
//     relation, each node's tree parent being its parent latest in
//     topological order, is numbered in post-order; a node's label is
//     the set of post numbers of its descendants, self included, kept as
//     sorted disjoint intervals. `a in b` is then one hash lookup of b and
//     a binary search of a's number in b's label: O(1) for a tree or a
//     chain, whose labels are one interval each, and O(log k) for k
//     intervals. For such an entity the scope index tests each `in` key
//     of the policy set instead of enumerating ancestors.
//
// Limits: a tree or chain of n entities costs O(n) memory and time to
// build (about 40 bytes of labels per entity beyond the entity itself;
// 100,000 deep builds in well under a second of CPU and about 70 MB of
// allocation). Each extra parent of a DAG can split labels: memory grows
// with how fragmented descendant sets are in the post-order, at worst the
// closure itself (8 bytes an interval). So the labels have a budget of
// 16 intervals per node plus a million (about 8 MB plus 128 bytes a node):
// past it, no labels are kept and `in` for entities with many ancestors
// searches their parents instead (time per question, no memory per
// entity). Measured: 10,000 entities with 5 random earlier parents each,
// about 1.2 million intervals (10 MB), within the budget; 100,000 such
// entities would need about 76 million (600 MB) and are searched.
package engine
