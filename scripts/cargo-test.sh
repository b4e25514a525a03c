#!/usr/bin/env bash
# Runs the workspace's tests (debug build): cargo-nextest when installed, else cargo test.
# `make test` runs this under scripts/with-moto.sh; extra arguments are passed through.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if cargo nextest --version >/dev/null 2>&1; then
  exec cargo nextest run --workspace --no-fail-fast "$@"
else
  echo "cargo-test.sh: cargo-nextest not installed, using cargo test" >&2
  exec cargo test --workspace --no-fail-fast "$@"
fi
