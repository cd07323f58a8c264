package reports

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
)

// WriteMarkdown writes r as a Markdown document (GitHub flavour): the
// same sections as the HTML page, with tables in place of charts. Text
// from tests is escaped in tables and headings and fenced in code blocks,
// so it renders as written.
func WriteMarkdown(w io.Writer, r *Report) {
	m := &mdWriter{w: w}
	m.p("# Crosscheck run report\n\n")
	m.p("**%s**: %s\n\n", statusWord(r), mdText(headline(r)))
	for _, reason := range r.HealthFailures() {
		m.p("> **FAIL**: %s\n\n", mdText(reason))
	}
	for _, n := range r.Notes {
		m.p("> Note: %s\n\n", mdText(n))
	}
	for _, f := range r.KnownFixed {
		m.p("> Known difference fixed: %s\n\n", mdText(f.String()))
	}

	m.p("## Settings\n\n")
	m.table([]string{"setting", "value"}, settingsRows(r))
	if r.Settings.Command != "" {
		m.p("Run it again:\n\n")
		m.code("sh", r.Settings.Command)
	}
	if len(r.Shards) > 0 {
		m.p("### Shards\n\n")
		var rows [][]string
		for _, sh := range r.Shards {
			rows = append(rows, []string{sh.Shard, fmt.Sprint(sh.Tests), fmt.Sprint(sh.Failed), fmt.Sprintf("%.1fs", sh.ElapsedSeconds), "`" + mdCode(sh.Command) + "`"})
		}
		m.table([]string{"shard", "tests", "failed", "elapsed", "command"}, rows)
	}

	m.p("## Totals\n\n")
	m.table([]string{"count", "value"}, totalsRows(r))
	for _, c := range countTables(r) {
		m.p("### %s\n\n", c.title)
		m.counts(c.key, c.counts)
	}
	if rows := propertyRows(r); len(rows) > 0 {
		m.p("### Properties\n\n")
		m.table(propertyHeader, rows)
		if note := propertyNote(r); note != "" {
			m.p("%s\n\n", mdText(note))
		}
	}
	if rows := oracleRows(r); len(rows) > 0 {
		m.p("### Oracle health\n\n")
		m.table(oracleHeader, rows)
		m.p("%s\n\n", mdText(oracleLimit(r)))
	}
	if rows := askedRows(r); len(rows) > 0 {
		m.p("### Who was asked, and why\n\n")
		m.table(askedHeader, rows)
		m.p("%s\n\n", mdText(askedNote(r)))
	}

	m.p("## Throughput\n\n")
	if len(r.Throughput) == 0 {
		m.p("No samples.\n\n")
	} else {
		var rows [][]string
		for _, s := range thin(r.Throughput, 20) {
			rows = append(rows, []string{fmt.Sprintf("%.0f", s.Seconds), fmt.Sprint(s.Tests), fmt.Sprint(s.RequestsCompared),
				fmt.Sprint(s.Failed), fmt.Sprintf("%.0f", s.TestsPerSecond), fmt.Sprintf("%.0f", s.RequestsPerSecond)})
		}
		m.table([]string{"second", "tests", "requests compared", "failed", "tests/s", "requests/s"}, rows)
	}

	m.p("## Decision mix\n\n")
	m.counts("decision", r.Decisions)
	m.p("## Error kinds\n\n")
	m.counts("error kind", r.ErrorKinds)

	m.p("## Coverage\n\n")
	if c := r.Coverage; c == nil {
		m.p("Not recorded.\n\n")
	} else {
		m.p("%s\n\n", mdText(coverageLine(c)))
		m.p("%s\n\n", mdText(unexercisedMeaning(c)))
		for _, cat := range Categories {
			rows := c.InCategory(cat)
			if len(rows) == 0 {
				continue
			}
			m.p("### %s\n\n", categoryTitle(cat))
			header := []string{"construct", "occurrences", "policies", "share"}
			if c.EvaluationMeasured {
				header = append(header, "evaluated ok", "eval errors")
			}
			var cells [][]string
			for _, row := range rows {
				name := mdText(row.Name)
				if c.Unexercised(row) {
					name = "**" + name + "** ⚠"
				}
				line := []string{name, fmt.Sprint(row.Occurrences), fmt.Sprint(row.Policies), fmt.Sprintf("%.1f%%", 100*c.PolicyShare(row))}
				if c.EvaluationMeasured {
					line = append(line, fmt.Sprint(row.Evaluated), fmt.Sprint(row.EvalErrors))
				}
				cells = append(cells, line)
			}
			m.rawTable(header, cells)
		}
	}

	m.p("## Rarity\n\n")
	if r.Rarity == nil {
		m.p("Not recorded.\n\n")
	} else {
		m.p("%s\n\n%s\n\n", mdText(r.Rarity.Line()), mdText(allowShareLine(r.Decisions)))
		m.table(rarityHeader, r.Rarity.rows())
	}

	m.p("## Findings\n\n")
	if len(r.Signatures) == 0 {
		m.p("None.\n\n")
	} else {
		var rows [][]string
		for _, sc := range r.Signatures {
			rows = append(rows, []string{fmt.Sprint(sc.Count), sc.Signature})
		}
		m.table([]string{"count", "signature"}, rows)
		if kept := len(r.Findings); kept < r.Totals.FindingsTotal {
			m.p("%d of %d findings are listed (at most %d per signature).\n\n", kept, r.Totals.FindingsTotal, FindingsPerSignature)
		}
	}
	for i, f := range r.Findings {
		m.p("### %d. %s\n\n", i+1, mdText(findingTitle(f)))
		m.p("Signature: %s\n\n", mdText(f.Signature))
		if f.Diff != "" {
			m.p("Diff (-%s +%s):\n\n", mdText(first(f.Impls, 0)), mdText(first(f.Impls, 1)))
			m.code("diff", f.Diff)
		}
		if f.Detail != "" {
			m.p("Detail:\n\n")
			m.code("", f.Detail)
		}
		m.p("Replay:\n\n")
		m.code("sh", f.Command)
		if t := f.Test; t != nil {
			what := "Test"
			if t.Minimized {
				what = "Minimized test"
			}
			m.p("%s:\n\n", what)
			for _, part := range testParts(t) {
				m.p("%s:\n\n", part.Title)
				m.code(part.Lang, part.Text)
			}
		}
	}
}

