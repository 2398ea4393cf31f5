"""Several writers, crashes and unwritable stores: nothing lost, nothing doubled, never half an article.

Two `eventwire ingest` processes on the same store (SQLite and PostgreSQL) with overlapping inputs must leave
exactly what one process ingesting the union leaves; `kill -9` in the middle of a PostgreSQL ingest is
completed exactly by a re-run; a full disk or a read-only store gives a coded error (E204) and no article
stored in part.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, event, text

from eventwire.ingest import ingest
from eventwire.sources.readers import ReadOptions
from eventwire.store import Store
from eventwire.store.db import StoreWriteError
from tests.conftest import DATA
from tests.test_store import _postgres, _sqlite

pytestmark = pytest.mark.model
EW = [sys.executable, "-m", "eventwire.cli"]
ARTICLES = sorted((DATA / "gold" / "articles").glob("*.json"))


def _copy(files: list[Path], folder: Path) -> None:
    folder.mkdir(parents=True)
    for f in files:
        (folder / f.name).write_bytes(f.read_bytes())


def snapshot(url: str) -> dict:
    """What a store holds, independent of the order it was filled in."""
    eng = create_engine(url)
    with eng.connect() as c:
        arts = sorted(r[0] for r in c.execute(text("SELECT id FROM articles")))
        reports = c.execute(text("SELECT r.id, r.event_id, r.article_id FROM reports r")).fetchall()
        n_mentions = c.execute(text("SELECT count(*) FROM mentions")).scalar()
        events = c.execute(text("SELECT id, type, date FROM events")).fetchall()
    eng.dispose()
    by_event: dict[str, list[str]] = {}
    for rid, eid, _ in reports:
        by_event.setdefault(eid, []).append(rid)
    clusters = sorted((t, d, tuple(sorted(by_event.get(i, [])))) for i, t, d in events)
    return {"articles": arts, "reports": len(reports), "mentions": n_mentions, "events": clusters}


@pytest.mark.parametrize("make_url", [pytest.param(_sqlite, id="sqlite"),
                                      pytest.param(_postgres, id="postgresql", marks=pytest.mark.postgres)])
def test_two_ingests_on_overlapping_inputs_store_everything_once(make_url, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    third = len(ARTICLES) // 3
    _copy(ARTICLES[:2 * third], a)
    _copy(ARTICLES[third:], b)  # the middle third is in both
    url = make_url(tmp_path)
    Store(url)  # the store exists before both start (creating it concurrently is tested below)
    procs = [subprocess.Popen([*EW, "ingest", str(d), "--db", url, "--quiet"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for d in (a, b)]
    outs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    ref = make_url(tmp_path)
    both = tmp_path / "both"
    _copy(ARTICLES, both)
    subprocess.run([*EW, "ingest", str(both), "--db", ref, "--quiet"], check=True, capture_output=True, timeout=900)
    got, want = snapshot(url), snapshot(ref)
    assert got["articles"] == want["articles"] and len(got["articles"]) == len(ARTICLES)
    assert (got["reports"], got["mentions"]) == (want["reports"], want["mentions"])
    assert got["events"] == want["events"]


def test_two_processes_creating_one_new_store_at_once(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    one = tmp_path / "one"
    _copy(ARTICLES[:3], one)
    procs = [subprocess.Popen([*EW, "ingest", str(one), "--db", url, "--quiet"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len(snapshot(url)["articles"]) == 3


@pytest.mark.postgres
def test_kill_minus_9_during_a_postgresql_ingest_then_rerun_completes_it_exactly(tmp_path):
    url = _postgres(tmp_path)
    src = tmp_path / "in"
    src.mkdir()
    n = 0
    for rep in range(2):
        for f in ARTICLES:
            d = json.loads(f.read_text(encoding="utf-8"))
            d["id"] = f"{d['id']}-copy{rep}"
            d["text"] += "\nCeci est une copie." if rep else ""
            (src / f"{d['id']}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
            n += 1
    Store(url)
    eng = create_engine(url)
    proc = subprocess.Popen([*EW, "ingest", str(src), "--db", url, "--quiet"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        with eng.connect() as c:
            if c.execute(text("SELECT count(*) FROM articles")).scalar() >= 5:
                break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with eng.connect() as c:
        partial = c.execute(text("SELECT count(*) FROM articles")).scalar()
    eng.dispose()
    assert 0 < partial < n, "the kill must land in the middle of the run"
    p = subprocess.run([*EW, "ingest", str(src), "--db", url, "--quiet"], capture_output=True, text=True,
                       timeout=900)
    assert p.returncode == 0 and f"{n - partial} new article(s), {partial} already stored" in p.stdout, p.stderr
    ref = _postgres(tmp_path)
    subprocess.run([*EW, "ingest", str(src), "--db", ref, "--quiet"], check=True, capture_output=True, timeout=900)
    assert snapshot(url) == snapshot(ref)


def test_a_full_disk_stops_with_a_coded_error_and_no_half_written_article(tmp_path):
    db = tmp_path / "full.sqlite"
    url = f"sqlite:///{db}"
    first, rest = tmp_path / "first", tmp_path / "rest"
    _copy(ARTICLES[:4], first)
    _copy(ARTICLES[4:40], rest)
    store = Store(url)
    ingest([str(first)], store, ReadOptions())
    before = snapshot(url)
    with store.engine.connect() as c:
        pages = c.exec_driver_sql("PRAGMA page_count").scalar()
    store.engine.dispose()
    # the disk holds only a few more pages: SQLite answers SQLITE_FULL ("database or disk is full")
    event.listen(store.engine, "connect", lambda con, _: con.execute(f"PRAGMA max_page_count = {pages + 3}"))
    with pytest.raises(StoreWriteError) as err:
        ingest([str(rest)], store, ReadOptions(), batch_size=8)
    assert err.value.code == "E204" and "full" in err.value.message
    store.engine.dispose()
    after = snapshot(url)
    # whatever committed before the disk filled is whole: every stored article has its reports and mentions
    assert set(before["articles"]) <= set(after["articles"])
    with create_engine(url).connect() as c:
        orphans = c.execute(text("SELECT count(*) FROM articles a WHERE NOT EXISTS "
                                 "(SELECT 1 FROM reports r WHERE r.article_id = a.id) AND a.diagnostics NOT LIKE "
                                 "'%no event found%'")).scalar()
        assert orphans == 0
        assert c.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_a_read_only_store_is_a_coded_error_with_nothing_written(tmp_path):
    db = tmp_path / "ro.sqlite"
    one = tmp_path / "one"
    _copy(ARTICLES[:2], one)
    subprocess.run([*EW, "ingest", str(one), "--db", f"sqlite:///{db}", "--quiet"], check=True,
                   capture_output=True, timeout=600)
    before = snapshot(f"sqlite:///{db}")
    more = tmp_path / "more"
    _copy(ARTICLES[2:5], more)
    (more / "broken.json").write_text("{", encoding="utf-8")
    p = subprocess.run([*EW, "ingest", str(more), "--db", f"sqlite:///file:{db}?mode=ro&uri=true", "--quiet"],
                       capture_output=True, text=True, timeout=600)
    assert p.returncode == 1 and "Traceback" not in p.stderr + p.stdout
    assert any(ln.startswith("error E204: ") and "readonly" in ln for ln in p.stderr.splitlines()), p.stderr
    assert snapshot(f"sqlite:///{db}") == before


@pytest.mark.postgres
def test_a_read_only_postgresql_database_is_a_coded_error(tmp_path):
    url = _postgres(tmp_path)
    Store(url)
    one = tmp_path / "one"
    _copy(ARTICLES[:2], one)
    ro = url + "%20-cdefault_transaction_read_only%3Don"  # every transaction of this session is read-only
    p = subprocess.run([*EW, "ingest", str(one), "--db", ro, "--quiet"], capture_output=True, text=True,
                       timeout=600, env={**os.environ})
    assert p.returncode == 1 and "Traceback" not in p.stderr + p.stdout
    assert any(ln.startswith("error E204: ") for ln in p.stderr.splitlines()), p.stderr
    assert snapshot(url)["articles"] == []
