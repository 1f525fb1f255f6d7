#!/usr/bin/env bash
# The .deb (issue 17, item 3; docs/deploy.md): built by cpack from the release build, its control
# data checked (Depends from dpkg-shlibdeps, the maintainer scripts, the conffile), the service's
# hardening lines present, then unpacked with dpkg-deb -x and its own binary run from another
# directory with no --web flag: the widget, the dashboard and the OpenAPI document come from the
# package's share/parley. Needs build/ (release) and web/dist built.
set -euo pipefail
source "$(dirname "$0")/../../scripts/lib.sh"
cd "$ROOT"
ensure_apt dpkg-dev
rm -rf build/package
(cd build && cpack -G DEB >/dev/null)
deb=$(ls -1 build/package/parley_*_*.deb)
work=$(mktemp -d /tmp/parley-deb-XXXXXX)
pid=""
cleanup() { [[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
fail() { echo "FAILED (package): $*" >&2; exit 1; }

depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for lib in libsodium23 libpq5 libcurl4 libsqlite3-0 adduser; do
  [[ $depends == *"$lib"* ]] || fail "Depends does not name $lib"
done
[[ $depends =~ libboost-json1\.81 ]] || fail "Depends does not name Boost.JSON 1.81"
[[ $depends =~ libgmime-3\.0 ]] || fail "Depends does not name GMime 3"
mkdir "$work/control"
dpkg-deb -e "$deb" "$work/control"
for f in postinst prerm postrm conffiles; do [[ -f $work/control/$f ]] || fail "no $f in the package"; done
grep -qx /etc/parley/parley.env "$work/control/conffiles" || fail "parley.env is not a conffile"
grep -q 'adduser --system' "$work/control/postinst" || fail "postinst makes no system user"
sh -n "$work/control/postinst" && sh -n "$work/control/prerm" && sh -n "$work/control/postrm"

dpkg-deb -x "$deb" "$work/root"
root="$work/root"
for f in usr/bin/parley usr/share/parley/web/dist/widget/widget.js usr/share/parley/web/dist/dashboard/index.html \
         usr/share/parley/web/demo/index.html usr/share/parley/docs/openapi.json lib/systemd/system/parley.service \
         etc/parley/parley.env usr/share/doc/parley/deploy.md; do
  [[ -f $root/$f ]] || fail "$f is not in the package"
done
unit="$root/lib/systemd/system/parley.service"
for line in 'User=parley' 'ProtectSystem=strict' 'ReadWritePaths=/var/lib/parley' 'NoNewPrivileges=yes' \
            'EnvironmentFile=/etc/parley/parley.env' 'ProtectHome=yes' 'PrivateTmp=yes'; do
  grep -qx "$line" "$unit" || fail "the unit lacks $line"
done
grep -q '^ExecStart=/usr/bin/parley serve --data /var/lib/parley \$PARLEY_OPTIONS$' "$unit" || fail "ExecStart"
if command -v systemd-analyze >/dev/null && [[ -d /run/systemd/system ]]; then
  systemd-analyze verify "$unit" || fail "systemd-analyze verify"
fi
size=$(stat -c %s "$root/usr/bin/parley")
(( size < 40 * 1024 * 1024 )) || fail "the packaged binary is not stripped ($size bytes)"

# cmake --install into a prefix: the same files, and nothing outside the prefix (the service and
# /etc/parley come only with the .deb).
cmake --install build --prefix "$work/prefix" >/dev/null
[[ -x $work/prefix/bin/parley && -f $work/prefix/share/parley/web/dist/widget/widget.js ]] || fail "cmake --install"
[[ ! -e /etc/parley/parley.env || -n $(dpkg-query -W -f='${Status}' parley 2>/dev/null) ]] || fail "cmake --install wrote to /etc"

# The unpacked binary, run from elsewhere: it must find its own share/parley/web.
port=$(free_port)
mkdir "$work/data" "$work/cwd"
(cd "$work/cwd" && exec "$root/usr/bin/parley" serve --host 127.0.0.1 --port "$port" --data "$work/data" \
   >"$work/serve.log" 2>&1) &
pid=$!
for _ in $(seq 100); do
  curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || { cat "$work/serve.log"; fail "the packaged server exited"; }
  sleep 0.1
done
grep -q "web $root/usr/share/parley/web" "$work/serve.log" || { cat "$work/serve.log"; fail "it did not serve its own web assets"; }
# Whole bodies first: grep -q closing the pipe early would fail curl under pipefail.
get() { curl -fsS --max-time 5 "http://127.0.0.1:$port$1"; }
body=$(get /widget.js) && grep -q 'parley' <<<"$body" || fail "/widget.js"
body=$(get /app/) && grep -qi '<!doctype html' <<<"$body" || fail "/app/"
body=$(get /api/openapi.json) && grep -q '"openapi"' <<<"$body" || fail "/api/openapi.json"
body=$(get /) && grep -qi '<html' <<<"$body" || fail "the demo shop"
echo "package: ok ($(basename "$deb"), $(( $(stat -c %s "$deb") / 1024 )) KiB; binary $(( size / 1024 / 1024 )) MiB)"
