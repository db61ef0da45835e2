# Verbatim: `make run` starts the app on the demo project, `make test` runs every check.
# Both first install whatever is missing (Debian 12, as root: see .ci/install-deps.sh).

GO ?= go
BIN := bin/verbatim
ARGS ?=
# The version verbatim --version and Help > About show: the checkout's commit (or tag).
ifeq ($(origin VERSION),undefined)
# Worked out once per make run, so that dist and test-dist agree on it.
VERSION := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
endif

# staticcheck is installed into GOBIN (or GOPATH/bin), which need not be on the caller's PATH.
GOBIN_DIR := $(or $(shell $(GO) env GOBIN 2>/dev/null),$(firstword $(subst :, ,$(shell $(GO) env GOPATH 2>/dev/null)))/bin)
export PATH := $(GOBIN_DIR):$(PATH)

# Steps run one after another, in the order written, even under make -j.
.NOTPARALLEL:

.PHONY: all deps build run test fmt fmtcheck vet lint race memory fuzz smoke drive screenshots bench clean dist dist-linux dist-windows test-dist startup

all: build

deps:
	@.ci/install-deps.sh

build:
	@echo '==> go build -o $(BIN) ./cmd/verbatim ($(VERSION))'
	@$(GO) build -ldflags '-X main.Version=$(VERSION)' -o $(BIN) ./cmd/verbatim

run: deps build
	@[ -n "$${DISPLAY:-}$${WAYLAND_DISPLAY:-}" ] || echo 'run: no DISPLAY or WAYLAND_DISPLAY: the window needs a desktop session (headless: make smoke)' >&2
	./$(BIN) $(ARGS)

test: deps fmtcheck vet lint race memory fuzz smoke drive
	@echo '==> all checks passed'

fmt:
	gofmt -w .

fmtcheck:
	@echo '==> gofmt'
	@files=$$(gofmt -l .); if [ -n "$$files" ]; then \
		echo "gofmt: these files are not formatted (run make fmt):"; echo "$$files" | sed 's/^/  /'; exit 1; fi

vet:
	@echo '==> go vet ./...'
	@$(GO) vet ./...

lint:
	@echo '==> staticcheck ./...'
	@staticcheck ./...

race:
	@echo '==> go test -race ./...'
	@$(GO) test -race -timeout 40m ./...

# Peak memory of a 45 MB transcript's import, index build, auto-coding and catch-up, each in a
# child process under 400 MB (cmd/verbatim/memory_test.go); a few minutes, mostly the index build.
memory:
	@echo '==> memory: a 45 MB transcript and a REFI-QDA project of 1,000 transcripts, each step under 400 MB'
	@VERBATIM_MEMORY_TESTS=1 $(GO) test -run 'TestMemoryLongTranscript|TestMemoryLargeExchange' -timeout 30m -v ./cmd/verbatim

fuzz:
	@echo '==> every fuzz target for $(or $(FUZZTIME),3s)'
	@.ci/fuzz.sh

smoke:
	@echo '==> smoke test (the real binary under Xvfb)'
	@.ci/smoke.sh

drive: build
	@echo '==> the real binary driven with xdotool: drag, key 1, Ctrl+Z'
	@VERBATIM_BIN=$(BIN) .ci/drive.sh

# The README's screenshots (assets/screenshots), taken from the real binary under Xvfb, in Dutch.
screenshots: build
	@echo '==> the README screenshots, in Dutch, from the real binary'
	@VERBATIM_BIN=$(BIN) .ci/screenshots.sh

bench:
	@echo '==> go test -bench . (reports, does not judge)'
	@$(GO) test -run '^$$' -bench . -benchmem ./...

# The release packages (see .ci/dist.sh): dist builds all of them into dist/, with SHA256SUMS and
# the SBOM; dist-linux and dist-windows one platform's. test-dist builds and checks them all (it
# installs and removes the .deb, and runs the Windows zip and installer under wine).
dist: deps
	@echo '==> packages into dist/ ($(VERSION))'
	@VERSION=$(VERSION) .ci/dist.sh

dist-linux: deps
	@VERSION=$(VERSION) .ci/dist.sh linux

dist-windows: deps
	@VERSION=$(VERSION) .ci/dist.sh windows

# Start-up to the first window on the demo project, median of several starts under Xvfb, of the
# installed .deb's /usr/bin/verbatim (or VERBATIM_BIN). Reports, does not judge. STARTUP_COLD=1
# drops the page cache before each start (as root); see .ci/startup.sh.
startup:
	@VERBATIM_BIN=$${VERBATIM_BIN:-/usr/bin/verbatim} .ci/startup.sh

test-dist: dist
	@echo '==> the packages: install, run, validate, remove (and the Windows ones under wine)'
	@VERSION=$(VERSION) .ci/test-dist.sh

clean:
	rm -rf bin
