# Shared by scripts/test.sh and scripts/sandbox.sh: install what the local world needs, when missing.
# Sourced, not executed. Expects the repository root as the working directory.

log() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
fail() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

apt_updated=0
apt_install() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || fail "apt-get not found; install these Debian packages by hand: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  if [ $apt_updated -eq 0 ]; then
    log "apt-get update"
    $sudo apt-get update -qq >/dev/null
    apt_updated=1
  fi
  log "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

ensure_dotnet() {
  command -v dotnet >/dev/null || fail "the .NET 10 SDK is required (dotnet not on PATH)"
  dotnet --list-sdks | grep -q '^10\.' || fail "the .NET 10 SDK is required; found: $(dotnet --list-sdks | tr '\n' ' ')"
}

ensure_kubectl() {
  # The machine image ships kubectl v1.32; Debian's older kubectl must not be installed over it.
  command -v kubectl >/dev/null || fail "kubectl (v1.32 or newer) is required and ships with the machine image; install it from the Kubernetes release packages"
}

ensure_node_tools() {
  command -v npm >/dev/null || fail "Node.js and npm are required (for Azurite)"
  if [ ! -x node_modules/.bin/azurite ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "npm ci (Azurite, pinned in package.json)"
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  fi
}

ensure_browser() {
  # The dashboard tests drive Debian's chromium through Playwright; Playwright downloads no browser.
  apt_install chromium
}

ensure_local_world() {
  ensure_dotnet
  ensure_kubectl
  apt_install pebble openssl ca-certificates curl
  ensure_node_tools
}
