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

# Throwaway mail servers for the email tests, as plain processes (no systemd): exim4 takes SMTP on
# 127.0.0.1:2525 and Dovecot serves IMAP on 127.0.0.1:1143 (plain text, loopback only), from config
# files written into a temp directory, over one Maildir tree:
#   - exim accepts mail for any local part at any domain, except the local part `reject-me` (550:
#     the tests' permanent failure), and delivers it to MAILDIR/<local part without +suffix>, so
#     reply+abc@parley.test lands in `reply` and jo@example.com in `jo`;
#   - Dovecot lets any user in with the password `secret` and serves MAILDIR/<user>.
# Both run as the `mail` user when started by root (Dovecot serves no mail as root; exim gives up
# root anyway for a -C config), else as the caller. Exports PARLEY_TEST_SMTP, PARLEY_TEST_IMAP and
# PARLEY_TEST_MAILDIR. Stopped and removed by stop_test_mail, which the EXIT trap also runs.
TEST_SMTP_PORT="${TEST_SMTP_PORT:-2525}"
TEST_IMAP_PORT="${TEST_IMAP_PORT:-1143}"
TEST_MAIL_DIR=""
start_test_mail() {
  ensure_apt exim4-daemon-light dovecot-imapd
  local port user group uid
  for port in "$TEST_SMTP_PORT" "$TEST_IMAP_PORT"; do
    if (echo >"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "start_test_mail: 127.0.0.1:$port is taken (a mail server left running?)" >&2
      return 1
    fi
  done
  user="$(id -un)"; group="$(id -gn)"
  [[ $(id -u) -eq 0 ]] && user=mail group=mail
  uid="$(id -u "$user")"
  TEST_MAIL_DIR="$(mktemp -d /tmp/parley-mail-XXXXXX)"
  trap stop_test_services EXIT
  local d="$TEST_MAIL_DIR"
  chmod 755 "$d"
  mkdir -p "$d/maildir" "$d/exim-spool" "$d/exim-log" "$d/dovecot-run" "$d/dovecot-state" "$d/home"
  [[ $(id -u) -eq 0 ]] && chown "$user:$group" "$d/maildir" "$d/exim-spool" "$d/exim-log" "$d/home"
  log "mail servers: exim SMTP 127.0.0.1:$TEST_SMTP_PORT, Dovecot IMAP 127.0.0.1:$TEST_IMAP_PORT ($d)"

  # exim's delivery: a pipe to this script, which reads the local part from the environment. exim
  # 4.94+ refuses tainted data (the address) in file names and command arguments, and a lookup
  # table to untaint it would have to list every local part in advance.
  cat >"$d/deliver-to-maildir" <<EOF
#!/bin/sh
# exim's pipe transport: the message on stdin, LOCAL_PART (lower case, +suffix already removed).
set -eu
case "\$LOCAL_PART" in ''|*/*|.*) exit 67 ;; esac
box="$d/maildir/\$LOCAL_PART"
mkdir -p "\$box/tmp" "\$box/new" "\$box/cur"
name="\$(date +%s).P\$\$R\$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n').parley-test"
cat >"\$box/tmp/\$name"
mv "\$box/tmp/\$name" "\$box/new/\$name"
EOF
  chmod 755 "$d/deliver-to-maildir"

  cat >"$d/exim.conf" <<EOF
# start_test_mail (scripts/lib.sh): every address accepted, delivered by local part.
primary_hostname = parley.test
qualify_domain = parley.test
local_interfaces = 127.0.0.1
daemon_smtp_ports = $TEST_SMTP_PORT
exim_user = $user
exim_group = $group
spool_directory = $d/exim-spool
log_file_path = $d/exim-log/%slog
keep_environment =
host_lookup =
rfc1413_hosts =
tls_advertise_hosts =
acl_smtp_rcpt = acl_check_rcpt
# A bounce of a test message has nowhere to go: dropped instead of frozen in the queue.
ignore_bounce_errors_after = 0s
timeout_frozen_after = 1m

begin acl
acl_check_rcpt:
  deny    local_parts = reject-me
          message = mailbox reject-me refuses all mail
  accept

begin routers
every_local_part:
  driver = accept
  local_part_suffix = +*
  local_part_suffix_optional
  transport = maildir_of_local_part

begin transports
maildir_of_local_part:
  driver = pipe
  command = $d/deliver-to-maildir
  user = $user
  group = $group
  message_prefix =
  message_suffix =
  return_path_add
  delivery_date_add
  envelope_to_add
  temp_errors = 64 : 69 : 70 : 71 : 72 : 73 : 74 : 75 : 78

begin retry
* * F,1m,10s
EOF

  cat >"$d/dovecot.conf" <<EOF
# start_test_mail (scripts/lib.sh): any user, password "secret", plain IMAP on loopback.
base_dir = $d/dovecot-run
state_dir = $d/dovecot-state
instance_name = parley-test-mail
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = $d/dovecot.log
default_internal_user = $user
default_internal_group = $group
default_login_user = $user
first_valid_uid = $uid
mail_uid = $user
mail_gid = $group
mail_location = maildir:$d/maildir/%n
passdb {
  driver = static
  args = password=secret
}
userdb {
  driver = static
  args = uid=$user gid=$group home=$d/home/%n
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = $TEST_IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
EOF

  # Both detach themselves; their pid files are how stop_test_mail finds them.
  exim4 -C "$d/exim.conf" -bd -q10s -oX "$TEST_SMTP_PORT" -oP "$d/exim-log/exim.pid"
  dovecot -c "$d/dovecot.conf"
  for _ in $(seq 100); do
    if (echo >"/dev/tcp/127.0.0.1/$TEST_SMTP_PORT") 2>/dev/null &&
       (echo >"/dev/tcp/127.0.0.1/$TEST_IMAP_PORT") 2>/dev/null; then
      export PARLEY_TEST_SMTP="smtp://127.0.0.1:$TEST_SMTP_PORT"
      export PARLEY_TEST_IMAP="imap://127.0.0.1:$TEST_IMAP_PORT"
      export PARLEY_TEST_MAILDIR="$d/maildir"
      return 0
    fi
    sleep 0.1
  done
  echo "mail servers did not start (logs: $d/exim-log, $d/dovecot.log)" >&2
  return 1
}

stop_test_mail() {
  [[ -n "$TEST_MAIL_DIR" ]] || return 0
  local pid pids=()
  for f in "$TEST_MAIL_DIR/exim-log/exim.pid" "$TEST_MAIL_DIR/dovecot-run/master.pid"; do
    [[ -s $f ]] && pids+=("$(cat "$f")")
  done
  # Only the two daemons this script started (their children end with them).
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
  done
  rm -rf "$TEST_MAIL_DIR"
  TEST_MAIL_DIR=""
  unset PARLEY_TEST_SMTP PARLEY_TEST_IMAP PARLEY_TEST_MAILDIR
}

# A throwaway WordPress for the plugin's browser test (web/e2e/wordpress.e2e.ts), as plain processes:
#   - MariaDB: its own data directory (mariadb-install-db), socket and 127.0.0.1 on a free port,
#     none of /etc/mysql read (--no-defaults); a database and a user for WordPress;
#   - Debian's WordPress, copied into the temp directory with its own wp-config.php (Debian's reads
#     /etc/wordpress/config-<host>.php: global state left alone; a symlinked tree would not do, as
#     PHP resolves symlinks in __DIR__ and WordPress would find Debian's config again), installed by
#     tests/wordpress/install.php, with the plugin unpacked from build/parley-live-chat.zip (not
#     activated: the test does that as the admin);
#   - PHP's built-in server on 127.0.0.1 and a free port.
# Exports PARLEY_TEST_WORDPRESS (the site's URL), PARLEY_TEST_WORDPRESS_USERS (JSON: the admin and a
# subscriber, with their passwords), PARLEY_TEST_WORDPRESS_LOG (PHP's errors, WP_DEBUG on) and
# PARLEY_REQUIRE_WORDPRESS=1 (the test fails instead of skipping). Stopped and removed by
# stop_test_wordpress, which the EXIT trap also runs.
TEST_WP_DIR=""
TEST_WP_PIDS=()
start_test_wordpress() {
  local zip="$ROOT/build/parley-live-chat.zip" db_port wp_port as_mysql=() d pw users
  [[ -f $zip ]] || { echo "start_test_wordpress: $zip is missing (scripts/package-wordpress)" >&2; return 1; }
  TEST_WP_DIR="$(mktemp -d /tmp/parley-wp-XXXXXX)"
  trap stop_test_services EXIT
  d="$TEST_WP_DIR"
  chmod 755 "$d"
  mkdir -p "$d/db" "$d/run"
  # mariadbd refuses to run as root: root runs it as the mysql user the package made.
  [[ $(id -u) -eq 0 ]] && { as_mysql=(--user=mysql); chown mysql: "$d/db" "$d/run"; }
  db_port=$(free_port)
  wp_port=$(free_port)
  [[ $wp_port != "$db_port" ]] || wp_port=$(free_port)
  log "WordPress on 127.0.0.1:$wp_port, MariaDB on 127.0.0.1:$db_port ($d)"
  # The system tables are made while WordPress is copied (both take seconds).
  mariadb-install-db --no-defaults "${as_mysql[@]}" --datadir="$d/db" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >"$d/install-db.log" 2>&1 &
  local install_db=$!

  # All of WordPress but its translations (31 MB the test does not read). -L: Debian links its copies
  # of underscore.js, getID3... to /usr/share/{javascript,php} with relative paths, which a copy
  # elsewhere would break.
  local wp=/usr/share/wordpress
  mkdir -p "$d/site/wp-content/mu-plugins" "$d/site/wp-content/uploads"
  cp -RL "$wp"/*.php "$wp/wp-admin" "$wp/wp-includes" "$d/site/"
  cp -RL "$wp/wp-content/plugins" "$wp/wp-content/themes" "$d/site/wp-content/"
  cp "$ROOT/tests/wordpress/mu-plugin.php" "$d/site/wp-content/mu-plugins/parley-test-site.php"
  (cd "$d/site/wp-content/plugins" && unzip -q "$zip")

  wait "$install_db" || { echo "mariadb-install-db failed (log: $d/install-db.log)" >&2; return 1; }
  # No binary log, no fsync per commit, no flushing at shutdown: a throwaway database.
  mariadbd --no-defaults "${as_mysql[@]}" --datadir="$d/db" --socket="$d/run/mysqld.sock" \
    --bind-address=127.0.0.1 --port="$db_port" --pid-file="$d/run/mysqld.pid" --log-error="$d/run/mariadb.log" \
    --skip-name-resolve --skip-log-bin --innodb-flush-log-at-trx-commit=0 --innodb-buffer-pool-size=32M \
    --innodb-fast-shutdown=2 >/dev/null 2>&1 &
  TEST_WP_PIDS+=($!)
  local sql=(mariadb --no-defaults -uroot --socket="$d/run/mysqld.sock")
  for _ in $(seq 100); do "${sql[@]}" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
  pw="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
  "${sql[@]}" -e "CREATE DATABASE wordpress; CREATE USER 'wordpress'@'127.0.0.1' IDENTIFIED BY '$pw';
    GRANT ALL ON wordpress.* TO 'wordpress'@'127.0.0.1';" ||
    { echo "MariaDB did not start (log: $d/run/mariadb.log)" >&2; return 1; }

  local salt
  salt="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
  cat >"$d/site/wp-config.php" <<EOF
<?php
// start_test_wordpress (scripts/lib.sh): a throwaway site on loopback.
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wordpress' );
define( 'DB_PASSWORD', '$pw' );
define( 'DB_HOST', '127.0.0.1:$db_port' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'WP_HOME', 'http://127.0.0.1:$wp_port' );
define( 'WP_SITEURL', 'http://127.0.0.1:$wp_port' );
foreach ( array( 'AUTH', 'SECURE_AUTH', 'LOGGED_IN', 'NONCE' ) as \$k ) {
	define( \$k . '_KEY', '$salt-key-' . \$k );
	define( \$k . '_SALT', '$salt-salt-' . \$k );
}
// Nothing leaves this machine (update checks, news feeds) and no request spawns another (cron).
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$d/debug.log' );
\$table_prefix = 'wp_';
define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-settings.php';
EOF
  users="$(php "$ROOT/tests/wordpress/install.php" "$d/site" "http://127.0.0.1:$wp_port" 2>"$d/install.log" | tail -1)" ||
    { echo "the WordPress install failed (log: $d/install.log)" >&2; return 1; }
  # Workers: a page's scripts and styles load side by side, as from a real server. They outlive a
  # killed parent, so the server gets a process group of its own, which stop_test_wordpress ends.
  # (setsid forks when called from a process group leader: the shell inside writes the group's id.)
  # OPcache (off in the CLI by default): WordPress reads some 150 PHP files on every request.
  PHP_CLI_SERVER_WORKERS=4 setsid bash -c \
    'echo $$ >"$1/run/php.pgid"; exec php -d opcache.enable_cli=1 -S "$2" -t "$1/site"' \
    _ "$d" "127.0.0.1:$wp_port" >"$d/php-server.log" 2>&1 &
  for _ in $(seq 50); do [[ -s $d/run/php.pgid ]] && break; sleep 0.1; done
  TEST_WP_PIDS+=("-$(cat "$d/run/php.pgid")")
  for _ in $(seq 100); do
    if (echo >"/dev/tcp/127.0.0.1/$wp_port") 2>/dev/null; then
      export PARLEY_TEST_WORDPRESS="http://127.0.0.1:$wp_port"
      export PARLEY_TEST_WORDPRESS_USERS="$users"
      export PARLEY_TEST_WORDPRESS_LOG="$d/debug.log"
      export PARLEY_REQUIRE_WORDPRESS=1
      return 0
    fi
    sleep 0.1
  done
  echo "WordPress did not start (log: $d/php-server.log)" >&2
  return 1
}

stop_test_wordpress() {
  [[ -n "$TEST_WP_DIR" ]] || return 0
  local pid
  # Only what this script started: MariaDB's pid and the process group of PHP's server (-pgid).
  for pid in "${TEST_WP_PIDS[@]}"; do kill -- "$pid" 2>/dev/null || true; done
  for pid in "${TEST_WP_PIDS[@]}"; do
    # For the group, its leader (PHP's server): the workers it did not reap stay zombies until init
    # does, and a group with zombies still answers kill -0.
    for _ in $(seq 100); do kill -0 "${pid#-}" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "$pid" 2>/dev/null || true
  done
  rm -rf "$TEST_WP_DIR"
  TEST_WP_DIR=""
  TEST_WP_PIDS=()
  unset PARLEY_TEST_WORDPRESS PARLEY_TEST_WORDPRESS_USERS PARLEY_TEST_WORDPRESS_LOG PARLEY_REQUIRE_WORDPRESS
}

# The one EXIT trap of the test services: whatever was started is stopped, whichever way the
# script ends.
stop_test_services() {
  stop_test_wordpress
  stop_test_mail
  stop_test_redis
  stop_test_postgres
}
