#!/usr/bin/env bash
# Set up .venv/ and run the whole test suite (lint first). Model tests use the installed spaCy models.
# The store's PostgreSQL tests need a server: unless EVENTWIRE_TEST_PG_URL is set, a private PostgreSQL
# server is started from the machine's binaries (scripts/pg.sh) for the run and stopped after it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
.venv/bin/ruff check src tests benchmarks
# The dashboard's browser tests drive Debian's chromium through Playwright (never `playwright install`, which
# downloads a browser of its own): installed here when missing and running as root (CI); under CI=true the
# browser tests fail instead of skipping when it is still missing.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing chromium for the dashboard's browser tests (apt-get)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
      || echo "could not install chromium: the browser tests will not run" >&2
  else
    echo "chromium is missing (apt-get install chromium): the browser tests will be skipped" >&2
  fi
fi
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
