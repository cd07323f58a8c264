package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/google/go-cmp/cmp"

	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/spelling"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// parseSalt makes the re-spelling stream of a test differ from the
// stream the test was generated from.
const parseSalt = 0x5eed_5911_1e75

// parseText is one text the parse target checks.
type parseText struct {
	text string
	// mutations names the changes made to the re-spelled text; none for
	// the re-spelled text itself, which is valid.
	mutations []spelling.Mutation
	ours      *syntax.PolicySet
	err       error
}

func (t *parseText) what() string {
	if len(t.mutations) == 0 {
		return "the re-spelled text"
	}
	ms := make([]string, len(t.mutations))
	for i, m := range t.mutations {
		ms[i] = string(m)
	}
	return "the re-spelled text mutated (" + strings.Join(ms, ", ") + ")"
}

// parseTexts re-spells the test's policy set and mutates the spelling
// (parseMutants mutations, and one run of unary operators at or just
// past the limit), with choices drawn from (seed, index) alone so that `crosscheck repro`
// regenerates the same texts.
func parseTexts(tc *generators.Test) []*parseText {
	r := generators.NewRand(tc.Seed, tc.Index^parseSalt)
	spelled := spelling.PolicySet(tc.Policies, r)
	texts := []*parseText{{text: spelled.Render(r)}}
	for range parseMutants {
		m, what := spelling.Mutate(spelled, r)
		texts = append(texts, &parseText{text: m.Render(r), mutations: what})
	}
	// A run of unary operators at the limit or one past it: four or five.
	if m, ok := spelling.UnaryRun(spelled, r, 4+r.Intn(2)); ok {
		texts = append(texts, &parseText{text: m.Render(r), mutations: []spelling.Mutation{spelling.MutUnaryRun}})
	}
	return texts
}

// checkParse checks the texts of a test with our parser and, when it is
// among the implementations, the official engine.
func (c *Config) checkParse(res *TestResult, tc *generators.Test, st *tracker) {
	st.at("harness", "re-spell")
	texts := parseTexts(tc)
	c.compareParses(res, texts, tc.Policies, st)
	st.at("harness", "schema common types")
	common := commonTypesText(tc)
	checkCommonTypes(res, tc, common)
	releases := cedarWasmsOf(c.Impls)
	if len(releases) == 0 {
		return
	}
	st.at("harness", "re-spell data")
	cs := dataChecks(tc, texts[0].text, common)
	calls := make([]cedarwasm.DataCall, len(cs))
	for i, d := range cs {
		calls[i] = d.call
	}
	for _, w := range releases {
		st.at(w.Name(), "data calls")
		answers, err := w.DataCalls(calls)
		if err != nil {
			res.addErr(w.Name(), "parse data", -1, err)
			continue
		}
		st.at("harness", "compare data")
		compareData(res, cs, answers, w.Name())
	}
}

// compareParses parses each text with our parser and with cedar-wasm
// (when present) and records every disagreement. The first text must be
// a valid spelling of generated (when not nil).
func (c *Config) compareParses(res *TestResult, texts []*parseText, generated *syntax.PolicySet, st *tracker) {
	st.at("parser", "parse")
	for _, t := range texts {
		t.ours, t.err = parser.ParsePolicySet("respelled.cedar", []byte(t.text))
	}
	releases := cedarWasmsOf(c.Impls)
	if len(releases) == 0 {
		inc(&res.Unsupported, "parse: without cedar-wasm only the re-spelled text is checked", 1)
		if generated != nil {
			c.checkRespelling(res, texts[0], nil, generated)
		}
		return
	}
	strs := make([]string, len(texts))
	for i, t := range texts {
		strs[i] = t.text
	}
	// Each release of the official engine judges our parser; the first
	// also judges the re-spelling.
	for k, w := range releases {
		st.at(w.Name(), "parse")
		res.ask(w.Name(), AskedEvery) // the only judge of the parser
		official, err := w.ParsePolicySets(strs)
		if err != nil {
			res.addErr(w.Name(), "parse", -1, err)
			if k == 0 {
				return
			}
			continue
		}
		st.at("harness", "compare parses")
		for i, t := range texts {
			if k == 0 && i == 0 && generated != nil {
				c.checkRespelling(res, t, &official[i], generated)
			}
			compareParse(res, t, &official[i], w.Name())
		}
	}
}

