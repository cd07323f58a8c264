# Crosscheck: build, test and run targets. See README.md.

GO        ?= go
PKGS      ?= ./...
GOFLAGS_T ?= -race
BIN       ?= bin/crosscheck

.PHONY: all build test vet fmt-check run clean npm

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

# test: vet, formatting, and every test with the race detector. Tests that
# need ../shared/cedar-integration-tests skip with a message when it is absent.
test: npm vet fmt-check
	$(GO) test $(GOFLAGS_T) $(PKGS)

clean:
	rm -rf bin
