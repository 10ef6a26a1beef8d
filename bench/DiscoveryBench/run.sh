#!/usr/bin/env bash
# Discovery and admission webhook benchmark (issue 18): builds in Release and runs; results go to
# bench/results/discovery-<date>.md. Extra arguments are passed on: --count 10000 --applies 10 --burst 1000 --results PATH;
# --no-webhook [--no-webhook-applies 20 --discovery-period 20 --seed 18] measures discovery alone (no webhook installed).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci
dotnet run -c Release --project bench/DiscoveryBench -- "$@"
