#!/usr/bin/env bash
# Installs what is missing, builds, and runs the whole test suite against the real local world
# (Pebble, pebble-challtestsrv, Azurite, the Kubernetes API emulator, kubectl).
# Ends with the line "N passed, N failed" from the real test results.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh

configuration="${CONFIGURATION:-Release}"
results=".artifacts/test-results"

ensure_local_world
ensure_browser

if [ -x scripts/bicep.sh ]; then
  log "Bicep: compile and lint infra/ (warnings are errors)"
  scripts/bicep.sh
fi

log "dotnet build ($configuration)"
# Locked mode: the packages are the ones in each packages.lock.json, or the build stops (NU1004) and says which
# project's lock file to refresh with 'dotnet restore CertFunctions.sln --force-evaluate'.
dotnet build CertFunctions.sln -c "$configuration" -nologo -clp:ErrorsOnly -p:RestoreLockedMode=true

log "dotnet format --verify-no-changes"
dotnet format CertFunctions.sln --verify-no-changes --no-restore || fail "dotnet format found changes; run 'dotnet format CertFunctions.sln'"

rm -rf "$results"
mkdir -p "$results"
log "dotnet test"
set +e
dotnet test CertFunctions.sln -c "$configuration" --no-build -nologo \
  --logger "trx" --logger "console;verbosity=minimal" \
  --results-directory "$results" --blame-hang-timeout 10m
test_exit=$?
set -e

# Sum the counters of every TRX file the run wrote.
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -e "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

echo
if [ "$skipped" -gt 0 ]; then
  echo "$passed passed, $failed failed, $skipped skipped"
else
  echo "$passed passed, $failed failed"
fi

[ "$files" -gt 0 ] || fail "no test results were written"
[ "$passed" -gt 0 ] || fail "no test ran"
[ "$failed" -eq 0 ] || exit 1
[ "$test_exit" -eq 0 ] || fail "dotnet test exited with $test_exit"
