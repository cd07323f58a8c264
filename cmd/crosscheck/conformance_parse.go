package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"

	cedar "github.com/cedar-policy/cedar-go"

	"github.com/cedar-crosscheck/crosscheck/diff"
	"github.com/cedar-crosscheck/crosscheck/diff/cedarwasm"
	"github.com/cedar-crosscheck/crosscheck/generators"
	"github.com/cedar-crosscheck/crosscheck/generators/spelling"
	"github.com/cedar-crosscheck/crosscheck/protocol"
	"github.com/cedar-crosscheck/crosscheck/reports"
	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// The parsing area compares the implementation's verdict (parses or
// not) on Cedar texts with the reference's verdict on the same texts:
// each corpus test's policy file and each generated test's policy set,
// re-spelled (generators/spelling) and, conformanceParseMutants times,
// broken; a server that lists parse-schema also parses each schema in
// Cedar syntax. Only the verdict is compared, not what was read: the
// parse target (`crosscheck run --target parse`) compares the policies.

// conformanceParseMutants is the number of broken re-spellings checked
// per policy set, besides the valid re-spelling.
const conformanceParseMutants = 2

// conformanceParseSalt makes the re-spelling stream of a generated test
// differ from the stream it was generated from (and from the parse
// target's).
const conformanceParseSalt = 0x0c0f_0a11_5eed

// parseKind is what a text is parsed as.
type parseKind string

const (
	parsePolicies parseKind = "policies"
	parseSchema   parseKind = "schema"
)

// parseVerdict is one implementation's verdict on one text.
type parseVerdict struct {
	ok     bool
	errors []string
}

// parseFunc parses each text; an error is the implementation's, for all
// of them (unsupported, inconclusive, a broken server).
type parseFunc func(texts []string) ([]parseVerdict, error)

// parserOf returns impl's parser of kind, or nil when impl has none:
// model and engine share syntax/parser and syntax/schema, cedar-go has
// its own policy parser, cedar-wasm is asked in one call, and a protocol
// server through parse-policies and parse-schema. Only servers (and the
// reference) parse schemas: the in-process implementations under test
// read the schema that syntax/schema parsed.
func parserOf(impl diff.Implementation, kind parseKind, reference bool) parseFunc {
	switch x := impl.(type) {
	case *diff.ExecImpl:
		op := protocol.OpParsePolicies
		if kind == parseSchema {
			op = protocol.OpParseSchema
			if !x.Hello().Has(op) {
				return nil
			}
		}
		return func(texts []string) ([]parseVerdict, error) {
			out := make([]parseVerdict, len(texts))
			for i, t := range texts {
				ok, errs, err := x.ParseText(op, t)
				if err != nil {
					return nil, err
				}
				out[i] = parseVerdict{ok, errs}
			}
			return out, nil
		}
	case *diff.CedarWasmImpl:
		if kind == parseSchema {
			return wasmSchemaParse(x)
		}
		return func(texts []string) ([]parseVerdict, error) {
			parses, err := x.ParsePolicySets(texts)
			if err != nil {
				return nil, err
			}
			out := make([]parseVerdict, len(texts))
			for i, p := range parses {
				out[i].ok = p.Type == "success"
				for _, e := range p.Errors {
					out[i].errors = append(out[i].errors, e.Message)
				}
			}
			return out, nil
		}
	}
	if kind == parseSchema {
		if !reference {
			return nil
		}
		return eachText(func(t string) error { _, err := schema.ParseCedar("schema.cedarschema", []byte(t)); return err })
	}
	switch impl.Name() {
	case "model", "engine":
		return eachText(func(t string) error { _, err := parser.ParsePolicySet("policies.cedar", []byte(t)); return err })
	case "cedar-go":
		return eachText(func(t string) error { _, err := cedar.NewPolicySetFromBytes("policies.cedar", []byte(t)); return err })
	}
	return nil
}

// eachText makes a parseFunc of a parser of one text; a panic is a
// verdict (an error), not a crash.
func eachText(parse func(string) error) parseFunc {
	return func(texts []string) ([]parseVerdict, error) {
		out := make([]parseVerdict, len(texts))
		for i, t := range texts {
			err := func() (err error) {
				defer func() {
					if v := recover(); v != nil {
						err = fmt.Errorf("the parser panicked: %v", v)
					}
				}()
				return parse(t)
			}()
			out[i].ok = err == nil
			if err != nil {
				out[i].errors = []string{err.Error()}
			}
		}
		return out, nil
	}
}

func wasmSchemaParse(w *diff.CedarWasmImpl) parseFunc {
	return func(texts []string) ([]parseVerdict, error) {
		calls := make([]cedarwasm.DataCall, len(texts))
		for i, t := range texts {
			arg, _ := json.Marshal(t)
			calls[i] = cedarwasm.DataCall{Fn: "checkParseSchema", Arg: arg}
		}
		answers, err := w.DataCalls(calls)
		if err != nil {
			return nil, err
		}
		out := make([]parseVerdict, len(texts))
		for i, a := range answers {
			out[i].ok = a.Type == "success"
			for _, e := range a.Errors {
				out[i].errors = append(out[i].errors, e.Message)
			}
		}
		return out, nil
	}
}

// parseText is one text of a parse check and what it is.
type parseText struct {
	text, what string
}

