#!/usr/bin/env bash
# Start a throwaway PostgreSQL for the store tests and print its URL on stdout (nothing else).
#
#   export POLICYPARSE_TEST_PG_URL="$(bash scripts/pg_for_tests.sh)"   # start (or reuse) the server
#   bash scripts/pg_for_tests.sh stop                                  # stop it and delete its files
#
# Uses Debian's postgresql binaries (installed with apt-get when missing and we are root). The
# cluster lives in $POLICYPARSE_PG_DIR (default /tmp/policyparse-pg-<uid>: one per user, so two users
# never share, reuse or stop each other's server), listens on 127.0.0.1 on a
# free port (and on a unix socket in that folder), trusts local connections, and holds one
# database, policyparse_test. Running it again while the server is up prints the same URL.
# As root, the server runs as the `postgres` user (initdb refuses root). Progress goes to stderr.
set -euo pipefail

DIR="${POLICYPARSE_PG_DIR:-/tmp/policyparse-pg-$(id -u)}"
DB="policyparse_test"
PGUSER_NAME="postgres"
log() { echo "pg_for_tests: $*" >&2; }

find_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return 0
  fi
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then echo "$d"; return 0; fi
  done
  return 1
}

BIN="$(find_bindir || true)"
if [ -z "$BIN" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "PostgreSQL is not installed and we are not root: apt-get install postgresql first"
    exit 1
  fi
  log "installing Debian's postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -q postgresql >&2 || { apt-get update -q >&2 && apt-get install -y -q postgresql >&2; }
  BIN="$(find_bindir)"
fi

# as root, run the server tools as the postgres user
if [ "$(id -u)" -eq 0 ]; then
  id "$PGUSER_NAME" >/dev/null 2>&1 || useradd --system --home-dir "$DIR" --shell /bin/sh "$PGUSER_NAME"
  as_pg() { runuser -u "$PGUSER_NAME" -- "$@"; }
else
  PGUSER_NAME="$(id -un)"
  as_pg() { "$@"; }
fi

DATA="$DIR/data"
# a folder someone else made (another user, or /tmp squatting) is never reused
if [ -e "$DIR" ] && [ "$(stat -c %u "$DIR")" != "$(id -u)" ] && [ "$(stat -c %U "$DIR")" != "$PGUSER_NAME" ]; then
  log "$DIR belongs to $(stat -c %U "$DIR"), not to you: set POLICYPARSE_PG_DIR to a folder of your own"
  exit 1
fi
PORTFILE="$DIR/port"

if [ "${1:-start}" = "stop" ]; then
  if [ -d "$DATA" ]; then
    as_pg "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  fi
  rm -rf "$DIR"
  log "stopped"
  exit 0
fi

url() { echo "postgresql://$PGUSER_NAME@127.0.0.1:$(cat "$PORTFILE")/$DB"; }

if [ -f "$PORTFILE" ] && [ -d "$DATA" ] && as_pg "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  url
  exit 0
fi

mkdir -p "$DIR"
if [ "$(id -u)" -eq 0 ]; then chown "$PGUSER_NAME" "$DIR"; fi
if [ ! -f "$DATA/PG_VERSION" ]; then
  rm -rf "$DATA"
  log "initdb in $DATA"
  as_pg "$BIN/initdb" -D "$DATA" -U "$PGUSER_NAME" -A trust -E UTF8 --no-locale >"$DIR/initdb.log" 2>&1 \
    || { cat "$DIR/initdb.log" >&2; exit 1; }
fi

PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
echo "$PORT" >"$PORTFILE"
log "starting on 127.0.0.1:$PORT"
as_pg "$BIN/pg_ctl" -D "$DATA" -l "$DIR/server.log" -w -t 60 \
  -o "-p $PORT -c listen_addresses=127.0.0.1 -k $DIR -c fsync=off -c full_page_writes=off" start >&2 \
  || { cat "$DIR/server.log" >&2; exit 1; }

if ! as_pg "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  as_pg "$BIN/createdb" -h 127.0.0.1 -p "$PORT" -U "$PGUSER_NAME" "$DB"
fi
url
