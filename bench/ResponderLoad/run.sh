#!/usr/bin/env bash
# Challenge responder under load (issue 7): wrk against the local host (known / random tokens) and nginx.
# Results go to bench/results/responder-<date>.md. Extra arguments are passed on, e.g. --duration 10 --threads 2 --connections 32.
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y wrk nginx
[ -x node_modules/.bin/azurite ] || npm ci
dotnet run -c Release --project bench/ResponderLoad -- "$@"
