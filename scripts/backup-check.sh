#!/usr/bin/env bash
# Backup and restore, checked end to end:
#   1. pg_dump (custom format) of the database DOSSIERS_DB names;
#   2. pg_restore of that dump into a fresh database (dossiers_restore_check), as the application's role;
#   3. on the copy, the product's `verify` (every hash chain intact, exit 1 otherwise) and a rebuild comparison: every
#      read model as restored, then `rebuild` from the restored events, then the read models again, which must be equal.
# The copy is dropped afterwards; the dump is kept (first argument, default /tmp/dossiers-<time>.dump).
# With no DOSSIERS_DB, the private cluster of ./run.sh is used. Creating the copy needs an administrator: this uses
# the private cluster's superuser (PG_DOSSIERS_BIN/PG_DOSSIERS_DATA from scripts/pg.sh). DOSSIERS_API_DLL may name a
# built Dossiers.Api.dll; otherwise src/Api is built in Release.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/pg.sh
[ -n "${DOSSIERS_DB:-}" ] || pg_up run "${DOSSIERS_PG_PORT:-54330}"
: "${PG_DOSSIERS_BIN:?needs the private cluster (scripts/pg.sh) for an administrator}"
dump=${1:-/tmp/dossiers-$(date -u +%Y%m%dT%H%M%SZ).dump}
copy=dossiers_restore_check

field() { printf '%s' "$DOSSIERS_DB" | tr ';' '\n' | sed -n -E "s/^($1)=//Ip" | head -1; }
host=$(field Host); port=$(field Port); db=$(field Database); user=$(field 'User(name| Id)?'); export PGPASSWORD=$(field Password)
schema=${Marten__Schema:-dossiers}
admin_user=$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)
admin() { pg_as_owner "$PG_DOSSIERS_BIN/psql" -h "$(dirname "$PG_DOSSIERS_DATA")" -p "$port" -U "$admin_user" -d postgres -qAt -v ON_ERROR_STOP=1 "$@"; }
say() { echo "[backup-check] $*" >&2; }

api() {
  if [ -z "${DOSSIERS_API_DLL:-}" ]; then
    dotnet build src/Api/Api.csproj -c Release -v q -nologo -clp:ErrorsOnly >/dev/null
    DOSSIERS_API_DLL=$PWD/src/Api/bin/Release/net10.0/Dossiers.Api.dll
  fi
  (cd "$(dirname "$DOSSIERS_API_DLL")" && DOSSIERS_DB="${DOSSIERS_DB/Database=$db/Database=$copy}" ASPNETCORE_ENVIRONMENT=Development \
    Workflows__Path="$OLDPWD/workflows" Calendars__Path="$OLDPWD/calendars" Logging__LogLevel__Default=Warning \
    dotnet "$DOSSIERS_API_DLL" "$@")
}

# Every read model, one line per document: table/id and a digest of its JSON (not its modification time).
read_models() {
  "$PG_DOSSIERS_BIN/psql" -h "$host" -p "$port" -U "$user" -d "$copy" -qAt -v ON_ERROR_STOP=1 -c "
    select string_agg(format('select %L || ''/'' || id::text || '' '' || md5(data::text) from %I.%I', table_name, table_schema, table_name), ' union all ')
    from information_schema.tables where table_schema = '$schema' and table_name like 'mt_doc_%'" \
  | "$PG_DOSSIERS_BIN/psql" -h "$host" -p "$port" -U "$user" -d "$copy" -qAt -v ON_ERROR_STOP=1 | sort
}

say "dumping $db to $dump"
"$PG_DOSSIERS_BIN/pg_dump" -h "$host" -p "$port" -U "$user" -d "$db" -Fc -f "$dump"
say "restoring into a fresh database $copy"
admin -c "DROP DATABASE IF EXISTS $copy WITH (FORCE)" -c "CREATE DATABASE $copy OWNER dossiers"
trap 'admin -c "DROP DATABASE IF EXISTS $copy WITH (FORCE)" || true' EXIT
"$PG_DOSSIERS_BIN/pg_restore" -h "$host" -p "$port" -U "$user" -d "$copy" --no-owner --exit-on-error "$dump"

say "verify on the copy"
api verify
before=$(mktemp); after=$(mktemp)
read_models > "$before"
say "rebuild on the copy ($(wc -l < "$before") read models restored)"
api rebuild >/dev/null
read_models > "$after"
if ! diff -q "$before" "$after" >/dev/null; then
  say "read models differ from a rebuild of the restored events:"; diff "$before" "$after" | head -20 >&2; exit 1
fi
say "restored copy verified: every hash chain intact, $(wc -l < "$after") documents equal to a rebuild of the restored events"
rm -f "$before" "$after"
