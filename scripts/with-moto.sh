#!/usr/bin/env bash
# Runs a command with a private moto server (the pinned one in .venv) on loopback.
#
#   scripts/with-moto.sh cargo test -p wrapup-testkit
#
# Port: $MOTO_PORT if set, else a free one. Exports WRAPUP_TEST_MOTO_URL (read by
# wrapup_testkit::LocalAws::from_env) and static test credentials, runs the command, stops moto
# on exit and exits with the command's status.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
MOTO="$VENV/bin/moto_server"
PY="$VENV/bin/python"
STARTUP_TIMEOUT="${MOTO_STARTUP_TIMEOUT:-30}"

die() { echo "with-moto.sh: $*" >&2; exit 2; }

[ $# -gt 0 ] || die "usage: scripts/with-moto.sh COMMAND [ARGS...]"
[ -x "$MOTO" ] && [ -x "$PY" ] || die "$MOTO not found: run \`make venv\` first"

if [ -n "${MOTO_PORT:-}" ]; then
  port="$MOTO_PORT"
  [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] \
    || die "MOTO_PORT must be a port number, got '$port'"
  "$PY" - "$port" <<'EOF' || die "127.0.0.1:$port is already in use (unset MOTO_PORT to use a free port)"
import socket, sys
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1])))
EOF
else
  port="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
fi

log="$(mktemp "${TMPDIR:-/tmp}/wrapup-moto.XXXXXX")"
# scripts/moto_server.py is moto_server with DynamoDB made atomic and fast (see its docstring).
"$PY" "$ROOT/scripts/moto_server.py" -H 127.0.0.1 -p "$port" >"$log" 2>&1 </dev/null &
moto_pid=$!

cleanup() {
  if kill -0 "$moto_pid" 2>/dev/null; then
    kill "$moto_pid" 2>/dev/null || true
    wait "$moto_pid" 2>/dev/null || true
  fi
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Wait until moto answers HTTP (or dies).
if ! "$PY" - "$port" "$moto_pid" "$STARTUP_TIMEOUT" <<'EOF'; then
import os, sys, time, urllib.request, urllib.error
port, pid, timeout = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])
deadline = time.monotonic() + timeout
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit("moto exited during startup")
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=2).close()
        sys.exit(0)
    except urllib.error.HTTPError:
        sys.exit(0)  # any HTTP answer means moto is up
    except OSError:
        time.sleep(0.2)
sys.exit(f"moto did not answer within {timeout:.0f}s")
EOF
  echo "with-moto.sh: moto failed to start on 127.0.0.1:$port; its output:" >&2
  tail -n 30 "$log" >&2 || true
  exit 2
fi

export WRAPUP_TEST_MOTO_URL="http://127.0.0.1:$port"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
export AWS_REGION=us-east-1 AWS_DEFAULT_REGION=us-east-1
unset AWS_SESSION_TOKEN AWS_PROFILE
echo "with-moto.sh: moto on $WRAPUP_TEST_MOTO_URL" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
