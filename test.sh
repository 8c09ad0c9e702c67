#!/usr/bin/env bash
# Runs the whole test suite against a private PostgreSQL cluster of its own.
# The last line is "N passed, N failed"; the exit code is non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
. scripts/pg.sh
pg_up test "${DOSSIERS_TEST_PG_PORT:-54331}" "$PG_FAST" || { echo "0 passed, 1 failed"; exit 1; }
# docker-compose (v1, Debian's package) lints docker-compose.yml without a Docker engine.
if ! command -v docker-compose >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
fi
# Debian's Chromium for the web console's browser tests (Playwright drives it; no browser download).
if ! [ -x /usr/bin/chromium ] && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
fi
log=$(mktemp)
dotnet test Dossiers.slnx -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
passed=$(grep -oE '^\s*Passed:\s+[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -oE '^\s*Failed:\s+[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a build error fails the run too
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$rc"
