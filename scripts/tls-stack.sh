#!/usr/bin/env bash
# The deployment of docs/operations.md on one machine, for tests and trials: a temporary
# PostgreSQL 15 cluster, N `safeloop-server serve` processes on it (blobs.store = database,
# each with its own data directory; N = SAFELOOP_STACK_PROCESSES, 1 to 8, default 2) and nginx
# with deploy/nginx/safeloop.conf terminating TLS with a certificate from a throwaway test CA
# made with openssl.
#
#   [SAFELOOP_STACK_PROCESSES=N] scripts/tls-stack.sh start BUILD_DIR WORK_DIR
#                                       # prints and writes WORK_DIR/stack.env
#   scripts/tls-stack.sh stop WORK_DIR
#
# stack.env: SAFELOOP_URL (https://localhost:PORT), SAFELOOP_CA (the test CA's certificate),
# SAFELOOP_DATABASE, SAFELOOP_DATA_A/B/..., SAFELOOP_PORT_A/B/... (the processes behind nginx,
# named a, b, c, ...; their logs are WORK_DIR/server-a.log, ...), SAFELOOP_PROCESSES,
# SAFELOOP_SERVER_PIDS, SAFELOOP_NGINX_PID_FILE.
# Needs nginx, openssl and PostgreSQL 15 (scripts/setup.sh installs them); run as root (the
# cluster runs as user postgres, as the tests' clusters do).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

stop_stack() {
  local work="$1"
  [ -f "$work/stack.env" ] || { echo "tls-stack: no stack in $work" >&2; return 1; }
  # shellcheck disable=SC1091
  . "$work/stack.env"
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null || true
  for pid in ${SAFELOOP_SERVER_PIDS:-}; do kill "$pid" 2>/dev/null || true; done
  for pid in ${SAFELOOP_SERVER_PIDS:-}; do
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  done
  "$SAFELOOP_PGCLUSTER_CTL" stop "$work/pg.state" >/dev/null 2>&1 || true
  echo "tls-stack: stopped"
}

start_stack() {
  local build work
  local processes="${SAFELOOP_STACK_PROCESSES:-2}"
  case "$processes" in
    [1-8]) ;;
    *) echo "tls-stack: SAFELOOP_STACK_PROCESSES must be a number from 1 to 8, got '$processes'" >&2
       exit 2 ;;
  esac
  build="$(cd "$1" && pwd)"
  mkdir -p "$2"
  work="$(cd "$2" && pwd)"
  local server="$build/server/safeloop-server"
  local ctl="$build/tests/support/pgcluster_ctl"
  for tool in "$server" "$ctl"; do
    [ -x "$tool" ] || { echo "tls-stack: $tool is not built" >&2; exit 1; }
  done
  command -v nginx >/dev/null || { echo "tls-stack: nginx is not installed" >&2; exit 1; }
  local all_names=(a b c d e f g h)
  local names=("${all_names[@]:0:$processes}")
  chmod 0755 "$work"

  # PostgreSQL: a throwaway cluster (trust on 127.0.0.1) and one database.
  "$ctl" start "$work/pg.state" >/dev/null
  local pgport
  pgport="$(head -n1 "$work/pg.state")"
  runuser -u postgres -- psql -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres \
    -c "CREATE DATABASE safeloop" >/dev/null
  local db="postgresql://postgres@127.0.0.1:$pgport/safeloop"

  # The store: blobs in the database, so each process serves every blob.
  "$server" init --data "$work/data-a" --database "$db" >/dev/null
  "$server" config set --data "$work/data-a" --database "$db" blobs.store database >/dev/null
  for name in "${names[@]:1}"; do mkdir -p "$work/data-$name" && chmod 0700 "$work/data-$name"; done

  # The processes behind nginx; each reports its port on its first line.
  local pids="" ports=()
  for name in "${names[@]}"; do
    # The files exist before the process starts: the shell opens the redirections in the
    # background child, so the first poll below could otherwise find no file (and `set -e`
    # would end the script on sed's error).
    : >"$work/server-$name.out"
    : >"$work/server-$name.log"
    "$server" serve --data "$work/data-$name" --database "$db" --listen 127.0.0.1:0 \
      --trusted-proxy 127.0.0.1 >"$work/server-$name.out" 2>"$work/server-$name.log" &
    pids="$pids $!"
    local port=""
    for _ in $(seq 1 150); do
      port="$(sed -n 's#^listening on http://127\.0\.0\.1:\([0-9]*\)$#\1#p' "$work/server-$name.out" || true)"
      [ -n "$port" ] && break
      sleep 0.2
    done
    [ -n "$port" ] || { echo "tls-stack: server $name did not start" >&2; cat "$work/server-$name.log" >&2; exit 1; }
    ports+=("$port")
  done

  # A test CA and a certificate for localhost / 127.0.0.1 signed by it.
  local tls="$work/tls"
  mkdir -p "$tls"
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=SafeLoop test CA" \
    -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" \
    -keyout "$tls/privkey.pem" -out "$tls/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' >"$tls/ext.cnf"
  openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
    -CAcreateserial -days 2 -extfile "$tls/ext.cnf" -out "$tls/fullchain.pem" 2>/dev/null

  # nginx with the repository's site configuration: only ports, paths and name differ.
  local https http ng="$work/nginx" upstream=""
  for port in "${ports[@]}"; do
    upstream="$upstream    server 127.0.0.1:$port \\1\\n"
  done
  https="$(free_port)"
  http="$(free_port)"
  mkdir -p "$ng/tmp"
  chmod 0777 "$ng/tmp"
  sed -e "/server 127\.0\.0\.1:8472/d" \
      -e "s#^ *server 127\.0\.0\.1:8471 \(.*\)\$#${upstream%\\n}#" \
      -e "/listen \[::\]/d" \
      -e "s#listen 443 ssl http2;#listen 127.0.0.1:$https ssl http2;#" \
      -e "s#listen 80;#listen 127.0.0.1:$http;#" \
      -e "s#server_name safeloop.district.example;#server_name localhost;#" \
      -e "s#/etc/ssl/safeloop/#$tls/#" \
      -e "s#https://\$host\$request_uri#https://\$host:$https\$request_uri#" \
      "$here/deploy/nginx/safeloop.conf" >"$ng/safeloop.conf"
  cat >"$ng/nginx.conf" <<CONF
