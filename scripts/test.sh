#!/usr/bin/env bash
# Set up .venv/ and run the whole test suite (lint first). Model tests use the installed spaCy models.
# The store's PostgreSQL tests need a server: unless EVENTWIRE_TEST_PG_URL is set, a private PostgreSQL
# server is started from the machine's binaries (scripts/pg.sh) for the run and stopped after it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
.venv/bin/ruff check src tests benchmarks
if [ -z "${EVENTWIRE_TEST_PG_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  pgroot=$(mktemp -d)
  chmod 755 "$pgroot"
  export EVENTWIRE_PGDATA="$pgroot/data"
  trap 'bash scripts/pg.sh stop; rm -rf "$pgroot"' EXIT
  EVENTWIRE_TEST_PG_URL=$(bash scripts/pg.sh start)
  export EVENTWIRE_TEST_PG_URL
  echo "PostgreSQL for the store tests: $EVENTWIRE_TEST_PG_URL"
fi
.venv/bin/python -m pytest -q "$@"
