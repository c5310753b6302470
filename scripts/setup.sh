#!/usr/bin/env bash
# Installs what this project needs and is missing; skips what is there at the right version.
# A fresh machine pays about 35 minutes once (cargo-leptos is compiled from source);
# later runs take a second. `--browser` also installs Chromium for the Playwright tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"

CARGO_LEPTOS_VERSION=0.3.10   # 0.3.11 needs rustc 1.96
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if ! command -v cargo >/dev/null; then
  echo "Rust is missing: install it with rustup (https://rustup.rs) and run this again." >&2
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 30 minutes, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked
fi

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 5 minutes, once)"
  # Without --locked: its lock names a crate version the registry no longer has.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# Formats the view! macros; `make test` checks them.
LEPTOSFMT_VERSION=0.1.33
if [ "${1:-}" = "--browser" ] && ! leptosfmt --version 2>/dev/null | grep -q "$LEPTOSFMT_VERSION"; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (about 3 minutes, once)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

if ! command -v npm >/dev/null; then
  say "installing Node.js and npm"
  apt-get update -qq && apt-get install -y -qq nodejs npm
fi
if [ ! -x node_modules/.bin/tailwindcss ] || [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/@playwright/test ] \
   || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm tools (Tailwind, wasm-opt, Playwright)"
  npm ci --no-audit --no-fund
fi

# The tests deliver mail to a real SMTP server on loopback: aiosmtpd, from PyPI.
if [ "${1:-}" = "--browser" ] && ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  say "installing aiosmtpd (the SMTP server the tests deliver mail to)"
  python3 -m pip install --quiet --disable-pip-version-check aiosmtpd
fi

if [ "${1:-}" = "--browser" ] && ! command -v chromium >/dev/null; then
  say "installing Chromium for the browser tests"
  apt-get update -qq && apt-get install -y -qq chromium
fi
