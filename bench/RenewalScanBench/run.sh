#!/usr/bin/env bash
# Renewal scan benchmark (issue 6): builds in Release and runs; results go to bench/results/renewal-scan-<date>.md.
# Extra arguments are passed on, e.g. --counts 1000,10000 --warm-runs 3 --results PATH.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci
dotnet run -c Release --project bench/RenewalScanBench -- "$@"
