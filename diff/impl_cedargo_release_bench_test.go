package diff

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"
)

// BenchmarkCedarGoProtocol measures one authorization request of cedar-go
// v1.9.1 in process and through its protocol server (cedar-go@v1.9.1,
// one process): the difference is the per-request cost of the protocol.
// It builds the server into the user's cache when it is not there.
func BenchmarkCedarGoProtocol(b *testing.B) {
	ps, err := parser.ParsePolicySet("p.cedar", []byte(`permit(principal == User::"a", action == Action::"view", resource) when { context.n + 1 > 0 };
forbid(principal, action, resource) when { resource.owner != principal };`))
	if err != nil {
		b.Fatal(err)
	}
	uid := func(ty, id string) syntax.EntityUID { return syntax.EntityUID{Type: syntax.EntityType(ty), ID: id} }
	in := &Input{Policies: ps, Entities: []*syntax.EntityData{
		{UID: uid("Photo", "p"), Attrs: []syntax.Field{{Key: "owner", Value: syntax.Entity(uid("User", "a"))}}},
		{UID: uid("User", "a")},
	}}
	reqs := []*syntax.Request{{Principal: uid("User", "a"), Action: uid("Action", "view"), Resource: uid("Photo", "p"),
		Context: &syntax.RecordExpr{Fields: []syntax.Field{{Key: "n", Value: syntax.Long(1)}}}}}
	server, err := CedarGoRelease(PinnedCedarGo, ExecOptions{Processes: 1})
	if err != nil {
		b.Skipf("skipped: %v", err)
	}
	defer server.Close()
	for _, impl := range []Implementation{CedarGo(), server} {
		b.Run(impl.Name(), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				answers, err := impl.Authorize(in, reqs)
				if err != nil || answers[0].Err != nil || answers[0].Response.Decision != Allow {
					b.Fatalf("%+v, %v", answers, err)
				}
			}
		})
	}
}
