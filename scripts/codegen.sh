#!/usr/bin/env bash
# Writes Wolverine's generated adaptor code for every endpoint and message handler into src/Api/Internal/Generated,
# where the API's build compiles it (src/Api/Hosting/DossierStore.cs loads it instead of compiling at runtime).
# Run it after changing an endpoint's or handler's signature, its middleware or policies: a test
# (when_generating_the_adaptor_code) fails until the committed code is what the current code generates.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf src/Api/Internal/Generated   # stale code might not even compile; the build below needs none of it
dotnet build src/Api/Api.csproj -v q -nologo -clp:ErrorsOnly
cd src/Api/bin/Debug/net10.0
# Building the host needs a connection string and the catalogues, not a running database.
# Its output is shown only when it fails: on success it is one line per file written.
out=$(DOSSIERS_DB="${DOSSIERS_DB:-Host=127.0.0.1;Database=codegen}" ASPNETCORE_ENVIRONMENT=Development \
  Workflows__Path="$OLDPWD/workflows" Calendars__Path="$OLDPWD/calendars" \
  CodeGeneration__OutputPath="$OLDPWD/src/Api/Internal/Generated" \
  dotnet Dossiers.Api.dll codegen write 2>&1) || { echo "$out"; exit 1; }
echo "$(grep -c "Wrote generated code file" <<<"$out") files written to src/Api/Internal/Generated"