worker_processes 2;
pid $ng/nginx.pid;
error_log $ng/error.log warn;
events { worker_connections 1024; }
http {
    client_body_temp_path $ng/tmp/body;
    proxy_temp_path $ng/tmp/proxy;
    fastcgi_temp_path $ng/tmp/fastcgi;
    uwsgi_temp_path $ng/tmp/uwsgi;
    scgi_temp_path $ng/tmp/scgi;
    include $ng/safeloop.conf;
}
CONF
  nginx -t -q -c "$ng/nginx.conf" -p "$ng"
  nginx -c "$ng/nginx.conf" -p "$ng"

  cat >"$work/stack.env" <<ENV
SAFELOOP_URL=https://localhost:$https
SAFELOOP_HTTP_URL=http://localhost:$http
SAFELOOP_CA=$tls/ca.pem
SAFELOOP_DATABASE=$db
SAFELOOP_PROCESSES=$processes
SAFELOOP_SERVER_PIDS="${pids# }"
SAFELOOP_SERVER=$server
SAFELOOP_PGCLUSTER_CTL=$ctl
SAFELOOP_NGINX_PID_FILE=$ng/nginx.pid
ENV
  local i=0
  for name in "${names[@]}"; do
    printf 'SAFELOOP_DATA_%s=%s\nSAFELOOP_PORT_%s=%s\n' "${name^^}" "$work/data-$name" \
      "${name^^}" "${ports[$i]}" >>"$work/stack.env"
    i=$((i + 1))
  done
  for _ in $(seq 1 50); do
    curl -fsS --cacert "$tls/ca.pem" "https://localhost:$https/api/v1/health" >/dev/null 2>&1 && break
    sleep 0.2
  done
  cat "$work/stack.env"
}

case "${1:-}" in
  start) [ $# -eq 3 ] || { echo "usage: $0 start BUILD_DIR WORK_DIR" >&2; exit 2; }; start_stack "$2" "$3" ;;
  stop) [ $# -eq 2 ] || { echo "usage: $0 stop WORK_DIR" >&2; exit 2; }; stop_stack "$2" ;;
  *) echo "usage: $0 start BUILD_DIR WORK_DIR | stop WORK_DIR" >&2; exit 2 ;;
esac
