# Shared by scripts/run, scripts/test and scripts/bench: install only what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APT_PACKAGES=(build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev libsodium-dev libssl-dev libspdlog-dev libcli11-dev
  libgtest-dev libmaxminddb-dev libgeoip-dev geoip-database
  tzdata chromium)
# PostgreSQL, Redis and their client libraries come back with the backends that use them (issue 12).

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

ensure_apt() {
  local missing=()
  for p in "${APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "apt-get install ${missing[*]}"
    local sudo=""
    [[ $(id -u) -ne 0 ]] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

ensure_node_modules() {
  [[ -f "$ROOT/web/package.json" ]] || return 0
  command -v npm >/dev/null || { echo "npm is missing: install Node.js 20 first" >&2; exit 1; }
  local stamp="$ROOT/web/node_modules/.parley-lock"
  if [[ ! -f "$stamp" ]] || ! cmp -s "$ROOT/web/package-lock.json" "$stamp"; then
    log "npm ci (web)"
    (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$ROOT/web/package-lock.json" "$stamp"
  fi
}

build_server() {
  local preset="${1:-release}"
  log "building server ($preset)"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset"
}

build_web() {
  [[ -f "$ROOT/web/package.json" ]] || return 0
  log "building web (widget, dashboard)"
  (cd "$ROOT/web" && npm run --silent build)
}
