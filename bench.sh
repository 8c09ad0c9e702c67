#!/usr/bin/env bash
# Benchmark (issue 9): throughput, latency and projection lag over HTTP against the raw PostgreSQL limit, then a
# million-event store: seeding, projection rebuild, replay and board queries. Results in bench/results/.
#   ./bench.sh            full run (about 12 minutes on 2 cores)
#   ./bench.sh --quick    smoke run (about 2 minutes)
# Its own PostgreSQL cluster (port 54332) and a database dossiers_bench dropped and recreated on every run.
# Exit code 1 when a target of issue 13 is missed (full run) or any phase had an error (both modes).
set -euo pipefail
cd "$(dirname "$0")"
unset DOSSIERS_DB   # never benchmark (and drop) a database given for something else
. scripts/pg.sh
# pg_stat_statements (bench cluster only) lets the cost phase count the statements each command runs.
pg_up bench "${DOSSIERS_BENCH_PG_PORT:-54332}" "$PG_FAST -c shared_preload_libraries=pg_stat_statements"

port=$(printf '%s' "$DOSSIERS_DB" | sed -E 's/.*Port=([0-9]+).*/\1/')
psql_admin() { local db=$1; shift; "$PG_DOSSIERS_BIN/psql" -h "$(dirname "$PG_DOSSIERS_DATA")" -p "$port" -U "$([ "$(id -u)" -eq 0 ] && echo postgres || id -un)" -d "$db" -qAt "$@"; }
psql_admin postgres -c "DROP DATABASE IF EXISTS dossiers_bench WITH (FORCE)" -c "CREATE DATABASE dossiers_bench OWNER dossiers"
# The application role is not a superuser: the administrator installs the extension and lets it read and reset it.
psql_admin dossiers_bench -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements WITH SCHEMA public" \
  -c "GRANT pg_read_all_stats TO dossiers" -c "GRANT EXECUTE ON FUNCTION public.pg_stat_statements_reset(oid, oid, bigint) TO dossiers"
export DOSSIERS_BENCH_DB="${DOSSIERS_DB/Database=dossiers;/Database=dossiers_bench;}"
export DOSSIERS_REPO="$PWD"

echo "[bench] building src/Api and bench in Release" >&2
dotnet build src/Api/Api.csproj -c Release -v q -nologo -clp:ErrorsOnly >/dev/null \
  || { dotnet build src/Api/Api.csproj -c Release -v q -nologo -clp:ErrorsOnly; exit 1; }
dotnet build bench/Bench.csproj -c Release -v q -nologo -clp:ErrorsOnly >/dev/null \
  || { dotnet build bench/Bench.csproj -c Release -v q -nologo -clp:ErrorsOnly; exit 1; }
exec dotnet bench/bin/Release/net10.0/Dossiers.Bench.dll "$@"
