#!/usr/bin/env bash
# A throwaway PostgreSQL for tests and local clusters: initdb in a temp directory, loopback only, one database.
#
#   scripts/ci/postgres.sh start [dir] [port]   default dir /tmp/aisle-pg, port 25432; prints the connection string
#   scripts/ci/postgres.sh stop  [dir]
#   scripts/ci/postgres.sh destroy [dir]        stops the server and deletes its directory (a test run's own server)
#   scripts/ci/postgres.sh env   [dir]          prints `export AISLE_TEST_POSTGRES=…` for eval
#
# Installs the Debian PostgreSQL server when its binaries are missing. initdb refuses to run as root, so the server
# runs as the `postgres` user (created when missing). Idempotent: `start` on a running instance only prints.
# The port lies below 32768 on purpose: 32768–60999 is the kernel's ephemeral range, where a load test's TIME_WAIT
# sockets can hold the port and the server then fails to start ("Address already in use").
set -euo pipefail
cmd=${1:-start}
dir=${2:-/tmp/aisle-pg}
port=${3:-25432}
user=aisle
password=aisle-test
database=aisle

find_bin() {
  for candidate in /usr/lib/postgresql/*/bin; do
    [ -x "$candidate/initdb" ] && { echo "$candidate"; return; }
  done
}

connection() { echo "Host=127.0.0.1;Port=$(cat "$dir/port");Username=$user;Password=$password;Database=$database"; }

as_postgres() {
  if [ "$(id -u)" = 0 ]; then
    su postgres -s /bin/bash -c "$*"
  else
    bash -c "$*"
  fi
}

case "$cmd" in
  start)
    bin=$(find_bin)
    if [ -z "$bin" ]; then
      echo "== installing PostgreSQL (Debian package)" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >&2 && apt-get install -y -qq postgresql >&2
      bin=$(find_bin)
    fi
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    if [ -f "$dir/data/postmaster.pid" ] && as_postgres "'$bin/pg_ctl' -D '$dir/data' status" >/dev/null 2>&1; then
      connection
      exit 0
    fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      echo "$password" > "$dir/pwfile"
      chown postgres "$dir/pwfile" 2>/dev/null || true
      as_postgres "'$bin/initdb' -D '$dir/data' -U $user --pwfile='$dir/pwfile' -A scram-sha-256 -E UTF8 --no-locale" >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    fi
    # A stopped instance starts on the port asked for now, not the one it was first created with.
    echo "$port" > "$dir/port"
    # Loopback only; the socket directory is the temp dir so no system path is needed. Durability settings stay at
    # PostgreSQL's defaults (fsync, synchronous_commit on): the tests claim durability, so they must not cheat it.
    # Write-heavy tuning that keeps durability: compressed full-page images in the WAL, and checkpoints (each followed
    # by full-page writes of every page touched again) no more often than every 15 min or 4 GB of WAL.
    as_postgres "'$bin/pg_ctl' -D '$dir/data' -l '$dir/server.log' -w -t 60 \
      -o \"-c listen_addresses=127.0.0.1 -p $(cat "$dir/port") -c unix_socket_directories='$dir' -c max_connections=200 -c shared_buffers=256MB -c wal_compression=lz4 -c max_wal_size=4GB -c checkpoint_timeout=15min\" start" >&2 \
      || { tail -20 "$dir/server.log" >&2; exit 1; }
    if ! PGPASSWORD=$password psql -h 127.0.0.1 -p "$(cat "$dir/port")" -U $user -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$database'" | grep -q 1; then
      PGPASSWORD=$password psql -h 127.0.0.1 -p "$(cat "$dir/port")" -U $user -d postgres -qc "CREATE DATABASE $database" >&2
    fi
    connection
    ;;
  stop)
    bin=$(find_bin)
    [ -d "$dir/data" ] && as_postgres "'$bin/pg_ctl' -D '$dir/data' -m fast -w stop" >&2 || true
    ;;
  destroy)
    "$0" stop "$dir"
    rm -rf "$dir"
    ;;
  env)
    echo "export AISLE_TEST_POSTGRES='$(connection)'"
    ;;
  *)
    echo "usage: $0 start|stop|destroy|env [dir] [port]" >&2
    exit 2
    ;;
esac
