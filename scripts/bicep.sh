#!/usr/bin/env bash
# Compiles and lints every Bicep file under infra/ with warnings treated as errors, and checks
# that each file is formatted as `bicep format` would write it.
#
#   scripts/bicep.sh                     install bicep into .tools/ if missing, then check infra/
#   scripts/bicep.sh --install           only install (prints the binary's path)
#   scripts/bicep.sh --update-snapshots  rewrite infra/*.snapshot.json, then check
#
# The bicep binary comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored with
# the .NET SDK from the NuGet source(s) configured on this machine (no direct download).
# Fails (non-zero) when any file does not compile or when bicep prints any diagnostic at all:
# a warning or an info line counts as a failure.
#
# Each X.bicepparam with a sibling X.snapshot.json is also evaluated by `bicep snapshot` (the
# deployment engine's expression evaluation, offline, against fixed fake subscription/resource
# group ids) and compared with that file: the snapshot shows the resources and app settings the
# sample parameters produce, and a change to them must be committed with --update-snapshots.
#
# Each infra/tests/*.bicepparam is a case of main.bicep's own checks (e.g. additionalAppSettings
# may not override the identity, storage or Key Vault settings): its header says
# "// expect-success" or "// expect-failure", and each "// expect-text: <text>" line must appear in
# the evaluated snapshot (success) or in bicep's error (failure).
# A new bicep version may change the snapshot format: update the snapshots with it. Validation
# compares content, not layout (an update may reorder the outputs in the file).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BICEP_PACKAGE="Azure.Bicep.CommandLine.linux-x64"
BICEP_VERSION="${BICEP_VERSION:-0.49.2}"
TOOLS="$ROOT/.tools"
PACKAGES="$TOOLS/nuget-packages"
BICEP="$PACKAGES/$(echo "$BICEP_PACKAGE" | tr '[:upper:]' '[:lower:]')/$BICEP_VERSION/tools/bicep"

log() { printf 'bicep.sh: %s\n' "$*" >&2; }

install_bicep() {
  if [[ -x "$BICEP" ]]; then
    return 0
  fi
  command -v dotnet >/dev/null || { log "the .NET SDK (dotnet) is required to fetch $BICEP_PACKAGE"; exit 1; }
  log "installing $BICEP_PACKAGE $BICEP_VERSION into .tools/"
  export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
  mkdir -p "$PACKAGES"
  local work
  work="$(mktemp -d "$TOOLS/bicep-restore.XXXXXX")"
  # A throwaway project whose only job is a PackageDownload. It lives inside the repository so a
  # repository nuget.config (if one is added) applies, but it must not pick up the repository's
  # Directory.Build.props / Directory.Packages.props (central versions, warnings as errors).
  cat >"$work/BicepRestore.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
  <ItemGroup>
    <PackageDownload Include="$BICEP_PACKAGE" Version="[$BICEP_VERSION]" />
  </ItemGroup>
</Project>
EOF
  if ! dotnet restore "$work/BicepRestore.csproj" \
      --packages "$PACKAGES" \
      -p:ImportDirectoryBuildProps=false \
      -p:ImportDirectoryBuildTargets=false \
      -p:ImportDirectoryPackagesProps=false \
      --verbosity quiet -nologo >"$work/restore.log" 2>&1; then
    cat "$work/restore.log" >&2
    log "restore of $BICEP_PACKAGE $BICEP_VERSION failed"
    exit 1
  fi
  rm -rf "$work"
  if [[ ! -f "$BICEP" ]]; then
    log "the package did not contain tools/bicep at $BICEP"
    exit 1
  fi
  chmod +x "$BICEP"
  "$BICEP" --version >&2
}

update_snapshots=false
case "${1:-}" in
  --install) install_bicep; echo "$BICEP"; exit 0 ;;
  --update-snapshots) update_snapshots=true ;;
  "") ;;
  *) log "unknown option $1 (see the header of $0)"; exit 2 ;;
esac
install_bicep

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failures=0
cd "$ROOT"

# Runs one bicep command; fails when it exits non-zero or prints anything on stderr (bicep writes
# every diagnostic -- error, warning, info -- to stderr). Each command takes every file at once
# (--pattern): the binary's start-up dominates on a busy machine.
run() {
  local label="$1"; shift
  local err="$out/stderr"
  if "$BICEP" "$@" 2>"$err" >"$out/stdout"; then
    if [[ -s "$err" ]]; then
      log "FAIL $label (diagnostics printed; warnings are errors here)"
      sed 's/^/    /' "$err" >&2
      failures=$((failures + 1))
    else
      printf 'ok   %s\n' "$label"
    fi
  else
    log "FAIL $label (exit code $?)"
    sed 's/^/    /' "$err" "$out/stdout" >&2
    failures=$((failures + 1))
  fi
}

