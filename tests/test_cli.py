"""The command line: exit codes, stderr lines, output per input, the store, and evaluate == shared scorer."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from tests.conftest import DATA, SHARED

pytestmark = pytest.mark.model
EXE = [sys.executable, "-m", "eventwire.cli"]


def run(*args, **kw):
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=600, **kw)


def test_extract_goes_past_bad_input_and_exits_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{oops")
    p = run("extract", str(DATA / "seed" / "article.json"), str(bad), str(tmp_path / "missing.json"))
    assert p.returncode == 1
    lines = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["article"]["path"].endswith("article.json")
    assert "E004" in p.stderr and "E001" in p.stderr and "Traceback" not in p.stderr


def test_usage_error_exits_2():
    p = run("extract", str(DATA / "seed" / "article.json"), "--format", "xml")
    assert p.returncode == 2 and "E100" in p.stderr


def test_ingest_stores_once(tmp_path):
    db = f"sqlite:///{tmp_path / 'ew.sqlite'}"
    first = run("ingest", str(DATA / "seed" / "article.json"), "--db", db, "--quiet")
    second = run("ingest", str(DATA / "seed" / "article.json"), "--db", db, "--quiet")
    assert first.returncode == 0 and "1 new article" in first.stdout
    assert "0 new article(s), 1 already stored" in second.stdout
    assert "events (+0)" in second.stdout
    assert re.sub(r"\(\+\d+\)", "", first.stdout.split("totals:")[1]) == re.sub(
        r"\(\+\d+\)", "", second.stdout.split("totals:")[1])


def test_evaluate_matches_the_shared_scorer(tmp_path):
    scorer = SHARED / "tools" / "score_events.py"
    if not scorer.is_file():
        pytest.skip("../shared is not present")
    gold = DATA / "gold" / "gold.jsonl"
    arts = DATA / "gold" / "articles"
    ours = run("evaluate", "--gold", str(gold), "--json", str(tmp_path / "ours.json"), str(arts))
    assert ours.returncode == 0, ours.stderr
    pred = tmp_path / "pred.jsonl"
    pred.write_text(run("extract", str(arts)).stdout)
    subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", str(pred), "--json",
                             str(tmp_path / "theirs.json")], capture_output=True, text=True)
    a = json.loads((tmp_path / "ours.json").read_text())
    b = json.loads((tmp_path / "theirs.json").read_text())
    # every figure of the shared scorer, equal; ours adds the date basis and the per-language figures
    assert {k: a[k] for k in b} == b
    assert set(a) - set(b) == {"date_basis_accuracy", "per_language"}
    assert set(a["per_language"]) == {"fr", "en", "es", "de"}
