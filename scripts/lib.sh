# Shared by scripts/run, scripts/test and scripts/bench: install only what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# What building and serving need (scripts/run); the tests' own needs are TEST_APT_PACKAGES.
APT_PACKAGES=(build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev libsodium-dev libssl-dev libspdlog-dev libcli11-dev
  libmaxminddb-dev libgeoip-dev geoip-database
  tzdata libpq-dev libhiredis-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev libgmime-3.0-dev
  libqrencode-dev libzip-dev)
# GoogleTest, the browser of the end-to-end tests, and the servers the store and bus tests start.
TEST_APT_PACKAGES=(libgtest-dev chromium postgresql-15 redis-server
  wordpress mariadb-server php8.2-cli php8.2-mysql zip)
# PostgreSQL: libpq for the store's PostgreSQL backend, the server for its tests (start_test_postgres).
# Redis: hiredis for the Redis bus (bus/redis_bus.*), the server for its tests (start_test_redis).
# WordPress, MariaDB, PHP: the WordPress plugin's test site (start_test_wordpress); zip: its package
# (scripts/package-wordpress).
# cmark-gfm: articles' Markdown (security/markdown_renderer.*); the extensions library has no pkg-config file.
# libcurl: outbound HTTP (outbound/http_post.*: the AI answers' endpoint) and SMTP/IMAP (mail/).
# GMime 3: building and parsing emails (mail/mime_builder.*, mail/inbound_email_parser.*).
# libqrencode: the QR code of an agent's two-factor set-up (security/qr_code.*).
# libzip: a contact's data export as a ZIP archive (app/contact_export.*).

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
    # Packages with a daemon (postgresql, redis, exim4, dovecot) would start it as a system service
    # (ports 25, 143, 5432...): a policy-rc.d answering 101 forbids that while apt runs. The tests
    # start their own instances (start_test_*). One that is already there (Docker's) is left alone.
    local policy=/usr/sbin/policy-rc.d made_policy=""
    if [[ ! -e $policy ]]; then
      printf '#!/bin/sh\n# scripts/lib.sh (ensure_apt): no service starts during this install\nexit 101\n' |
        $sudo tee "$policy" >/dev/null
      $sudo chmod 755 "$policy"
      made_policy=1
    fi
    local rc=0
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || rc=$?
    [[ -n $made_policy ]] && $sudo rm -f "$policy"
    return "$rc"
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

# build_server PRESET [TARGET...]: every target of the preset, or only the ones named.
build_server() {
  local preset="${1:-release}" targets=()
  shift || true
  (($#)) && targets=(--target "$@")
  log "building server ($preset${targets:+: $*})"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" "${targets[@]}"
}

# build_web [NPM_SCRIPT...]: `npm run build` (widget, dashboard, SDK), or only the scripts named.
build_web() {
  [[ -f "$ROOT/web/package.json" ]] || return 0
  local scripts=("$@")
  ((${#scripts[@]})) || scripts=(build)
  log "building web (${scripts[*]})"
  local s
  for s in "${scripts[@]}"; do (cd "$ROOT/web" && npm run --silent "$s"); done
}

# free_port and the test services (start_test_postgres, start_test_redis, start_test_mail, start_test_wordpress).
source "$ROOT/scripts/test-services.sh"
