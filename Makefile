# cco — every target gets its own tools: only node and npm are assumed.
# Bun comes from the npm registry (pinned in package.json) unless one is on PATH.

SHELL := /bin/bash
BUN_VERSION := $(shell node -p "require('./package.json').devDependencies.bun")
BUN_BOOT    := .cache/bun-$(BUN_VERSION)/node_modules/.bin/bun
SYSTEM_BUN  := $(shell command -v bun 2>/dev/null)
BUN         ?= $(if $(SYSTEM_BUN),$(SYSTEM_BUN),$(BUN_BOOT))
DEPS_STAMP  := node_modules/.deps-stamp
JUNIT       ?= .cache/test-results/junit.xml
ARGS        ?=
RELEASE_DIR ?= dist/release

.PHONY: all install typecheck format format-check test build dist test-dist run bench clean

all: build

$(BUN_BOOT):
	npm install --prefix .cache/bun-$(BUN_VERSION) --no-save --no-audit --no-fund --loglevel=error bun@$(BUN_VERSION)

# Install project dependencies exactly as bun.lock pins them.
$(DEPS_STAMP): package.json bun.lock | $(if $(SYSTEM_BUN),,$(BUN_BOOT))
	$(BUN) install --frozen-lockfile
	@touch $@

install: $(DEPS_STAMP)

typecheck: $(DEPS_STAMP)
	node_modules/.bin/tsc -p tsconfig.json
	node_modules/.bin/tsc -p src/web

# The formatter (Biome, width 120): `make format` rewrites, `make test` checks.
format: $(DEPS_STAMP)
	node_modules/.bin/biome format --write

format-check: $(DEPS_STAMP)
	node_modules/.bin/biome format

# Typecheck and format check, then every test; a JUnit report lands in $(JUNIT) for CI's summary.
test: typecheck format-check
	@mkdir -p $(dir $(JUNIT))
	TZ=UTC NO_COLOR=1 $(BUN) test --reporter=junit --reporter-outfile=$(JUNIT) $(TEST_ARGS)

# One build definition (scripts/build.ts) for make, the smoke tests and release builds.
dist/cco: $(DEPS_STAMP) $(shell find src -type f) scripts/build.ts package.json
	@mkdir -p dist
	$(BUN) scripts/build.ts --outfile dist/cco

build: dist/cco

# The release: a binary for each of linux-x64, linux-arm64, darwin-arm64, darwin-x64 and windows-x64 from the same
# build definition, each archived with the README and LICENSE, and SHA256SUMS, in $(RELEASE_DIR).
dist: $(DEPS_STAMP)
	$(BUN) scripts/dist.ts --out $(RELEASE_DIR)

# Builds the release, then checks every archive; the arm64 binary runs under qemu-user when it is installed.
test-dist: dist
	@mkdir -p $(dir $(JUNIT))
	CCO_DIST_DIR=$(RELEASE_DIR) TZ=UTC NO_COLOR=1 $(BUN) test --reporter=junit --reporter-outfile=$(basename $(JUNIT))-dist.xml tests/dist

# Serves your Claude Code data; with none on this machine, a generated demo root.
run: dist/cco
	dist/cco serve --demo-if-empty $(ARGS)

bench: dist/cco
	$(BUN) run bench/index.ts $(ARGS)

clean:
	rm -rf dist .cache/test-results
