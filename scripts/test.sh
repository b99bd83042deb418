#!/usr/bin/env bash
# Runs every test: installs the tools the tests use (the real @base44/sdk, typescript and
# deno, pinned in js/package-lock.json; the OpenAPI validator from PyPI), then formatting,
# lints, the test suite, and a check that the example app's committed outputs are fresh.
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== npm tools (js/)"
(cd js && npm ci --no-audit --no-fund --loglevel=error)

echo "== Python tools (OpenAPI validator)"
python3 -m pip install --quiet --disable-pip-version-check openapi-spec-validator==0.9.0

echo "== cargo fmt"
cargo fmt --all -- --check

echo "== cargo clippy"
cargo clippy --workspace --all-targets --all-features -- -D warnings

echo "== cargo test"
cargo test --workspace --all-features

echo "== example app outputs are fresh"
cargo run -q -p codegen -- --check examples/app
