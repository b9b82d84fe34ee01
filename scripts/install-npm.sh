#!/bin/sh
# install-npm.sh - the pinned npm packages of the browser tests
# (tests/e2e/package-lock.json: playwright-core, which drives Debian's
# /usr/bin/chromium).  Idempotent: npm ci runs only when tests/e2e/node_modules
# was not installed from the current lock file.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
dir="$here/tests/e2e"
[ -f "$dir/package-lock.json" ] || exit 0
command -v npm >/dev/null 2>&1 || { echo "presscut: npm not found; browser tests will be skipped" >&2; exit 0; }
stamp="$dir/node_modules/.presscut-lock.sha256"
want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
have=$(cat "$stamp" 2>/dev/null || true)
[ "$want" = "$have" ] && exit 0
echo "presscut: npm ci in tests/e2e" >&2
(cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "$want" >"$stamp"