mapfile -t bicep_files < <(find infra -name '*.bicep' -not -path '*/.*' | sort)
mapfile -t param_files < <(find infra -name '*.bicepparam' -not -path '*/.*' | sort)
if [[ ${#bicep_files[@]} -eq 0 ]]; then
  log "no .bicep files under infra/"
  exit 1
fi

run "build ${#bicep_files[@]} .bicep file(s)" build --pattern 'infra/**/*.bicep' --outdir "$out/build"
run "lint  ${#bicep_files[@]} .bicep file(s)" lint --pattern 'infra/**/*.bicep' --diagnostics-format default
if [[ ${#param_files[@]} -gt 0 ]]; then
  run "build-params ${#param_files[@]} .bicepparam file(s)" build-params --pattern 'infra/**/*.bicepparam' --outdir "$out/params"
fi

# Fails when bicep format would change a file (fix: the printed bicep format command).
mkdir -p "$out/format"
cp -r infra "$out/format/"
if (cd "$out/format" && "$BICEP" format --pattern 'infra/**/*.bicep' && "$BICEP" format --pattern 'infra/**/*.bicepparam') \
    >"$out/stdout" 2>"$out/stderr" && [[ ! -s "$out/stderr" ]] && diff -rq infra "$out/format/infra" >/dev/null; then
  printf 'ok   format\n'
else
  log "FAIL format: bicep format changes these files (run: $BICEP format --pattern 'infra/**/*.bicep*')"
  cat "$out/stderr" >&2
  diff -ru infra "$out/format/infra" | head -60 | sed 's/^/    /' >&2 || true
  failures=$((failures + 1))
fi

# Fixed scope for snapshots; environment variables read by .bicepparam files are cleared.
snapshot_scope=(
  --tenant-id 00000000-0000-0000-0000-0000000000aa
  --subscription-id 00000000-0000-0000-0000-0000000000bb
  --resource-group rg-certfunctions
  --location westeurope
  --deployment-name certfunctions
)
for f in "${param_files[@]}"; do
  [[ "$f" == infra/tests/* ]] && continue
  snapshot="${f%.bicepparam}.snapshot.json"
  if $update_snapshots; then
    env -u CERTFUNCTIONS_VAULT_WRITER "$BICEP" snapshot "$f" --mode overwrite "${snapshot_scope[@]}" \
      >"$out/stdout" 2>"$out/stderr" || true
    log "wrote $snapshot"
  fi
  [[ -f "$snapshot" ]] || continue
  if env -u CERTFUNCTIONS_VAULT_WRITER NO_COLOR=1 "$BICEP" snapshot "$f" --mode validate "${snapshot_scope[@]}" \
      >"$out/stdout" 2>"$out/stderr" && [[ ! -s "$out/stderr" ]]; then
    printf 'ok   snapshot %s\n' "$snapshot"
  else
    log "FAIL snapshot $snapshot: $f no longer produces it, or could not be evaluated (if the change is intended: scripts/bicep.sh --update-snapshots)"
    sed 's/\x1b\[[0-9;]*m//g; s/^/    /' "$out/stdout" "$out/stderr" | head -60 >&2
    failures=$((failures + 1))
  fi
done

# Cases under infra/tests/, evaluated in a copy of infra/ so no snapshot file is left behind.
mkdir -p "$out/cases"
cp -r infra "$out/cases/"
for f in "${param_files[@]}"; do
  [[ "$f" == infra/tests/* ]] || continue
  expect="$(sed -n 's#^// expect-\(success\|failure\)$#\1#p' "$f" | head -1)"
  if [[ -z "$expect" ]]; then
    log "FAIL case $f: no '// expect-success' or '// expect-failure' line"
    failures=$((failures + 1))
    continue
  fi
  copy="$out/cases/$f"
  if env -u CERTFUNCTIONS_VAULT_WRITER NO_COLOR=1 "$BICEP" snapshot "$copy" --mode overwrite "${snapshot_scope[@]}" \
      >"$out/stdout" 2>"$out/stderr"; then outcome=success; else outcome=failure; fi
  if [[ "$outcome" == success ]]; then result="$(cat "${copy%.bicepparam}.snapshot.json" 2>/dev/null)"; else result="$(cat "$out/stdout" "$out/stderr")"; fi
  missing=""
  while IFS= read -r text; do
    [[ "$result" == *"$text"* ]] || missing+="    expected text not found: $text"$'\n'
  done < <(sed -n 's|^// expect-text: ||p' "$f")
  if [[ "$outcome" == "$expect" && -z "$missing" ]]; then
    printf 'ok   case %s (%s)\n' "$f" "$expect"
  else
    log "FAIL case $f: expected $expect, got $outcome"
    printf '%s' "$missing" >&2
    sed 's/\x1b\[[0-9;]*m//g; s/^/    /' "$out/stdout" "$out/stderr" | head -20 >&2
    failures=$((failures + 1))
  fi
done

if [[ $failures -gt 0 ]]; then
  log "$failures check(s) failed"
  exit 1
fi
echo "bicep: ${#bicep_files[@]} template(s) and ${#param_files[@]} parameter file(s) compiled, linted, formatted and snapshot-checked clean"
