package engine

import (
	"testing"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/cedarjson"
)

// BenchmarkPartialAuthorize runs Authorize and PartialAuthorize on the
// same inputs (the scenarios of BenchmarkAuthorize): partial
// authorization with every part known, and with the principal unknown.
func BenchmarkPartialAuthorize(b *testing.B) {
	for _, sc := range benchScenarios() {
		e := loadEngineSide(b, sc)
		var known, unknownPrincipal []*syntax.PartialRequest
		for _, r := range sc.requests {
			req, err := cedarjson.ParseRequest("req.json", []byte(r), nil)
			if err != nil {
				b.Fatal(err)
			}
			p, a, res := req.Principal, req.Action, req.Resource
			known = append(known, &syntax.PartialRequest{Principal: &p, Action: &a, Resource: &res, Context: req.Context})
			unknownPrincipal = append(unknownPrincipal, &syntax.PartialRequest{Action: &a, Resource: &res, Context: req.Context})
		}
		b.Run(sc.name+"/authorize", func(b *testing.B) {
			var resp Response
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				e.ps.AuthorizeTo(e.es, e.reqs[i%len(e.reqs)], &resp)
			}
		})
		for _, side := range []struct {
			name string
			reqs []*syntax.PartialRequest
		}{{"partial-known", known}, {"partial-unknown-principal", unknownPrincipal}} {
			b.Run(sc.name+"/"+side.name, func(b *testing.B) {
				// The first call builds the policy set's partial form.
				if _, err := e.ps.PartialAuthorize(e.es, side.reqs[0]); err != nil {
					b.Fatal(err)
				}
				b.ReportAllocs()
				for i := 0; b.Loop(); i++ {
					if _, err := e.ps.PartialAuthorize(e.es, side.reqs[i%len(side.reqs)]); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