// respellings re-spells ps and breaks the spelling, with choices drawn
// from r.
func respellings(ps *syntax.PolicySet, seed int64, index uint64) []parseText {
	r := generators.NewRand(seed, index^conformanceParseSalt)
	spelled := spelling.PolicySet(ps, r)
	out := []parseText{{spelled.Render(r), "the policies re-spelled"}}
	for range conformanceParseMutants {
		m, what := spelling.Mutate(spelled, r)
		ms := make([]string, len(what))
		for i, w := range what {
			ms[i] = string(w)
		}
		out = append(out, parseText{m.Render(r), "the re-spelling broken (" + strings.Join(ms, ", ") + ")"})
	}
	return out
}

// nameIndex is a stable re-spelling index for a corpus test.
func nameIndex(name string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(name))
	return h.Sum64()
}

// parseCheck compares the implementation's parse verdicts on texts with
// the reference's. It returns nil when neither has a parser of kind (an
// implementation without one is unsupported).
func (s *conformanceSession) parseCheck(source, test string, kind parseKind, texts []parseText) *conformanceCheck {
	c := &conformanceCheck{source: source, test: test, check: string(kind) + " text", areas: []string{reports.AreaParsing}}
	mine := parserOf(s.impl, kind, false)
	if mine == nil {
		if kind == parseSchema {
			return nil
		}
		c.outcome, c.feature = reports.OutcomeUnsupported, "parse-policies (no parser)"
		return c
	}
	strs := make([]string, len(texts))
	for i, t := range texts {
		strs[i] = t.text
	}
	got, err := mine(strs)
	var unsup *diff.UnsupportedError
	var inc *diff.InconclusiveError
	switch {
	case errors.As(err, &unsup):
		c.outcome, c.feature = reports.OutcomeUnsupported, unsup.Feature
		return c
	case errors.As(err, &inc):
		c.outcome, c.detail = reports.OutcomeInconclusive, inc.Error()
		return c
	}
	want, refErr := parserOf(s.ref, kind, true)(strs)
	switch {
	case refErr != nil:
		c.outcome, c.detail = reports.OutcomeInconclusive, fmt.Sprintf("the reference %s cannot parse: %v", s.ref.Name(), refErr)
		return c
	case err != nil:
		c.outcome, c.detail = reports.OutcomeFailed, fmt.Sprintf("%s could not parse: %v", s.implName, err)
		c.signature = "parse " + string(kind) + ": error"
		c.save = s.saveParseText(kind, strs[0])
		return c
	}
	for i, t := range texts {
		if got[i].ok == want[i].ok {
			continue
		}
		c.outcome = reports.OutcomeFailed
		c.detail = fmt.Sprintf("%s: %s %s, but %s says it %s", t.what, s.ref.Name(), parsesWord(want[i]), s.implName, parsesWord(got[i]))
		c.signature = fmt.Sprintf("parse %s: reference ok=%t", kind, want[i].ok)
		c.save = s.saveParseText(kind, t.text)
		return c
	}
	c.outcome = reports.OutcomePassed
	return c
}

func parsesWord(v parseVerdict) string {
	if v.ok {
		return "parses"
	}
	if len(v.errors) > 0 {
		return "does not parse (" + v.errors[0] + ")"
	}
	return "does not parse"
}

// saveParseText returns the saver of a text on which the verdicts
// differ: it writes the text into DIR/findings/parse and returns the
// command that replays the check on it.
func (s *conformanceSession) saveParseText(kind parseKind, text string) func(m *minimizer) (string, error) {
	return func(m *minimizer) (string, error) {
		sum := sha256.Sum256([]byte(text))
		ext := ".cedar"
		if kind == parseSchema {
			ext = ".cedarschema"
		}
		path := filepath.Join(m.saver.Dir, "parse", hex.EncodeToString(sum[:8])+ext)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			return "", err
		}
		return s.parseReplayCommand(path), nil
	}
}

// parseReplayCommand checks the verdicts on one saved text again.
func (s *conformanceSession) parseReplayCommand(path string) string {
	return fmt.Sprintf("crosscheck conformance --impl %s --reference %s --replay-parse %s",
		diff.ShellQuote(s.implName), s.ref.Name(), diff.ShellQuote(filepath.ToSlash(path)))
}

// corpusParseChecks are the parse checks of a corpus test: its policy
// file with its re-spellings, and its schema when in Cedar syntax.
func (s *conformanceSession) corpusParseChecks(source string, t *corpusTestTexts) []*conformanceCheck {
	var out []*conformanceCheck
	if t.policyText != "" && t.policies != nil {
		texts := append([]parseText{{t.policyText, "the policy file"}}, respellings(t.policies, 0, nameIndex(t.name))...)
		if c := s.parseCheck(source, t.name, parsePolicies, texts); c != nil {
			out = append(out, c)
		}
	}
	if t.schemaText != "" && !strings.HasPrefix(strings.TrimSpace(t.schemaText), "{") {
		if c := s.parseCheck(source, t.name, parseSchema, []parseText{{t.schemaText, "the schema file"}}); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// corpusTestTexts is what the parse checks read of a test.
type corpusTestTexts struct {
	name, policyText, schemaText string
	policies                     *syntax.PolicySet
}

// generatedParseChecks are the parse checks of a generated test: its
// policies re-spelled and broken, and its schema printed in Cedar syntax.
func (s *conformanceSession) generatedParseChecks(name string, tc *generators.Test) []*conformanceCheck {
	var out []*conformanceCheck
	if c := s.parseCheck(generatedSource, name, parsePolicies, respellings(tc.Policies, tc.Seed, tc.Index)); c != nil {
		out = append(out, c)
	}
	if tc.Schema != nil {
		if text, err := schema.CedarText(tc.Schema); err == nil {
			if c := s.parseCheck(generatedSource, name, parseSchema, []parseText{{string(text), "the schema printed"}}); c != nil {
				out = append(out, c)
			}
		}
	}
	return out
}
