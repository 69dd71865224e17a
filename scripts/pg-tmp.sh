#!/usr/bin/env bash
# Throwaway PostgreSQL 15 cluster for the tests (issue 13; see docs/DECISIONS.md).
#   scripts/pg-tmp.sh            start: initdb into a fresh temporary folder, listen on a Unix
#                                socket in that folder only (listen_addresses=''), fsync off,
#                                create database "canbo"; prints two lines:
#                                  URL=postgresql:///canbo?host=DIR&user=USER
#                                  STOP=scripts/pg-tmp.sh stop DIR
#   scripts/pg-tmp.sh stop DIR   stop that cluster (fast shutdown) and remove DIR.
# Run as root, the cluster belongs to the unprivileged user canbo-pg (created when missing).
# Each start uses its own folder, so two runs in parallel do not meet.
set -euo pipefail
pgbin=${PG_BIN:-$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || ls -d /usr/lib/postgresql/*/bin | tail -n1)}
pguser=$(id -un)
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u "$pguser" -- "$@"; else "$@"; fi; }
if [ "$(id -u)" -eq 0 ]; then
  pguser=canbo-pg
  id -u "$pguser" >/dev/null 2>&1 ||
    useradd --system --no-create-home --shell /usr/sbin/nologin "$pguser" 2>/dev/null || id -u "$pguser" >/dev/null
fi

if [ "${1:-}" = stop ]; then
  dir=${2:?usage: pg-tmp.sh stop DIR}
  case "$dir" in */canbo-pg.*) ;; *) echo "pg-tmp: refusing to remove $dir (not a pg-tmp folder)" >&2; exit 2;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit 0
fi

dir=$(mktemp -d /tmp/canbo-pg.XXXXXX)
chmod 755 "$dir"
[ "$(id -u)" -eq 0 ] && chown "$pguser" "$dir"
trap 'rc=$?; [ $rc -eq 0 ] || { as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$dir"; }' EXIT
as_pg "$pgbin/initdb" -D "$dir/data" -U "$pguser" -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 40
CONF
as_pg "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start >/dev/null ||
  { cat "$dir/server.log" >&2; exit 1; }
as_pg "$pgbin/createdb" -h "$dir" -U "$pguser" canbo
echo "URL=postgresql:///canbo?host=$dir&user=$pguser"
echo "STOP=$(cd "$(dirname "$0")" && pwd)/pg-tmp.sh stop $dir"
