#!/usr/bin/env bash
# Local host benchmark (issue 7): end-to-end overhead vs a bare ACME issuance, polling intervals, burst of 50.
# Results go to bench/results/local-host-<date>.md. Extra arguments are passed on, e.g. --reps 5 --intervals 1000,250,100 --burst 50.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci
# One project per build command (MSBuild takes one project argument); a failed build stops the run.
for project in functions/CertFunctions.Local tools/KubeApiEmulator; do dotnet build -c Release -nologo -v:q "$project" >/dev/null; done
dotnet run -c Release --project bench/LocalHostBench -- "$@"
