package diff

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
	"github.com/cedar-crosscheck/crosscheck/syntax/printer"
	"github.com/cedar-crosscheck/crosscheck/syntax/schema"
)

// WriteText prints a checked test in full, for `crosscheck repro`: the
// schema as Cedar schema text, the policies as Cedar text (and template
// links), the entities as entity JSON, each request, each
// implementation's answers or validation result, and the findings with
// their diffs.
func (r *TestResult) WriteText(w io.Writer) {
	fmt.Fprintf(w, "test: seed %d index %d, target %s", r.Seed, r.Index, r.Target)
	t := r.Test
	if t == nil {
		fmt.Fprintln(w, " (the test could not be generated)")
		r.writeFindings(w)
		return
	}
	fmt.Fprintf(w, ", generator mode %s\n", t.Mode)
	for _, f := range t.Faults {
		fmt.Fprintf(w, "deliberate fault: %s", f.Kind)
		if f.Policy != "" {
			fmt.Fprintf(w, " in %s", f.Policy)
		}
		if f.Entity != (syntax.EntityUID{}) {
			fmt.Fprintf(w, " (dropped %s)", f.Entity)
		}
		fmt.Fprintln(w)
	}

	section(w, "schema")
	if t.Schema == nil {
		fmt.Fprintln(w, "(none)")
	} else if text, err := schema.CedarText(t.Schema); err != nil {
		fmt.Fprintf(w, "(cannot print the schema: %v)\n", err)
	} else {
		w.Write(bytes.TrimRight(text, "\n"))
		fmt.Fprintln(w)
	}

	section(w, "policies")
	fmt.Fprint(w, printer.PolicySet(t.Policies))
	for _, l := range t.Policies.Links {
		fmt.Fprintf(w, "link %s: template %s with", l.NewID, l.TemplateID)
		for _, s := range []syntax.SlotID{syntax.SlotPrincipal, syntax.SlotResource} {
			if u, ok := l.Values[s]; ok {
				fmt.Fprintf(w, " %s = %s", s, u)
			}
		}
		fmt.Fprintln(w)
	}
	if t.Expr != nil {
		fmt.Fprintf(w, "expression: %s\n", printer.Expr(t.Expr))
	}

	section(w, "entities")
	if data, err := cedarjson.MarshalEntities(t.Entities); err != nil {
		fmt.Fprintf(w, "(cannot write entity JSON: %v)\n", err)
	} else {
		var b bytes.Buffer
		if json.Indent(&b, data, "", "  ") != nil {
			b.Reset()
			b.Write(data)
		}
		fmt.Fprintln(w, b.String())
	}

	section(w, "requests")
	for i, req := range t.Requests {
		ctx := "{}"
		if req.Context != nil {
			ctx = printer.Expr(req.Context)
		}
		fmt.Fprintf(w, "request %d: principal %s, action %s, resource %s, context %s\n", i, req.Principal, req.Action, req.Resource, ctx)
		if r.Answers == nil {
			continue
		}
		for k, answers := range r.Answers {
			if answers != nil {
				fmt.Fprintf(w, "  %-10s %s\n", r.Impls[k]+":", describeAnswer(answers[i]))
			}
		}
	}
	if r.Answers != nil {
		for k, answers := range r.Answers {
			if answers == nil {
				fmt.Fprintf(w, "%s did not answer (see the findings, or it does not support the test)\n", r.Impls[k])
			}
		}
	}

	if r.Validations != nil {
		section(w, "validation")
		for k, v := range r.Validations {
			if v == nil {
				fmt.Fprintf(w, "%s: no result\n", r.Impls[k])
				continue
			}
			fmt.Fprintf(w, "%s: validates=%v\n", r.Impls[k], v.OK)
			for _, e := range v.Errors {
				fmt.Fprintf(w, "    %s\n", e)
			}
		}
	}
	for _, m := range []map[string]int{r.Unsupported, r.Inconclusive} {
		for _, k := range sortedKeys(m) {
			fmt.Fprintf(w, "skipped: %s\n", k)
		}
	}
	r.writeFindings(w)
}

func (r *TestResult) writeFindings(w io.Writer) {
	section(w, "findings")
	for _, f := range r.Findings {
		io.WriteString(w, f.String())
	}
	fmt.Fprintf(w, "%d findings\n", len(r.Findings))
	if len(r.Known) > 0 {
		section(w, "known differences (tolerated, docs/known-differences.md)")
		for _, f := range r.Known {
			fmt.Fprintf(w, "known: %s\n", f.Known)
			io.WriteString(w, f.String())
		}
	}
}

func section(w io.Writer, title string) {
	fmt.Fprintf(w, "\n== %s %s\n", title, strings.Repeat("=", max(0, 60-len(title))))
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
