#!/usr/bin/env bash
# The README demo command: installs what is missing, builds, starts safeloop-server on
# 127.0.0.1 with embedded SQLite in ./demo-data, then opens the app pointed at it.
#   ./scripts/demo.sh               a real window (needs a display)
#   ./scripts/demo.sh --offscreen   headless: saves demo-data/screenshot.png and exits 0
set -euo pipefail
cd "$(dirname "$0")/.."

offscreen=0
data="$PWD/demo-data"
while [ $# -gt 0 ]; do
  case "$1" in
    --offscreen) offscreen=1 ;;
    --data) data="$(realpath -m "$2")"; shift ;;
    *) echo "usage: $0 [--offscreen] [--data DIR]" >&2; exit 2 ;;
  esac
  shift
done

if [ "$offscreen" -eq 0 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "demo: no display found; running with --offscreen" >&2
  offscreen=1
fi

./scripts/setup.sh
cmake --preset dev >/dev/null
cmake --build --preset dev --target safeloop safeloop-server

server_bin=build/server/safeloop-server
app_bin=build/app/safeloop
mkdir -p "$data"
if [ ! -f "$data/server/safeloop.db" ]; then
  "$server_bin" init --data "$data/server"
  # Demo district: 2,000 fictional enterprises, 74 accounts, a year of history (docs/demo.md).
  "$server_bin" seed-demo --data "$data/server"
fi

log="$data/server.log"
: >"$data/server.out"  # exists before the first poll below (the child opens it)
"$server_bin" serve --data "$data/server" --listen 127.0.0.1:0 >"$data/server.out" 2>"$log" &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true' EXIT

url=""
for _ in $(seq 1 100); do
  url=$(sed -n 's/^listening on \(http:\/\/.*\)$/\1/p' "$data/server.out" | head -n 1)
  [ -n "$url" ] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "demo: server failed to start:" >&2; cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "demo: server did not report its address" >&2; exit 1; }
echo "demo: server at $url (data in $data, log in $log)"

# The login page offers the seeded district's demo accounts (README "Demo accounts"): one tap
# fills the user name and password.
demo_password=SafeLoop-Demo-2026
accounts=(--demo-account "inspector=demo.inspector:$demo_password"
  --demo-account "enterprise=demo.enterprise:$demo_password"
  --demo-account "supervisor=demo.supervisor:$demo_password")

if [ "$offscreen" -eq 1 ]; then
  "$app_bin" --offscreen --server "$url" "${accounts[@]}" --screenshot "$data/screenshot.png"
  echo "demo: the login page (it offers the demo accounts) in $data/screenshot.png and each role's"
  echo "      first page after its login and sync in $data/screenshot-{inspector,enterprise,supervisor}.png"
else
  "$app_bin" --server "$url" "${accounts[@]}"
fi
