# Leitstand — the two commands that matter:
#   make run    build everything and serve the product with demo data
#   make test   every test: generated code, lint, Go on SQLite and Postgres,
#               frontend unit tests and browser end-to-end tests
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

BUF        := go tool -modfile=tools/buf/go.mod buf
LISTEN     ?= 127.0.0.1:8080
DATA_DIR   ?= data
SUDO       := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# ---- dependencies -----------------------------------------------------------

gen/ts/node_modules/.package-lock.json: gen/ts/package.json gen/ts/package-lock.json
	cd gen/ts && npm ci --no-audit --no-fund
	@touch $@

frontend/node_modules/.package-lock.json: frontend/package.json frontend/package-lock.json gen/ts/node_modules/.package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

.PHONY: deps-node
deps-node: gen/ts/node_modules/.package-lock.json frontend/node_modules/.package-lock.json

.PHONY: deps-postgres
deps-postgres: ## install PostgreSQL server binaries if missing (tests start their own cluster)
	@if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing PostgreSQL"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq postgresql >/dev/null; fi

.PHONY: deps-chromium
deps-chromium: ## install Debian's chromium for browser tests if missing
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing chromium"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium >/dev/null; fi

.PHONY: deps-poppler
deps-poppler: ## install poppler-utils if missing (invoice PDF tests read their output with pdftotext)
	@if [ ! -x /usr/bin/pdftotext ]; then \
		echo "installing poppler-utils"; $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq poppler-utils >/dev/null; fi

# The version server/internal/billing/stripepay/stripemock runs; keep the two equal.
STRIPE_MOCK_VERSION := v0.203.0

.PHONY: deps-stripe-mock
deps-stripe-mock: ## install stripe-mock into bin/ if missing (the Stripe adapter's tests run its client against it)
	@if ! go version -m bin/stripe-mock 2>/dev/null | grep -Eq '^\s+mod\s+github.com/stripe/stripe-mock\s+$(STRIPE_MOCK_VERSION)\s'; then \
		echo "installing stripe-mock $(STRIPE_MOCK_VERSION)"; GOBIN=$(CURDIR)/bin go install github.com/stripe/stripe-mock@$(STRIPE_MOCK_VERSION); fi

# ---- code generation -------------------------------------------------------

# NAME names the migration files a schema change gets (make gen NAME=add_invoice_notes);
# without it they are called "change".
NAME ?=
MIGRATIONS_GEN = go run ./server/cmd/migrations-gen -name "$(NAME)"

.PHONY: gen
gen: gen/ts/node_modules/.package-lock.json deps-postgres ## regenerate proto (Go, TypeScript), ent code and migration files (NAME=what_changed)
	go run ./tools/protodeps -out gen/protodeps
	$(BUF) generate
	go generate ./server/ent
	$(MIGRATIONS_GEN)

.PHONY: migrations
migrations: deps-postgres ## only ent code and migration files, after a change to server/ent/schema (NAME=what_changed)
	go generate ./server/ent
	$(MIGRATIONS_GEN)

.PHONY: check-gen
check-gen: gen ## fail when generated code or migration files are not current
	@if [ -n "$$(git status --porcelain -- gen server/ent server/migrations)" ]; then \
		echo "generated code is stale: run 'make gen' and commit the result"; git status --porcelain -- gen server/ent server/migrations; exit 1; fi

# ---- lint --------------------------------------------------------------------

.PHONY: lint
lint: gen deps-node ## buf lint, go vet, gofmt, eslint, tsc
	$(BUF) lint
	go vet ./...
	@test -z "$$(gofmt -l server tools bench 2>/dev/null)" || { echo "gofmt needed:"; gofmt -l server tools bench; exit 1; }
	cd frontend && npm run lint && npm run typecheck

# ---- build and run -----------------------------------------------------------

.PHONY: spa
spa: deps-node ## build the admin SPA into frontend/dist
	cd frontend && npm run build

.PHONY: build
build: spa ## build bin/leitstand with the SPA embedded
	go build -tags spa -o bin/leitstand ./server/cmd/leitstand

.PHONY: run
run: build ## build and serve with demo data on an embedded database
	bin/leitstand serve --demo --listen $(LISTEN) --data-dir $(DATA_DIR)

# ---- tests -------------------------------------------------------------------

.PHONY: test
test: check-gen lint test-go test-frontend test-e2e ## every test

.PHONY: test-go
test-go: deps-postgres deps-poppler deps-stripe-mock ## Go tests on SQLite and on a throwaway Postgres; PDFs read back with poppler; Stripe against stripe-mock
	CI=$${CI:-true} go test -count=1 -timeout 15m ./...

.PHONY: test-frontend
test-frontend: deps-node ## frontend unit and component tests
	cd frontend && npm test

.PHONY: test-e2e
test-e2e: deps-chromium deps-stripe-mock build ## bundle budget and browser end-to-end tests against the real binary (Stripe answered by stripe-mock)
	cd frontend && npm run size
	cd frontend && LEITSTAND_BIN=$(CURDIR)/bin/leitstand npm run e2e

.PHONY: bench
bench: deps-postgres deps-chromium build ## load test the API against a ceiling; the sync at scale; time the organizations page in the browser
	bash bench/run.sh
	bash bench/sync.sh
	bash bench/billing.sh
	cd frontend && LEITSTAND_BIN=$(CURDIR)/bin/leitstand npm run perf

.PHONY: clean
clean: ## remove build output
	rm -rf bin frontend/dist gen/protodeps
