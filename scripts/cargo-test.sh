#!/usr/bin/env bash
# Runs every test of the workspace (debug build): cargo-nextest when installed, else cargo test.
# `make test` runs this under scripts/with-moto.sh; extra arguments are passed through.
#
# Two tiers: plain `cargo test` (`make test-fast`) is the fast tier, in memory, with no moto and no
# browser; the tests that need moto or Chromium are `#[ignore = "moto tier: ..."]` /
# `"browser tier: ..."` there, and this script runs them too (the faithful tier).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if cargo nextest --version >/dev/null 2>&1; then
  exec cargo nextest run --workspace --no-fail-fast --run-ignored all "$@"
else
  echo "cargo-test.sh: cargo-nextest not installed, using cargo test" >&2
  exec cargo test --workspace --no-fail-fast "$@" -- --include-ignored
fi
