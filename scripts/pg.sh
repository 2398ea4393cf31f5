#!/usr/bin/env bash
# Start or stop a private PostgreSQL server for the store's tests (the machine's PostgreSQL 15 binaries,
# a throw-away cluster in $EVENTWIRE_PGDATA, port $EVENTWIRE_PGPORT or a free one, loopback only, trust auth).
#   bash scripts/pg.sh start   -> prints the SQLAlchemy URL of a fresh database 'eventwire_test'
#   bash scripts/pg.sh stop
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
PGDATA=${EVENTWIRE_PGDATA:-/tmp/eventwire-pg}
PGPORT=${EVENTWIRE_PGPORT:-}
if [ -z "$PGPORT" ] && [ -f "$PGDATA/port" ]; then PGPORT=$(cat "$PGDATA/port"); fi
if [ -z "$PGPORT" ]; then
  # a free loopback port, so that two runs (or another server) never collide
  PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
  echo "pg.sh: no PostgreSQL server binaries found under /usr/lib/postgresql" >&2
  exit 3
fi
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
case "${1:-start}" in
  start)
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
      mkdir -p "$PGDATA"
      [ "$(id -u)" = 0 ] && chown postgres "$PGDATA"
      as_pg "$PGBIN/initdb" -D "$PGDATA" -A trust -U postgres -E UTF8 >/dev/null
    fi
    echo "$PGPORT" > "$PGDATA/port"
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; then
      as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -w -t 60 -l "$PGDATA/server.log" \
        -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
    fi
    as_pg "$PGBIN/dropdb" -h 127.0.0.1 -p "$PGPORT" -U postgres --if-exists eventwire_test
    as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres eventwire_test
    echo "postgresql+psycopg://postgres@127.0.0.1:$PGPORT/eventwire_test"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
    ;;
  *) echo "usage: pg.sh start|stop" >&2; exit 2 ;;
esac
