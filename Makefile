# Crosscheck: build, test and run targets. See README.md.

GO        ?= go
PKGS      ?= ./...
GOFLAGS_T ?= -race
BIN       ?= bin/crosscheck

.PHONY: all build test test-servers testdata-note vet fmt-check actionlint slurm-test docker run nightly fuzz mutants bench-compare clean npm

all: build

build:
	$(GO) build -o $(BIN) ./cmd/crosscheck

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# npm: installs the official engine (@cedar-policy/cedar-wasm, pinned in
# package-lock.json) into node_modules when npm is available. Tests that
# need it skip with a message when it is absent.
npm: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --no-audit --no-fund; \
	else echo "npm not found: the cedar-wasm oracle will be skipped (install Node.js 20+)"; fi

# actionlint: checks .github/workflows with actionlint, pinned here and
# fetched through the Go module proxy on first use (then from the build
# cache). It runs shellcheck on the workflows' scripts when shellcheck is
# installed.
ACTIONLINT ?= $(GO) run github.com/rhysd/actionlint/cmd/actionlint@v1.7.12

actionlint:
	$(ACTIONLINT) -no-color

# test: vet, formatting, the workflows, and every test with the race
# detector. Tests that need ../shared/cedar-integration-tests (or
# $CEDAR_INTEGRATION_TESTS) skip when it is absent; testdata-note says so in
# one line, since go test shows skips only with -v. The Slurm test skips
# too (see slurm-test).
test: npm vet fmt-check actionlint testdata-note test-servers
	$(GO) test $(GOFLAGS_T) $(PKGS)

# test-servers: vets and tests the protocol server of servers/cedargo,
# its own module (outside ./...), with and without its validator tag.
test-servers:
	cd servers/cedargo && $(GO) vet ./... && $(GO) vet -tags cedargo_validate ./... && \
		$(GO) test ./... && $(GO) test -tags cedargo_validate ./...

# slurm-test: starts a one-node Slurm cluster in a temporary directory (as
# root; needs Debian's slurm-wlm and munge), runs deploy/slurm's 4-shard
# array and merge job on it, and checks the merged report against a single
# run. It skips with a message when Slurm is not installed.
slurm-test:
	CROSSCHECK_SLURM_TEST=1 $(GO) test -count=1 -v -run '^TestSlurmArrayMerge$$' ./deploy

# docker: the image the Kubernetes jobs of deploy/kubernetes run.
IMAGE ?= crosscheck:latest

docker:
	docker build -t $(IMAGE) .

testdata-note:
	@$(GO) run ./internal/skipnote

# run: `crosscheck run` with its defaults for RUN_DURATION (default 60s):
# every target, in the weighted cycle of `--target all`, against every
# installed implementation (cedar-wasm when Node.js and the npm package are
# there; the first line says which were found), the official engine
# scheduled on the tests that bring something new (see README, "Defaults").
# It prints the summary and where it wrote summary.json and the report
# (crosscheck-out/<timestamp>/), saves minimized findings there, and fails
# on any finding.
RUN_DURATION ?= 60s

run: build npm
	$(BIN) run --duration $(RUN_DURATION)

# nightly: every target (cycled by test index) against every installed
# implementation (cedar-wasm when Node.js and the npm package are there,
# scheduled as in run) for NIGHTLY_DURATION (default 1h); fails on any
# finding.
NIGHTLY_DURATION ?= 1h

nightly: build npm
	$(BIN) run --target all --impl all --duration $(NIGHTLY_DURATION)

# fuzz: each go test -fuzz target of the differential harness in turn, for
# FUZZTIME each (default 30s).
FUZZTIME     ?= 30s
FUZZ_TARGETS ?= FuzzABAC FuzzRBAC FuzzValidation FuzzValidationOfficial FuzzRoundtrip FuzzExpr FuzzParseOfficial FuzzParseTextOfficial FuzzDataJSONOfficial

fuzz:
	@set -e; for t in $(FUZZ_TARGETS); do \
		echo "== $$t ($(FUZZTIME))"; \
		$(GO) test ./diff -run '^$$' -fuzz "^$$t\$$" -fuzztime $(FUZZTIME); \
	done

# mutants: the measured bug-finding power of the harness. Each planted bug
# of mutants/ is applied to a copy of HEAD, built, and given the default
# run (crosscheck run with no flags but --duration MUTANT_DURATION, and
# MUTANT_RUN_ARGS when set); the table says which were caught, by which
# check and after how many seconds, and ends "N passed, N failed". A run
# stops at its first finding (--stop-after 1), so a mutant takes the time
# to catch it (MUTANT_DURATION when it escapes) plus 10-40s to build and
# minimize, one at a time (MUTANT_JOBS); MUTANTS selects some by name or
# glob. Not part of test.
MUTANT_DURATION ?= 60s
MUTANT_JOBS     ?= 1
MUTANT_RUN_ARGS ?=
MUTANTS         ?=

mutants:
	MUTANT_DURATION=$(MUTANT_DURATION) $(GO) run ./mutants/runmutants --jobs $(MUTANT_JOBS) --run-args "$(MUTANT_RUN_ARGS)" $(MUTANTS)

# bench-compare: the side-by-side throughput measurement of issue 13.
# BenchmarkRunTargets (model against engine on abac, rbac, expr and all,
# one test per op) runs in a git worktree of BENCH_BASE and in this
# checkout, alternating BENCH_ROUNDS times, BENCH_COUNT tests each, with
# -benchmem; benchstat then compares requests/cpu-s, sec/op (a test's
# wall time) and allocs/op. The benchmark file is copied into the base
# when it predates it (it uses only what the runner has long had). Run it
# on a quiet machine: the ratios are the figures to read, and they move
# with the machine's state. Outputs: bench-out/base.txt, bench-out/head.txt.
BENCH_BASE   ?= be8c55e
BENCH_ROUNDS ?= 5
BENCH_COUNT  ?= 10000
BENCH_FILTER ?= .
BENCHSTAT    ?= golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

bench-compare:
	@set -e; out=bench-out; rm -rf $$out/base; mkdir -p $$out; \
	git worktree add --detach -f $$out/base $(BENCH_BASE) >/dev/null; \
	trap 'git worktree remove --force $$out/base' EXIT; \
	cp -n diff/runner_targets_bench_test.go $$out/base/diff/ 2>/dev/null || true; \
	(cd $$out/base && $(GO) test -c -o ../base.test ./diff); \
	$(GO) test -c -o $$out/head.test ./diff; \
	: > $$out/base.txt; : > $$out/head.txt; \
	for i in $$(seq $(BENCH_ROUNDS)); do \
	  for side in base head; do \
	    dir=diff; if [ $$side = base ]; then dir=$$out/base/diff; fi; \
	    (cd $$dir && $$OLDPWD/$$out/$$side.test -test.run '^$$' -test.bench 'BenchmarkRunTargets/$(BENCH_FILTER)' \
	      -test.benchtime $(BENCH_COUNT)x -test.benchmem) >> $$out/$$side.txt; \
	  done; \
	done; \
	$(GO) run $(BENCHSTAT) $$out/base.txt $$out/head.txt

clean:
	rm -rf bin bench-out
