#!/usr/bin/env bash
# The chaos tests (tests/chaos/chaos.mjs) on a throwaway PostgreSQL and Redis (scripts/lib.sh), three
# nodes of the release build (build/parley) and nginx, all on free 127.0.0.1 ports; everything is
# stopped and removed at exit. Arguments: the scenarios to run (default a,b,c,d). ~1.5 minutes.
#   CHAOS_REQUIRE_GAP_REPAIR=0: (c) only reports (PENDING) when agents that stayed connected missed events
#   of other nodes, instead of failing.
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
[[ -x build/parley ]] || { echo "build/parley is missing: cmake --build --preset release" >&2; exit 1; }
# A copy of the binary: the nodes restarted mid-test run the same one even if a build replaces it.
bin_dir="$(mktemp -d /tmp/parley-chaos-bin-XXXXXX)"
cp build/parley "$bin_dir/parley"
export PARLEY_BINARY="${PARLEY_BINARY:-$bin_dir/parley}"
command -v nginx >/dev/null || ensure_apt nginx-light
[[ -d web/node_modules/ws ]] || ensure_node_modules
start_test_postgres
start_test_redis
export CHAOS_PG_DIR="$TEST_PG_DIR" CHAOS_REDIS_DIR="$TEST_REDIS_DIR"
rc=0
node tests/chaos/chaos.mjs "$@" || rc=$?
# (c) restarts Redis: the EXIT trap stops the redis-server its pidfile names now.
TEST_REDIS_PID=""
rm -rf "$bin_dir"
exit $rc
