#!/usr/bin/env bash
# Set up .venv/ and run the whole test suite (lint first). Model tests use the installed spaCy models.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
.venv/bin/ruff check src tests benchmarks
.venv/bin/python -m pytest -q "$@"
