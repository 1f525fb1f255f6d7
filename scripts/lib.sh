# Shared by scripts/run, scripts/test and scripts/bench: install only what is missing.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
APT_PACKAGES=(build-essential cmake ninja-build ccache pkg-config git
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev libsodium-dev libssl-dev libspdlog-dev libcli11-dev
  libgtest-dev libmaxminddb-dev libgeoip-dev geoip-database
  tzdata chromium postgresql-15 libpq-dev redis-server libhiredis-dev
  libcmark-gfm-dev libcmark-gfm-extensions-dev libcurl4-openssl-dev)
# PostgreSQL: libpq for the store's PostgreSQL backend, the server for its tests (start_test_postgres).
# Redis: hiredis for the Redis bus (bus/redis_bus.*), the server for its tests (start_test_redis).
# cmark-gfm: articles' Markdown (security/markdown_renderer.*); the extensions library has no pkg-config file.
# libcurl: outbound HTTP (outbound/http_post.*: the AI answers' endpoint).

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

# A free TCP port on 127.0.0.1 (nothing answers a connect to it).
free_port() {
  local p
  for _ in $(seq 50); do
    p=$((20000 + RANDOM % 10000))
    (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
  echo "no free port" >&2
  return 1
}

# A throwaway PostgreSQL 15 cluster for the store tests, as a plain process: a fresh directory,
# 127.0.0.1 only, a free port, trust authentication (nothing but this machine can reach it, and it
# holds only test databases). Exports PARLEY_TEST_PG (the server's URL; each test makes its own
# database) and PARLEY_REQUIRE_PG=1 (the PostgreSQL tests fail instead of skipping). Stopped and
# removed by stop_test_postgres, which the EXIT trap (stop_test_services) also runs.
PG_BIN=/usr/lib/postgresql/15/bin
TEST_PG_DIR=""
start_test_postgres() {
  local port as_pg=()
  # PostgreSQL refuses to run as root: root runs it as the postgres user the package made.
  [[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)
  TEST_PG_DIR="$(mktemp -d /tmp/parley-pg-XXXXXX)"
  trap stop_test_services EXIT
  [[ $(id -u) -eq 0 ]] && chown postgres: "$TEST_PG_DIR"
  port=$(free_port)
  log "PostgreSQL 15 on 127.0.0.1:$port ($TEST_PG_DIR)"
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$TEST_PG_DIR/data" -U postgres -E UTF8 --no-locale --auth=trust >/dev/null
  # The socket goes into the cluster's own directory: /var/run/postgresql may not exist or be ours.
  # fsync=off: a throwaway cluster whose data no test needs after a power cut.
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $TEST_PG_DIR -c fsync=off" >/dev/null
  export PARLEY_TEST_PG="postgresql://postgres@127.0.0.1:$port/postgres"
  export PARLEY_REQUIRE_PG=1
}

stop_test_postgres() {
  [[ -n "$TEST_PG_DIR" ]] || return 0
  local as_pg=()
  [[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TEST_PG_DIR"
  TEST_PG_DIR=""
  unset PARLEY_TEST_PG PARLEY_REQUIRE_PG
}

# A throwaway redis-server for the Redis bus tests, as a plain process: 127.0.0.1 only, a free
# port, no persistence (the bus keeps nothing in Redis), daemonised with its pid in its own temp
# directory. Exports PARLEY_TEST_REDIS (its URL) and PARLEY_REQUIRE_REDIS=1 (the Redis tests fail
# instead of skipping). Stopped and removed by stop_test_redis, which the EXIT trap also runs.
TEST_REDIS_DIR=""
TEST_REDIS_PID=""
start_test_redis() {
  local port
  TEST_REDIS_DIR="$(mktemp -d /tmp/parley-redis-XXXXXX)"
  trap stop_test_services EXIT
  port=$(free_port)
  log "Redis on 127.0.0.1:$port ($TEST_REDIS_DIR)"
  redis-server --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir "$TEST_REDIS_DIR" \
    --daemonize yes --pidfile "$TEST_REDIS_DIR/redis.pid" --logfile "$TEST_REDIS_DIR/redis.log"
  for _ in $(seq 100); do
    if [[ -s "$TEST_REDIS_DIR/redis.pid" ]] && redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then
      TEST_REDIS_PID="$(cat "$TEST_REDIS_DIR/redis.pid")"
      export PARLEY_TEST_REDIS="redis://127.0.0.1:$port"
      export PARLEY_REQUIRE_REDIS=1
      return 0
    fi
    sleep 0.1
  done
  echo "redis-server did not start (log: $TEST_REDIS_DIR/redis.log)" >&2
  return 1
}

stop_test_redis() {
  [[ -n "$TEST_REDIS_DIR" ]] || return 0
  local pid="$TEST_REDIS_PID"
  [[ -z "$pid" && -s "$TEST_REDIS_DIR/redis.pid" ]] && pid="$(cat "$TEST_REDIS_DIR/redis.pid")"
  if [[ -n "$pid" ]]; then
    # Only the pid this script started; nothing to save, so SIGTERM ends it at once.
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  fi
  rm -rf "$TEST_REDIS_DIR"
  TEST_REDIS_DIR=""
  TEST_REDIS_PID=""
  unset PARLEY_TEST_REDIS PARLEY_REQUIRE_REDIS
}

# The one EXIT trap of the test services: whatever was started is stopped, whichever way the
# script ends.
stop_test_services() {
  stop_test_redis
  stop_test_postgres
}
