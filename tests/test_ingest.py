"""`eventwire ingest` end to end with the real models: folders and feeds, bad input, kill -9 and resume,
learned actors reused, and the README's walkthrough (ingest, one dyad for one month, Parquet)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import DATA

pytestmark = pytest.mark.model
EW = [sys.executable, "-m", "eventwire.cli"]

FEED = (Path(__file__).resolve().parents[1] / "examples" / "wire.rss").read_text(encoding="utf-8")

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<rss version="2.0"><channel><title>&lol3;</title><item><title>x</title><description>&lol3;</description></item>
</channel></rss>
"""

XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>t</title><item><title>x</title><description>&secret;</description></item>
</channel></rss>
"""


def run(*args, env=None, check=None):
    full_env = {**os.environ, **(env or {})}
    p = subprocess.run([*EW, *args], capture_output=True, text=True, env=full_env, timeout=600)
    if check is not None:
        assert p.returncode == check, p.stderr
    return p


def rows(db: Path, sql: str):
    with sqlite3.connect(db) as c:
        return c.execute(sql).fetchall()


def test_folder_and_feed_then_dyad_month_and_parquet(tmp_path):
    """The README's walkthrough: ingest a folder and a feed, list one dyad for one month, export Parquet."""
    import pyarrow.parquet as pq

    folder = tmp_path / "articles"
    shutil.copytree(DATA / "seed", folder)
    (folder / "gold.jsonl").unlink()
    feed = tmp_path / "wire.rss"
    feed.write_text(FEED, encoding="utf-8")
    db = tmp_path / "ew.sqlite"
    p = run("ingest", str(folder), str(feed), "--db", f"sqlite:///{db}", check=0)
    assert "3 new article(s)" in p.stdout and "0 rejected" in p.stdout
    assert rows(db, "select published, outlet from articles where id = 'https://example.org/feed/1'") == [
        ("2025-03-04", "Le Petit Observateur")]
    p = run("events", "--db", f"sqlite:///{db}", "--dyad", "RUS,TUR", "--since", "2025-03-01", "--until",
            "2025-03-31", "--format", "jsonl", check=0)
    evs = [json.loads(x) for x in p.stdout.splitlines()]
    assert len(evs) == 1 and evs[0]["type"] == "CONSULT" and evs[0]["date"] == "2025-03-03"
    assert evs[0]["mode"] == "phone"
    p = run("events", "--db", f"sqlite:///{db}", "--dyad", "RUS,TUR", "--since", "2025-08-01", "--until",
            "2025-08-31", "--format", "jsonl", check=0)
    assert [json.loads(x)["date"] for x in p.stdout.splitlines()] == ["2025-08-16"]
    run("export", "--db", f"sqlite:///{db}", "--format", "parquet", "--out", str(tmp_path / "pq"), check=0)
    assert pq.read_table(tmp_path / "pq" / "events.parquet").num_rows >= 3
    again = run("ingest", str(folder), str(feed), "--db", f"sqlite:///{db}", check=0)
    assert "0 new article(s), 3 already stored" in again.stdout


def test_bad_inputs_are_rejected_with_reasons_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bomb.rss").write_text(BOMB)
    (folder / "xxe.xml").write_text(XXE)
    (folder / "binary.json").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    (folder / "big.txt").write_text("La France a condamné la Russie mardi. " * 400)
    shutil.copy(DATA / "seed" / "article.json", folder / "good.json")
    db = tmp_path / "ew.sqlite"
    p = run("ingest", str(folder), "--db", f"sqlite:///{db}", "--max-bytes", "12000")
    assert p.returncode == 1
    assert "1 new article(s)" in p.stdout and "4 rejected" in p.stdout
    got = dict(rows(db, "select source, code from rejects"))
    assert {Path(k).name: v for k, v in got.items()} == {
        "bomb.rss": "E008", "xxe.xml": "E008", "binary.json": "E002", "big.txt": "E007"}
    assert "root:" not in p.stdout + p.stderr  # nothing from /etc/passwd was read
    assert "Traceback" not in p.stderr
    assert rows(db, "select count(*) from articles") == [(1,)]


