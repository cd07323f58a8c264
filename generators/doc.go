// Package generators holds consistency-aware gopter generators of Cedar
// tests: a schema, then entities that conform to it, then policies and
// requests built from what the schema and entities declare, so that
// generated tests exercise evaluation rather than error paths.
package generators
