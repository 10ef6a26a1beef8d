#!/usr/bin/env bash
# Installs what is missing, starts the local world (Azurite, Pebble + challtestsrv, the Kubernetes API emulator,
# the CertFunctions local host), issues a real certificate end to end for a sample Ingress, shows the result,
# and stops everything it started. --keep keeps the world running until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/prereqs.sh

ensure_local_world
log "Building the local host, the emulator and the sandbox (Release)"
dotnet build tools/Sandbox/Sandbox.csproj -c Release -nologo -clp:ErrorsOnly -v:q
exec dotnet tools/Sandbox/bin/Release/net10.0/Sandbox.dll "$@"
