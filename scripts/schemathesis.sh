#!/usr/bin/env bash
# Runs the pinned schemathesis against docs/openapi.yaml on the local stack (moto, the simulator,
# summary-api and assist-callback behind the local gateway, which routes each HTTP API route of
# template.yaml to its function after the same JWT authorizer), with every check, including the
# ones that send no token or a broken one. `make test` runs it after the Rust tests.
#
# scripts/schemathesis.toml leaves one operation out: POST /assist/events, the webhook, is off in
# the local stack (AssistWebhook=off, the default), so it answers 404 route_not_found to every
# request; assist-callback's tests check its answers against the same schemas.
#
#   scripts/schemathesis.sh [extra schemathesis arguments]
#
# Ports are free ones; the stack's output goes to a temporary log shown on failure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PY="$ROOT/.venv/bin/python"
ST="$ROOT/.venv/bin/schemathesis"
EXAMPLES="${WRAPUP_SCHEMATHESIS_EXAMPLES:-60}"
[ -x "$ST" ] || { echo "schemathesis.sh: $ST not found: run \`make venv\` first" >&2; exit 2; }

cargo build -q -p wrapup-local
bin="${CARGO_TARGET_DIR:-$ROOT/target}/debug/wrapup-local"

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
moto_port="$(free_port)"; sim_port="$(free_port)"; api_port="$(free_port)"

log="$(mktemp "${TMPDIR:-/tmp}/wrapup-schemathesis.XXXXXX")"
RUST_LOG="${RUST_LOG:-error}" "$bin" up --moto-port "$moto_port" --genesys-sim-port "$sim_port" --local-port "$api_port" >"$log" 2>&1 </dev/null &
stack_pid=$!
cleanup() {
  kill "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  grep -q '^ready$' "$log" && break
  kill -0 "$stack_pid" 2>/dev/null || { echo "schemathesis.sh: the local stack exited:" >&2; grep -v '^token ' "$log" >&2; exit 1; }
  sleep 0.2
done
grep -q '^ready$' "$log" || { echo "schemathesis.sh: the local stack did not start:" >&2; grep -v '^token ' "$log" >&2; exit 1; }
token="$(awk '$1 == "token" { print $2; exit }' "$log")"
[ -n "$token" ] || { echo "schemathesis.sh: the stack printed no token" >&2; exit 1; }

status=0
# Every check but one: API Gateway HTTP APIs answer a method no route declares with 404
# {"message":"Not Found"}, not 405, and the local gateway answers as the deployed one does.
"$ST" --config-file scripts/schemathesis.toml run docs/openapi.yaml \
  --url "http://127.0.0.1:$api_port" \
  --header "Authorization: Bearer $token" \
  --checks all \
  --exclude-checks unsupported_method \
  --max-examples "$EXAMPLES" \
  --seed 20261205 \
  --no-color \
  "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "schemathesis.sh: failures above; the stack's log:" >&2
  grep -v '^token ' "$log" | tail -n 20 >&2
fi
exit "$status"
