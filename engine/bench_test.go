package engine

import (
	"encoding/json"
	"strconv"
	"testing"

	"github.com/cedar-crosscheck/crosscheck/internal/testdata"

	"github.com/cedar-crosscheck/crosscheck/syntax"
	"github.com/cedar-crosscheck/crosscheck/syntax/parser"

	cedar "github.com/cedar-policy/cedar-go"
)

// Benchmarks run the engine and cedar-go v1.9.1 side by side on the same
// input: go test -run '^$' -bench . -benchmem ./engine

type engineSide struct {
	ps   *PolicySet
	es   *EntityStore
	reqs []Request
}

type cedarGoSide struct {
	ps   *cedar.PolicySet
	es   cedar.EntityMap
	reqs []cedar.Request
}

func loadEngineSide(tb testing.TB, sc benchScenario) engineSide {
	ps, err := ParsePolicies(sc.name+".cedar", []byte(sc.policies))
	if err != nil {
		tb.Fatal(err)
	}
	es, err := ParseEntities(sc.name+".json", []byte(sc.entities), nil)
	if err != nil {
		tb.Fatal(err)
	}
	side := engineSide{ps: ps, es: es}
	for _, r := range sc.requests {
		req, err := ParseRequest("req.json", []byte(r), nil)
		if err != nil {
			tb.Fatal(err)
		}
		side.reqs = append(side.reqs, req)
	}
	return side
}

func loadCedarGoSide(tb testing.TB, sc benchScenario) cedarGoSide {
	ps, err := cedar.NewPolicySetFromBytes(sc.name+".cedar", []byte(sc.policies))
	if err != nil {
		tb.Fatal(err)
	}
	var es cedar.EntityMap
	if err := json.Unmarshal([]byte(sc.entities), &es); err != nil {
		tb.Fatal(err)
	}
	side := cedarGoSide{ps: ps, es: es}
	for _, r := range sc.requests {
		var req cedar.Request
		if err := json.Unmarshal([]byte(r), &req); err != nil {
			tb.Fatal(err)
		}
		side.reqs = append(side.reqs, req)
	}
	return side
}

// TestBenchScenariosAgree checks that both sides decide the benchmark
// requests identically, so that the benchmarks compare equal work.
func TestBenchScenariosAgree(t *testing.T) {
	for _, sc := range benchScenarios() {
		e, c := loadEngineSide(t, sc), loadCedarGoSide(t, sc)
		allows := 0
		for i := range e.reqs {
			got := e.ps.Authorize(e.es, e.reqs[i])
			dec, diag := c.ps.IsAuthorized(c.es, c.reqs[i])
			if (got.Decision == Allow) != bool(dec) || len(got.Diagnostics.Reasons) != len(diag.Reasons) || len(got.Diagnostics.Errors) != len(diag.Errors) {
				t.Errorf("%s request %d: engine %+v, cedar-go %v %+v", sc.name, i, got, dec, diag)
			}
			if got.Decision == Allow {
				allows++
			}
		}
		if allows == 0 || allows == len(e.reqs) {
			t.Errorf("%s: %d of %d requests allowed; the scenario should mix decisions", sc.name, allows, len(e.reqs))
		}
	}
}

func BenchmarkAuthorize(b *testing.B) {
	for _, sc := range benchScenarios() {
		e, c := loadEngineSide(b, sc), loadCedarGoSide(b, sc)
		b.Run(sc.name+"/engine", func(b *testing.B) {
			var resp Response
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				e.ps.AuthorizeTo(e.es, e.reqs[i%len(e.reqs)], &resp)
			}
		})
		b.Run(sc.name+"/cedar-go", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				c.ps.IsAuthorized(c.es, c.reqs[i%len(c.reqs)])
			}
		})
	}
}

// BenchmarkCorpus replays the requests of the dev corpus, parsed once,
// on both sides (ns/op is per request). Only tests that cedar-go can load
// without a schema are used, so both sides do the same work.
func BenchmarkCorpus(b *testing.B) {
	tests, _ := loadCorpus(b)
	files := testdata.CorpusArchive(b)
	type job struct {
		ps   *PolicySet
		es   *EntityStore
		req  Request
		cps  *cedar.PolicySet
		ces  cedar.EntityMap
		creq cedar.Request
	}
	var jobs []job
	skipped := 0
	for _, lt := range tests {
		cps, err := cedar.NewPolicySetFromBytes(lt.test.Policies, files[lt.test.Policies])
		if err != nil {
			skipped++
			continue
		}
		var ces cedar.EntityMap
		if err := json.Unmarshal(files[lt.test.Entities], &ces); err != nil {
			skipped++
			continue
		}
		for i, r := range lt.test.Requests {
			creq := cedar.Request{}
			raw := struct {
				P json.RawMessage `json:"principal"`
				A json.RawMessage `json:"action"`
				R json.RawMessage `json:"resource"`
				C json.RawMessage `json:"context"`
			}{r.Principal, r.Action, r.Resource, r.Context}
			if len(raw.C) == 0 {
				raw.C = []byte("{}")
			}
			if json.Unmarshal(raw.P, &creq.Principal) != nil || json.Unmarshal(raw.A, &creq.Action) != nil ||
				json.Unmarshal(raw.R, &creq.Resource) != nil || json.Unmarshal(raw.C, &creq.Context) != nil {
				skipped++
				continue
			}
			jobs = append(jobs, job{lt.ps, lt.es, lt.reqs[i], cps, ces, creq})
		}
	}
	b.Logf("%d requests in both sides, %d tests or requests cedar-go could not load", len(jobs), skipped)
	b.Run("engine", func(b *testing.B) {
		var resp Response
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			j := &jobs[i%len(jobs)]
			j.ps.AuthorizeTo(j.es, j.req, &resp)
		}
	})
	b.Run("cedar-go", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; b.Loop(); i++ {
			j := &jobs[i%len(jobs)]
			j.cps.IsAuthorized(j.ces, j.creq)
		}
	})
}

// BenchmarkBuild measures the one-time work: compiling and indexing the
// 10,000-policy set, and loading a 100,000-entity hierarchy.
func BenchmarkBuild(b *testing.B) {
	sc := rbacAtScale()
	ast, err := parser.ParsePolicySet("rbac.cedar", []byte(sc.policies))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("PolicySet10k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := NewPolicySet(ast); err != nil {
				b.Fatal(err)
			}
		}
	})
	const n = 100_000
	data := make([]*syntax.EntityData, 0, n)
	for i := 0; i < n; i++ {
		var parents []syntax.EntityUID
		if i > 0 {
			parents = []syntax.EntityUID{uidOf("N", strconv.Itoa((i-1)/10))}
		}
		data = append(data, entityData(uidOf("N", strconv.Itoa(i)), parents, "i", lit(i)))
	}
	b.Run("EntityStore100k", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := NewEntityStore(data, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
