#!/usr/bin/env bash
# Set up .venv/ and run the main job on the embedded default: code the sample article, print its events as
# a table, and store the result in a SQLite file (eventwire.sqlite in the repository root).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/venv.sh
.venv/bin/eventwire ingest tests/data/seed/article.json --db "sqlite:///$PWD/eventwire.sqlite" --show