// checkRespelling checks that the re-spelled text reads back to the
// generated policies. When cedar-wasm disagrees with our parser the
// comparison with it reports the problem; otherwise a difference is the
// re-speller's (with cedar-wasm on our side) or unattributed.
func (c *Config) checkRespelling(res *TestResult, t *parseText, off *cedarwasm.PolicySetParse, generated *syntax.PolicySet) {
	who := []string{"parser/spelling"}
	if off != nil {
		if _, diff := officialDiff(t.ours, off, splitsHasPaths(c.wasmName())); t.err == nil && diff != "" || (t.err == nil) != (off.Type == "success") {
			return // compareParse reports it
		}
		who = []string{"generators/spelling"}
	}
	if t.err != nil {
		res.add(KindParse, who, []string{"respelling"}, -1, "", fmt.Sprintf("%s does not parse: %v\n%s", t.what(), t.err, showText(t.text)))
		return
	}
	if len(t.ours.Policies) != len(generated.Policies) {
		res.add(KindParse, who, []string{"respelling"}, -1, "", fmt.Sprintf("%s has %d policies, the test %d\n%s",
			t.what(), len(t.ours.Policies), len(generated.Policies), showText(t.text)))
		return
	}
	for j, p := range generated.Policies {
		if d := spelling.PolicyDiff(p, t.ours.Policies[j]); d != "" {
			res.add(KindParse, who, []string{"respelling"}, -1, d, fmt.Sprintf("policy %s reads back differently (-generated +parsed) from %s\n%s",
				p.ID, t.what(), showText(t.text)))
			return
		}
	}
}

// compareParse compares our reading of one text with the official one of
// the release official (its --impl name). For an older release (see
// hasPathSplitIn) our policy JSON is compared in the form it writes.
func compareParse(res *TestResult, t *parseText, off *cedarwasm.PolicySetParse, official string) {
	splitHas := splitsHasPaths(official)
	oursOK, theirsOK := t.err == nil, off.Type == "success"
	if oursOK != theirsOK {
		inc(&res.Mismatches, "parser vs "+official, 1)
		ours, theirs := "accepts it", "accepts it"
		if !oursOK {
			ours = "rejects it: " + t.err.Error()
		}
		if !theirsOK {
			theirs = "rejects it: " + detailedErrors(off.Errors)
		}
		res.add(KindParse, []string{"parser", official}, []string{"accept"}, -1, cmp.Diff(oursOK, theirsOK),
			fmt.Sprintf("on %s\nour parser %s\n%s %s\n%s", t.what(), ours, official, theirs, showText(t.text)))
		return
	}
	if !oursOK {
		return
	}
	if failed, diff := officialDiff(t.ours, off, splitHas); diff != "" {
		on := "policy-json"
		if failed {
			on = "cedar-wasm policy-json"
		}
		inc(&res.Mismatches, "parser vs "+official, 1)
		res.add(KindParse, []string{"parser", official}, []string{on}, -1, diff,
			fmt.Sprintf("the policy JSON of %s differs (-ours +%s)\n%s", t.what(), official, showText(t.text)))
	}
}

// officialDiff compares the policy JSON we write for ours with the
// official answers, policies and templates each in the engine's order
// (by id as strings), has-paths split with splitHas. Numbers compare
// exactly. failed reports that the
// engine could not write the JSON of a part it had parsed.
func officialDiff(ours *syntax.PolicySet, off *cedarwasm.PolicySetParse, splitHas bool) (failed bool, diff string) {
	if ours == nil || off.Type != "success" {
		return false, ""
	}
	var static, templates []*syntax.Policy
	for _, p := range ours.Policies {
		if p.IsTemplate() {
			templates = append(templates, p)
		} else {
			static = append(static, p)
		}
	}
	byID := func(a, b *syntax.Policy) int { return strings.Compare(a.ID, b.ID) }
	slices.SortFunc(static, byID)
	slices.SortFunc(templates, byID)
	var b strings.Builder
	for _, part := range []struct {
		what    string
		ours    []*syntax.Policy
		answers []cedarwasm.PolicyJSONAnswer
	}{{"policies", static, off.Policies}, {"templates", templates, off.Templates}} {
		var mine, theirs []any
		for _, p := range part.ours {
			js, err := cedarjson.MarshalPolicy(p)
			if err != nil {
				mine = append(mine, "cannot write policy JSON: "+err.Error())
				continue
			}
			if splitHas {
				mine = append(mine, splitHasPaths(exactJSON(js)))
			} else {
				mine = append(mine, exactJSON(js))
			}
		}
		for _, a := range part.answers {
			if a.Type != "success" {
				failed = true
				theirs = append(theirs, "cannot write policy JSON: "+detailedErrors(a.Errors))
				continue
			}
			theirs = append(theirs, exactJSON(a.JSON))
		}
		if reflect.DeepEqual(mine, theirs) {
			continue // equal for cmp too, found without its reflection
		}
		if d := cmp.Diff(mine, theirs); d != "" {
			fmt.Fprintf(&b, "%s:\n%s", part.what, d)
		}
	}
	return failed, b.String()
}

// exactJSON decodes JSON keeping numbers as their text, so that integers
// compare exactly.
func exactJSON(b []byte) any {
	d := json.NewDecoder(bytes.NewReader(b))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return "invalid JSON: " + err.Error()
	}
	return v
}

// showText shows a text as it is and, since white space matters, as a
// Go string literal.
func showText(text string) string {
	return "text:\n" + text + "\nas a Go string: " + fmt.Sprintf("%q", text)
}

// wasmName is the --impl name of the cedar-wasm the parse target asks,
// "" without one.
func (c *Config) wasmName() string {
	if w := cedarWasmOf(c.Impls); w != nil {
		return w.Name()
	}
	return ""
}
