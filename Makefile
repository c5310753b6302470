# The two commands: `make run` and `make test`. Both install whatever is missing first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
# The flags cargo-leptos uses for debug builds: with them, tests and the e2e build share one
# set of compiled dependencies in target/ instead of compiling everything twice.
DEV_ENV := RUSTFLAGS="--cfg erase_components" LEPTOS_OUTPUT_NAME=cities4cities
RELEASE_ENV := RUSTFLAGS="--cfg erase_components"
# One target directory for every build; CI points it at a cache that outlives the checkout.
export CARGO_TARGET_DIR ?= $(CURDIR)/target

.PHONY: run test setup fmt lint unit e2e lighthouse audit audit-fast seed release bench

## Install what is missing, build a release, serve on http://127.0.0.1:3000.
run: setup release
	$(CARGO_TARGET_DIR)/release/cities4cities serve

## Install what is missing (Chromium too), then run every check and test.
test:
	scripts/setup.sh --browser
	leptosfmt --check --quiet src
	cargo fmt --check
	$(MAKE) lint
	$(MAKE) unit
	$(MAKE) e2e
	$(MAKE) lighthouse
	$(MAKE) audit-fast

setup:
	scripts/setup.sh

## Formats the view! macros (leptosfmt) and the rest (rustfmt), as `make test` checks them.
fmt:
	leptosfmt --quiet src
	cargo fmt

## Release builds erase component types too: the WebAssembly bundle is a third smaller.
release:
	$(RELEASE_ENV) cargo leptos build --release --precompress --split

lint:
	$(DEV_ENV) cargo clippy --features ssr --all-targets -- -D warnings
	$(DEV_ENV) cargo clippy --lib --features hydrate --target wasm32-unknown-unknown --target-dir $(CARGO_TARGET_DIR)/front -- -D warnings

## Unit and integration tests: SQLite always, PostgreSQL when 127.0.0.1:5432 answers.
unit:
	$(DEV_ENV) cargo test --features ssr

## Playwright, twice: hydrated and with JavaScript disabled, against a fresh SQLite database.
e2e:
	cargo leptos build --split
	cd end2end && C4C_BIN=$(CARGO_TARGET_DIR)/debug/cities4cities E2E_DB_DIR=$$(mktemp -d) npx playwright test

## Lighthouse (mobile) on every public page of the debug build `make e2e` made:
## accessibility, best practices and SEO must each be 100.
lighthouse:
	scripts/lighthouse.py --bin $(CARGO_TARGET_DIR)/debug/cities4cities

## Attacks the release build on a fresh database and prints what it tried and found (non-zero
## exit on any finding): see the README's security part.
audit: setup release
	command -v schemathesis >/dev/null || pip install --break-system-packages -q schemathesis
	scripts/audit.py --bin $(CARGO_TARGET_DIR)/release/cities4cities

## The fast part of the audit (headers, redirects, the bad-input corpus, guessing, tokens,
## uploads, dependencies) against the debug build `make e2e` made; part of `make test`.
audit-fast:
	scripts/audit.py --fast --bin $(CARGO_TARGET_DIR)/debug/cities4cities

## Rebuild data/seed from the official source files in ../shared/data.
seed:
	$(DEV_ENV) cargo run --features ssr -- seed-gen --source ../shared/data --out data/seed

## Benchmarks: search p50/p95, page throughput and p99 beside nginx, first-load bytes.
bench:
	scripts/setup.sh --browser
	scripts/bench.sh