// mdWriter writes Markdown; p is Fprintf.
type mdWriter struct{ w io.Writer }

func (m *mdWriter) p(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

// table writes a table whose cells are plain text, escaped here.
func (m *mdWriter) table(header []string, rows [][]string) {
	escaped := make([][]string, len(rows))
	for i, row := range rows {
		for _, c := range row {
			if strings.HasPrefix(c, "`") && strings.HasSuffix(c, "`") && len(c) > 1 {
				escaped[i] = append(escaped[i], c) // already a code span
			} else {
				escaped[i] = append(escaped[i], mdText(c))
			}
		}
	}
	m.rawTable(header, escaped)
}

// rawTable writes a table whose cells are Markdown already.
func (m *mdWriter) rawTable(header []string, rows [][]string) {
	m.p("| %s |\n|", strings.Join(header, " | "))
	for range header {
		m.p(" --- |")
	}
	m.p("\n")
	for _, row := range rows {
		m.p("| %s |\n", strings.Join(row, " | "))
	}
	m.p("\n")
}

// counts writes a count map as a table, largest first, with shares.
func (m *mdWriter) counts(key string, counts map[string]int) {
	if len(counts) == 0 {
		m.p("None.\n\n")
		return
	}
	total := 0
	for _, v := range counts {
		total += v
	}
	var rows [][]string
	for _, k := range sortedByCount(counts) {
		rows = append(rows, []string{k, fmt.Sprint(counts[k]), fmt.Sprintf("%.1f%%", 100*ratio(float64(counts[k]), float64(total)))})
	}
	m.table([]string{key, "count", "share"}, rows)
}

// code writes a fenced code block, its fence longer than any run of
// backticks in text.
func (m *mdWriter) code(lang, text string) {
	fence := strings.Repeat("`", max(3, longestRun(text, '`')+1))
	m.p("%s%s\n%s\n%s\n\n", fence, lang, strings.TrimRight(text, "\n"), fence)
}

func longestRun(s string, c byte) int {
	best, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			best = max(best, n)
		} else {
			n = 0
		}
	}
	return best
}

// mdText escapes s for Markdown text on one line: characters with a
// meaning in Markdown get a backslash, angle brackets and ampersands
// become entities so that no HTML gets through, line breaks become
// spaces and other control characters their Control Pictures.
func mdText(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\n', '\r', '\t':
			b.WriteByte(' ')
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '{', '}', '(', ')':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			if r < 0x20 || r == 0x7f {
				r = controlPicture(r)
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mdCode makes s safe inside a one-backtick code span in a table cell.
func mdCode(s string) string {
	return strings.NewReplacer("`", "'", "|", `\|`, "\n", " ", "\r", " ").Replace(s)
}

// sortedByCount returns the keys of counts, largest count first, then by
// name.
func sortedByCount(counts map[string]int) []string {
	keys := slices.Sorted(maps.Keys(counts))
	slices.SortStableFunc(keys, func(a, b string) int { return counts[b] - counts[a] })
	return keys
}

// thin returns at most n samples of s, evenly spaced, always with the
// last.
func thin(s []Sample, n int) []Sample {
	if len(s) <= n {
		return s
	}
	out := make([]Sample, 0, n)
	for i := range n - 1 {
		out = append(out, s[i*len(s)/(n-1)])
	}
	return append(out, s[len(s)-1])
}

func first(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return "?"
}
