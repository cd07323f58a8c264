# Crosscheck: build, test and run targets. See README.md.

GO        ?= go
PKGS      ?= ./...
GOFLAGS_T ?= -race
BIN       ?= bin/crosscheck

.PHONY: all build test vet fmt-check run clean

all: build

build:
	$(GO) build -o $(BIN) ./cmd/crosscheck

vet:
	$(GO) vet $(PKGS)

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi

# test: vet, formatting, and every test with the race detector. Tests that
# need ../shared/cedar-integration-tests skip with a message when it is absent.
test: vet fmt-check
	$(GO) test $(GOFLAGS_T) $(PKGS)

clean:
	rm -rf bin
