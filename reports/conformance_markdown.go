package reports

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// WriteConformanceMarkdown writes c as a Markdown document: the verdict,
// the versions, the sources, the pass rate per area, the failures (each
// with its replay command), the known differences and the unsupported
// features.
func WriteConformanceMarkdown(w io.Writer, c *Conformance) {
	m := &mdWriter{w: w}
	m.p("# Cedar conformance of %s\n\n", mdText(c.Impl))
	m.p("**%s**: %s\n\n", mdText(c.Verdict()), mdText(conformanceHeadline(c)))
	m.p("Reference for generated tests: **%s**", mdText(c.Reference))
	if c.ReferenceNote != "" {
		m.p(" (%s)", mdText(c.ReferenceNote))
	}
	m.p(". Corpus tests are judged by the answers recorded in them (their policy texts by the reference's parser).\n\n")
	if c.Command != "" {
		m.p("Run it again:\n\n")
		m.code("sh", c.Command)
	}

	m.p("## Versions\n\n")
	var vrows [][]string
	for _, r := range conformanceVersions(c) {
		vrows = append(vrows, []string{r[0], r[1]}) // table escapes the cells
	}
	m.table([]string{"component", "version"}, vrows)

	m.p("## Sources\n\n")
	var rows [][]string
	for _, s := range c.Sources {
		note := s.Path
		if s.Skipped != "" {
			note = "skipped: " + s.Skipped
		}
		rows = append(rows, []string{s.Name, fmt.Sprint(s.Tests), note})
	}
	m.table([]string{"source", "tests", "where"}, rows)
	for _, le := range c.LoadErrors {
		m.p("> **load error**: %s\n\n", mdText(le))
	}

	m.p("## Pass rate per area\n\n")
	m.p("A test counts in every area it touches. Known differences, unsupported features and inconclusive checks are counted apart, never as failures.\n\n")
	m.table(areaHeader, areaRows(c))

	if c.Health != nil {
		m.p("## Health of %s\n\n", mdText(c.Impl))
		m.table([]string{"sent", "inconclusive", "restarts", "timeouts"}, [][]string{{
			fmt.Sprint(c.Health.Sent), fmt.Sprint(c.Health.Inconclusive), fmt.Sprint(c.Health.Restarts), fmt.Sprint(c.Health.Timeouts)}})
	}

	m.p("## Failures (%d)\n\n", len(c.Failures))
	if len(c.Failures) == 0 {
		m.p("None.\n\n")
	}
	for i, f := range c.Failures {
		m.p("### %d. %s: %s\n\n", i+1, mdText(f.Test), mdText(f.Check))
		m.p("Source: %s; areas: %s; signature: `%s`\n\n", mdText(f.Source), mdText(strings.Join(f.Areas, ", ")), mdCode(f.Signature))
		if f.Detail != "" {
			m.code("", f.Detail)
		}
		if f.Minimized != "" {
			m.p("Minimized: `%s`", mdCode(f.Minimized))
			if f.MinimizeNote != "" {
				m.p(" (%s)", mdText(f.MinimizeNote))
			}
			m.p("\n\n")
		} else if f.MinimizeNote != "" {
			m.p("Not minimized: %s\n\n", mdText(f.MinimizeNote))
		}
		m.p("Replay:\n\n")
		m.code("sh", f.Replay)
		if f.Repro != "" {
			m.p("Regenerate in full:\n\n")
			m.code("sh", f.Repro)
		}
	}

	m.p("## Known differences (%d)\n\n", len(c.Known))
	if len(c.Known) == 0 {
		m.p("None.\n\n")
	} else {
		var rows [][]string
		for _, k := range c.Known {
			rows = append(rows, []string{k.Test, k.Check, k.KnownCase, "`" + mdCode(k.Replay) + "`"})
		}
		m.table([]string{"test", "check", "documented by", "replay"}, rows)
	}

	m.p("## Unsupported features (%d)\n\n", len(c.Unsupported))
	if len(c.Unsupported) == 0 {
		m.p("None.\n\n")
	} else {
		var rows [][]string
		for _, u := range c.Unsupported {
			rows = append(rows, []string{u.Feature, fmt.Sprint(u.Checks), strings.Join(u.Areas, ", ")})
		}
		m.table([]string{"feature", "checks", "areas"}, rows)
	}
}

// conformanceHeadline sums up c in one line.
func conformanceHeadline(c *Conformance) string {
	s := fmt.Sprintf("%d passed, %d failed", c.Total.Passed, c.Total.Failed)
	if c.Total.Known > 0 {
		s += fmt.Sprintf(", %d known differences", c.Total.Known)
	}
	if c.Total.Unsupported > 0 {
		s += fmt.Sprintf(", %d unsupported", c.Total.Unsupported)
	}
	if c.Total.Inconclusive > 0 {
		s += fmt.Sprintf(", %d inconclusive", c.Total.Inconclusive)
	}
	return s + fmt.Sprintf(" (checks; in %s)", c.Elapsed.String())
}

// String is the duration to the millisecond.
func (d Duration) String() string { return time.Duration(d).Round(time.Millisecond).String() }

var areaHeader = []string{"area", "pass rate", "passed", "failed", "known", "unsupported", "inconclusive"}

func areaRows(c *Conformance) [][]string {
	var rows [][]string
	for _, a := range append(append([]AreaCounts{}, c.Areas...), c.Total) {
		rows = append(rows, []string{a.Area, passRateText(a), fmt.Sprint(a.Passed), fmt.Sprint(a.Failed),
			fmt.Sprint(a.Known), fmt.Sprint(a.Unsupported), fmt.Sprint(a.Inconclusive)})
	}
	return rows
}

// passRateText is the pass rate as a percentage, or "n/a" when nothing
// was compared.
func passRateText(a AreaCounts) string {
	r := a.PassRate()
	if r < 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f%%", 100*r)
}

// conformanceVersions lists (component, version) pairs: the build's and
// each implementation's, as its handshake or package gave them.
func conformanceVersions(c *Conformance) [][2]string {
	if c.Versions == nil {
		return nil
	}
	v := c.Versions
	rows := [][2]string{
		{"Crosscheck", v.Crosscheck},
		{"Cedar language (model)", v.CedarLanguage},
		{"Go", v.Go},
		{"OS/CPU", v.OS + "/" + v.Arch},
	}
	for _, iv := range v.Impls {
		what := iv.Implementation + " " + iv.Version
		if iv.Cedar != "" {
			what += " (Cedar " + iv.Cedar + ")"
		}
		rows = append(rows, [2]string{iv.Name, what})
	}
	return rows
}
