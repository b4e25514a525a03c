#!/usr/bin/env bash
# Makes sure headless Chromium is installed for the HTML report screenshot test
# (crates/mining/tests/it/report_render.rs). Installs the Debian package `chromium` with apt-get when it is
# missing and we run as root; otherwise explains what to do and exits 1.
#
#   scripts/ensure-chromium.sh          # exit 0: $CHROMIUM (default /usr/bin/chromium) works
#
# The test looks at $WRAPUP_CHROMIUM (default /usr/bin/chromium); WRAPUP_SKIP_BROWSER_TESTS=1
# skips it instead.
set -euo pipefail

CHROMIUM="${WRAPUP_CHROMIUM:-/usr/bin/chromium}"

works() {
  [ -x "$CHROMIUM" ] && "$CHROMIUM" --headless --no-sandbox --disable-gpu --version >/dev/null 2>&1
}

if works; then
  echo "ensure-chromium.sh: $("$CHROMIUM" --headless --no-sandbox --disable-gpu --version 2>/dev/null) at $CHROMIUM"
  exit 0
fi

if [ "$CHROMIUM" != /usr/bin/chromium ]; then
  echo "ensure-chromium.sh: WRAPUP_CHROMIUM=$CHROMIUM does not run; point it at a Chromium binary or unset it." >&2
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  cat >&2 <<'MSG'
ensure-chromium.sh: /usr/bin/chromium is missing. Install it as root:
    sudo scripts/ensure-chromium.sh        # or: sudo apt-get install -y chromium
or set WRAPUP_CHROMIUM to another Chromium binary, or WRAPUP_SKIP_BROWSER_TESTS=1 to skip the
report screenshot test.
MSG
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium.sh: no apt-get here: install Chromium with this system's package manager and set WRAPUP_CHROMIUM." >&2
  exit 1
fi

echo "ensure-chromium.sh: installing chromium with apt-get" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends chromium >/dev/null

if works; then
  echo "ensure-chromium.sh: installed $("$CHROMIUM" --headless --no-sandbox --disable-gpu --version 2>/dev/null)"
else
  echo "ensure-chromium.sh: chromium was installed but $CHROMIUM does not run" >&2
  exit 1
fi
