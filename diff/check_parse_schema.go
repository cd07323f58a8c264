package diff

import (
	"fmt"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/spelling"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// commonSalt makes the common-type stream of a test differ from its other
// re-spelling streams.
const commonSalt = 0xc0_3307_1e75

// commonTypesText is the test's schema written as Cedar schema text with
// common types factored out (spelling.FactorCommonTypes), drawn from
// (seed, index) alone; "" when the schema has no text form or no common
// type was factored.
func commonTypesText(tc *generators.Test) string {
	if tc.Schema == nil {
		return ""
	}
	f, err := schema.FromSchema(tc.Schema)
	if err != nil {
		return ""
	}
	if spelling.FactorCommonTypes(f, generators.NewRand(tc.Seed, tc.Index^commonSalt)) == 0 {
		return ""
	}
	text, err := schema.PrintCedar(f)
	if err != nil {
		return ""
	}
	return string(text)
}

// checkCommonTypes checks that the schema text with common types reads
// back, through our schema parser and name resolution, to the generated
// schema: common types inlined, each unqualified name resolved in its
// namespace first (a namespace's `type decimal` over the extension). The
// official engine's reading of the same text is checked with the data
// (the entities and contexts read with it).
func checkCommonTypes(res *TestResult, tc *generators.Test, text string) {
	if text == "" {
		return
	}
	back, err := schema.ParseCedar("common.cedarschema", []byte(text))
	if err != nil {
		res.add(KindParse, []string{"syntax/schema"}, []string{"schema common types"}, -1, "",
			fmt.Sprintf("the schema with common types does not read back: %v\n%s", err, showText(text)))
		return
	}
	if sameSchema(tc.Schema, back) {
		return
	}
	if d := cmp.Diff(tc.Schema, back, schemaCmp...); d != "" {
		res.add(KindParse, []string{"syntax/schema"}, []string{"schema common types"}, -1, d,
			fmt.Sprintf("the schema with common types reads back differently (-generated +read)\n%s", showText(text)))
	}
}
