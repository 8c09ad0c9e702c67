#!/usr/bin/env bash
# Serves the product: a private PostgreSQL cluster (reused between runs) and the API on http://127.0.0.1:5080.
# DOSSIERS_DB (a Npgsql connection string) skips the private cluster; ASPNETCORE_URLS overrides the address.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/pg.sh
pg_up run "${DOSSIERS_PG_PORT:-54330}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
echo "[run] API on $ASPNETCORE_URLS  (docs: $ASPNETCORE_URLS/docs, health: $ASPNETCORE_URLS/health)" >&2
export Workflows__Path="${Workflows__Path:-$PWD/workflows}" Calendars__Path="${Calendars__Path:-$PWD/calendars}"
dotnet build src/Api/Api.csproj -c Release -v q -nologo >/dev/null \
  || dotnet build src/Api/Api.csproj -c Release -v q -nologo -clp:ErrorsOnly || exit 1
cd src/Api/bin/Release/net10.0   # the content root: appsettings*.json sit beside the binaries
exec dotnet Dossiers.Api.dll "$@"
