"""Every command, given bad arguments or a store it cannot use, answers with error lines and the documented
exit status — never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

EW = [sys.executable, "-m", "eventwire.cli"]
NOWHERE = "sqlite:////nonexistent/dir/x.sqlite"
DOWN = "postgresql+psycopg://nobody@127.0.0.1:9/none"  # nothing listens on port 9

CASES = [
    # (arguments, exit status, code on the first error line)
    (["bogus"], 2, "E100"),
    (["extract", "x.json", "--bogus"], 2, "E100"),
    (["extract"], 2, "E100"),
    (["extract", "x.json", "--format", "xml"], 2, "E100"),
    (["extract", "x.json", "--max-bytes", "-5"], 2, "E100"),
    (["extract", "x.json", "--max-bytes", "many"], 2, "E100"),
    (["extract", "x.json", "--published", "someday"], 2, "E100"),
    (["extract", "x.json", "--classifier", "magic"], 2, "E100"),
    (["extract", "does-not-exist.json"], 1, "E001"),
    (["ingest"], 2, "E100"),
    (["ingest", "x.json", "--db", NOWHERE], 1, "E202"),
    (["ingest", "x.json", "--db", DOWN], 1, "E202"),
    (["ingest", "x.json", "--db", "notadb://x"], 1, "E202"),
    (["events", "--db", NOWHERE], 1, "E202"),
    (["events", "--db", DOWN], 1, "E202"),
    (["events", "--since", "tomorrowish"], 2, "E100"),
    (["events", "--dyad", "RUS"], 2, "E100"),
    (["events", "--format", "yaml"], 2, "E100"),
    (["events", "--limit", "lots"], 2, "E100"),
    (["stats", "--by", "colour"], 2, "E100"),
    (["stats", "--db", NOWHERE], 1, "E202"),
    (["export", "--format", "xls", "--out", "x"], 2, "E100"),
    (["export", "--format", "json"], 2, "E100"),
    (["export", "--format", "json", "--out", "/nonexistent/dir/x.json"], 1, "E205"),
    (["export", "--format", "csv", "--out", "x", "--db", DOWN], 1, "E202"),
    (["evaluate", "x.json"], 2, "E100"),
    (["evaluate", "x.json", "--gold", "missing.jsonl"], 2, "E100"),
    (["explain"], 2, "E100"),
    (["explain", "does-not-exist.json"], 1, "E001"),
    (["actors", "lookup", "Lavrov", "--date", "soon"], 2, "E100"),
    (["actors", "lookup", "Lavrov", "--format", "xml"], 2, "E100"),
    (["actors", "list", "--kind", "planet"], 2, "E100"),
    (["actors", "add", "X Y", "--code", "FRA", "--role", "minister", "--start", "never"], 2, "E100"),
    (["actors", "import", "nonsense", "x.txt"], 2, "E100"),
    (["actors", "import", "cameo", "missing.txt"], 2, "E100"),
    (["actors", "learned", "--db", NOWHERE], 1, "E202"),
    (["actors", "evaluate", "--gold", "missing.jsonl"], 2, "E100"),
    (["classifier", "predict"], 2, "E100"),
    (["classifier", "bogus"], 2, "E100"),
]


@pytest.mark.parametrize("args,status,code", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_bad_arguments_and_unusable_stores_give_one_coded_error(args, status, code, tmp_path):
    (tmp_path / "x.json").write_text('{"text": "Paris a condamné l\'attaque.", "lang": "fr"}', encoding="utf-8")
    env = {**os.environ, "EVENTWIRE_HOME": str(tmp_path), "EVENTWIRE_ACTORS_DIR": str(tmp_path / "overlay")}
    env.pop("EVENTWIRE_DEBUG", None)
    p = subprocess.run([*EW, *args], capture_output=True, text=True, cwd=tmp_path, env=env, timeout=300)
    out = p.stdout + p.stderr
    assert "Traceback" not in out, out
    assert p.returncode == status, out
    errors = [ln for ln in p.stderr.splitlines() if ln.startswith("error ")]
    assert errors and errors[0].startswith(f"error {code}:"), out