def test_kill_minus_9_then_resume_loses_nothing_and_doubles_nothing(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    n = 0
    for rep in range(3):
        for f in sorted((DATA / "gold" / "articles").glob("*.json")):
            d = json.loads(f.read_text(encoding="utf-8"))
            d["id"] = f"{d['id']}-copy{rep}"
            d["text"] = d["text"] + ("\n" + "Ceci est une copie." if rep else "")
            (src / f"{d['id']}.json").write_text(json.dumps(d, ensure_ascii=False), encoding="utf-8")
            n += 1
    db = tmp_path / "killed.sqlite"
    proc = subprocess.Popen([*EW, "ingest", str(src), "--db", f"sqlite:///{db}", "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.time() + 300
    while time.time() < deadline and proc.poll() is None:
        try:
            stored = rows(db, "select count(*) from articles")[0][0]
        except sqlite3.Error:
            stored = 0
        if stored >= 5:
            break
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = rows(db, "select count(*) from articles")[0][0]
    assert 0 < partial < n, "the kill must land in the middle of the batch"
    p = run("ingest", str(src), "--db", f"sqlite:///{db}", "--quiet", check=0)
    assert f"{n - partial} new article(s), {partial} already stored" in p.stdout
    fresh = tmp_path / "fresh.sqlite"
    run("ingest", str(src), "--db", f"sqlite:///{fresh}", "--quiet", check=0)
    q = ("select e.type, e.date, group_concat(r.id) from events e join "
         "(select id, event_id from reports order by id) r on r.event_id = e.id group by e.id order by 3")
    assert rows(db, "select count(*) from articles") == [(n,)]
    assert rows(db, q) == rows(fresh, q)
    assert rows(db, "select count(*) from mentions") == rows(fresh, "select count(*) from mentions")


def test_learned_actor_is_stored_for_review_and_reused(tmp_path):
    first = {"id": "learn-1", "lang": "en", "published": "2025-05-06", "title": "Sweden summons envoy",
             "text": "Petra Lindqvist, the Swedish foreign ministry spokesperson, condemned Russia on Monday."}
    later = {"id": "learn-2", "lang": "en", "published": "2025-05-20", "title": "Stockholm criticises Moscow",
             "text": "Petra Lindqvist condemned Russia on Tuesday over the detention of a journalist."}
    for d in (first, later):
        (tmp_path / f"{d['id']}.json").write_text(json.dumps(d), encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'ew.sqlite'}"
    run("ingest", str(tmp_path / "learn-1.json"), "--db", db, check=0)
    p = run("actors", "learned", "--db", db, "--format", "json", check=0)
    learned = json.loads(p.stdout)
    assert [(x["name"], x["code"], x["status"]) for x in learned] == [("Petra Lindqvist", "SWE", "pending")]
    run("ingest", str(tmp_path / "learn-2.json"), "--db", db, check=0)
    p = run("events", "--db", db, "--actor", "Lindqvist", "--since", "2025-05-15", "--format", "jsonl", check=0)
    evs = [json.loads(x) for x in p.stdout.splitlines()]
    assert evs and evs[0]["actor"][0]["code"] == "SWE"
    assert evs[0]["actor"][0]["resolved_by"] == "learned"


def test_feed_on_standard_input_codes_each_item_in_its_own_language(tmp_path):
    db = tmp_path / "stdin.sqlite"
    p = subprocess.run([*EW, "ingest", "-", "--db", f"sqlite:///{db}"], input=FEED, capture_output=True, text=True,
                       timeout=600)
    assert p.returncode == 0, p.stderr
    assert rows(db, "select lang from articles order by id") == [("fr",), ("en",)]
    assert rows(db, "select type, actor_codes, recipient_codes from events order by type") == [
        ("ACCUSE", "UKR", "RUS"), ("CONSULT", "RUS TUR", "")]
