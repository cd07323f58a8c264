package reports

import (
	"bytes"
	"regexp"
	"testing"
	"time"
)

// FuzzReport reads arbitrary report.json text; whatever reads must
// render to Markdown and HTML without panicking, with well-formed charts,
// and must merge with itself as another shard.
func FuzzReport(f *testing.F) {
	b, err := MarshalJSON(fixture())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(`{"version":1}`))
	f.Add([]byte(`{"version":1,"throughput":[{"seconds":1e300,"tests":-5},{"seconds":-1}],"decisions":{"allow":-3}}`))
	f.Add([]byte(`{"version":1,"coverage":{"constructs":[{"name":"scope x ?y","category":"zzz","occurrences":-1}]},"findings":[{"test":{"requests":["x"]}}]}`))
	svg := regexp.MustCompile(`(?s)<svg .*?</svg>`)
	f.Fuzz(func(t *testing.T, src []byte) {
		r, err := UnmarshalJSON(src)
		if err != nil {
			return
		}
		var html, md bytes.Buffer
		if err := WriteHTML(&html, r); err != nil {
			t.Fatal(err)
		}
		WriteMarkdown(&md, r)
		for _, s := range svg.FindAllString(html.String(), -1) {
			checkXML(t, s)
		}
		other := *r
		other.Settings.Shard = "1/2"
		r.Settings.Shard = "0/2"
		r.Shards, other.Shards = nil, nil
		start := time.Now()
		if _, err := Merge([]*Report{r, &other}); err != nil {
			t.Fatalf("merging two shards of one report: %v", err)
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("merge took too long")
		}
	})
}
