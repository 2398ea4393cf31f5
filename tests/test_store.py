"""The store on SQLite and on a real PostgreSQL server: one event per happening, idempotence, queries, exports.

These tests build coded articles by hand (the contract's dicts), so they check the store alone; the model
end-to-end cases are in test_ingest.py. PostgreSQL: `.ci/run` starts a server (scripts/pg.sh) and sets
EVENTWIRE_TEST_PG_URL; without it the PostgreSQL variants are skipped locally and fail under CI=true.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from eventwire.store import Store
from eventwire.store.cluster import cluster, compatible, report_key
from eventwire.store.export import GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, export
from eventwire.store.query import Filters, find_events, stats

PG_URL = os.environ.get("EVENTWIRE_TEST_PG_URL")


def _sqlite(tmp_path):
    return f"sqlite:///{tmp_path / f'{uuid.uuid4().hex}.sqlite'}"


def _postgres(_tmp_path):
    if not PG_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must run the PostgreSQL tests: EVENTWIRE_TEST_PG_URL is not set (see scripts/pg.sh)")
        pytest.skip("no PostgreSQL server (set EVENTWIRE_TEST_PG_URL, e.g. from `bash scripts/pg.sh start`)")
    schema = f"t_{uuid.uuid4().hex[:12]}"
    eng = create_engine(PG_URL)
    with eng.begin() as c:
        c.execute(text(f"CREATE SCHEMA {schema}"))
    eng.dispose()
    sep = "&" if "?" in PG_URL else "?"
    return f"{PG_URL}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(params=[pytest.param(_sqlite, id="sqlite"), pytest.param(_postgres, id="postgresql",
                                                                          marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    return request.param(tmp_path)


def ent(code, name=None, kind=None):
    return {"text": name or code, "code": code, "name": name, "kind": kind or ("person" if name else "state"),
            "sector": "GOV", "role": None}


def event(eid, typ, actor, recipient=(), *, date=None, mode=None, symmetric=False, negated=False, text="…",
          lang="fr", aid="a", source=None):
    return {"id": eid, "type": typ, "mode": mode, "context": ["diplomatic"], "cameo": None, "score": None,
            "quad_class": None, "actor": list(actor), "recipient": list(recipient), "symmetric": symmetric,
            "initiator": None, "date": date, "date_text": None, "location": None, "topics": [], "attribution": None,
            "negated": negated, "hypothetical": False, "confidence": 0.8,
            "evidence": {"text": text, "start": 0, "end": len(text), "trigger": "x", "rule": "t", "field": "text"},
            "mentions": [{"article_id": aid, "url": f"https://example.org/{aid}", "path": None, "lang": lang,
                          "field": "text", "text": text, "start": 0, "end": len(text), "trigger": "x",
                          "attribution": {"source": source} if source else None}]}


def article(aid, published, lang, events, outlet="Le Courrier"):
    for ev in events:
        for m in ev["mentions"]:
            m["article_id"], m["lang"] = aid, lang
    return {"article": {"id": aid, "path": f"{aid}.json", "url": f"https://example.org/{aid}", "outlet": outlet,
                        "title": f"title {aid}", "lang": lang, "published": published},
            "events": events, "quotes": [], "diagnostics": [], "pipeline": "test"}


LAVROV, FIDAN = ent("RUS", "Sergey Lavrov"), ent("TUR", "Hakan Fidan")
RUBIO = ent("USA", "Marco Rubio")


def meeting_in_three_languages():
    """One Lavrov-Fidan meeting told in French (dated), English (dated) and Spanish (undated, next day)."""
    return [
        article("fr-1", "2025-03-04", "fr", [event("r-fr", "CONSULT", [LAVROV, FIDAN], date="2025-03-03",
                                                    symmetric=True, text="Lavrov a rencontré Fidan lundi")]),
        article("en-1", "2025-03-04", "en", [event("r-en", "CONSULT", [ent("RUS"), ent("TUR")], date="2025-03-03",
                                                    symmetric=True, text="Russia and Turkey held talks on Monday",
                                                    source="Reuters")]),
        article("es-1", "2025-03-04", "es", [event("r-es", "CONSULT", [LAVROV, FIDAN], symmetric=True,
                                                    text="Lavrov se reunió con Fidan")]),
    ]


def _happenings(store):
    return sorted((e["type"], tuple(e["reports"]), e["date"]) for e in find_events(
        store, Filters(include_negated=True)))


def test_one_meeting_in_three_languages_is_one_event(store_url):
    store = Store(store_url)
    for d in meeting_in_three_languages():
        assert store.save(d, text="…")
    evs = list(find_events(store, Filters()))
    assert len(evs) == 1
    ev = evs[0]
    assert ev["reports"] == ["r-en", "r-es", "r-fr"] and ev["langs"] == ["en", "es", "fr"]
    assert len(ev["mentions"]) == 3 and {m["article_id"] for m in ev["mentions"]} == {"fr-1", "en-1", "es-1"}
    assert ev["date"] == "2025-03-03" and ev["date_precise"] is True
    assert {e["name"] for e in ev["actor"] if e["kind"] == "person"} == {"Sergey Lavrov", "Hakan Fidan"}
    assert ev["sources"] == ["Reuters"]
    c = store.counts()
    assert (c["articles"], c["events"], c["reports"], c["mentions"]) == (3, 1, 3, 3)


def test_same_ministers_on_different_days_stay_two(store_url):
    store = Store(store_url)
    store.save(article("a1", "2025-03-04", "fr", [event("r1", "CONSULT", [LAVROV, FIDAN], date="2025-03-03",
                                                        symmetric=True, mode="phone")]), text="…")
    store.save(article("a2", "2025-03-08", "en", [event("r2", "CONSULT", [LAVROV, FIDAN], date="2025-03-07",
                                                        symmetric=True, mode="phone")]), text="…")
    assert len(list(find_events(store, Filters()))) == 2


def test_incompatible_reports_are_not_merged():
    base = event("x", "CONSULT", [LAVROV, FIDAN], date="2025-03-03", symmetric=True, mode="phone")
    k = report_key(base, "a", "2025-03-04")
    other = report_key(event("y", "CONSULT", [LAVROV, FIDAN], date="2025-03-03", symmetric=True, mode="phone"),
                       "b", "2025-03-04")
    assert compatible(k, other)
    for changed in (
        event("y", "CONSULT", [LAVROV, FIDAN], date="2025-03-03", symmetric=True, mode="visit"),  # mode
        event("y", "AGREE", [LAVROV, FIDAN], date="2025-03-03", symmetric=True),  # type
        event("y", "CONSULT", [LAVROV, RUBIO], date="2025-03-03", symmetric=True),  # participants
        event("y", "CONSULT", [ent("RUS", "Vladimir Putin"), FIDAN], date="2025-03-03", symmetric=True),  # person
        event("y", "CONSULT", [LAVROV, FIDAN], date="2025-03-03", symmetric=True, negated=True),  # negated
        event("y", "CONSULT", [LAVROV, FIDAN], date="2025-03-04", symmetric=True),  # precise dates differ
    ):
        assert not compatible(k, report_key(changed, "b", "2025-03-04")), changed
    same_article = report_key(event("y", "CONSULT", [LAVROV, FIDAN], date="2025-03-03", symmetric=True), "a", None)
    assert not compatible(k, same_article)
    # an undated report (publication date) is one day away at most
    undated = report_key(event("y", "CONSULT", [LAVROV, FIDAN], symmetric=True), "b", "2025-03-04")
    assert compatible(k, undated)
    late = report_key(event("y", "CONSULT", [LAVROV, FIDAN], symmetric=True), "b", "2025-03-06")
    assert not compatible(k, late)
    # directed: the recipients must overlap when both sides name one
    acc1 = report_key(event("p", "ACCUSE", [ent("UKR")], [ent("RUS")], date="2025-03-03"), "a", None)
    acc2 = report_key(event("q", "ACCUSE", [ent("UKR")], [ent("BLR")], date="2025-03-03"), "b", None)
    assert not compatible(acc1, acc2)
    # a target that is also the report's own actor neither joins nor separates: "[GBR, UKR] -> GBR" told the
    # signing GBR -> UKR reports
    sup1 = report_key(event("s", "SUPPORT", [ent("GBR")], [ent("UKR")], date="2025-01-16"), "a", None)
    sup2 = report_key(event("t", "SUPPORT", [ent("GBR"), ent("UKR")], [ent("GBR")], date="2025-01-16"), "b", None)
    assert compatible(sup1, sup2)
    sup3 = report_key(event("u", "SUPPORT", [ent("GBR")], [ent("GBR"), ent("MDA")], date="2025-01-16"), "c", None)
    assert not compatible(sup1, sup3)


def test_no_chaining_through_a_bridge_and_the_bridge_goes_to_the_better_event():
    # A (stated 3rd) ~ B (dated only by its publication, 4th) ~ C (stated 4th), but A and C state different days:
    # two happenings, never one chained through B; B fits C better (the same day) and goes there
    a = report_key(event("a", "CONSULT", [LAVROV, FIDAN], date="2025-03-03", symmetric=True), "A", "2025-03-03")
    b = report_key(event("b", "CONSULT", [LAVROV, FIDAN], symmetric=True), "B", "2025-03-04")
    c = report_key(event("c", "CONSULT", [LAVROV, FIDAN], date="2025-03-04", symmetric=True), "C", "2025-03-05")
    assert compatible(a, b) and compatible(b, c) and not compatible(a, c)
    for perm in itertools.permutations([a, b, c]):
        assert [[k.id for k in g] for g in cluster(list(perm))] == [["a"], ["b", "c"]]


def test_a_publication_date_covers_the_days_before_it_never_after():
    stated = report_key(event("s", "SANCTION", [ent("EU")], [ent("RUS")], date="2025-07-18"), "A", "2025-07-18")
    for published, ok in (("2025-07-18", True), ("2025-07-20", True), ("2025-07-21", False), ("2025-07-17", False)):
        news = report_key(event("n", "SANCTION", [ent("EU")], [ent("RUS")]), "B", published)
        assert compatible(stated, news) is ok, published


def test_two_speakers_condemning_one_attack_are_two_statements():
    minister = report_key(event("a", "ACCUSE", [ent("UKR", "Andrii Sybiha")], [ent("RUS")], date="2025-07-31"), "A",
                          None)
    president = report_key(event("b", "ACCUSE", [ent("UKR", "Volodymyr Zelensky")], [ent("RUS")], date="2025-07-31"),
                           "B", None)
    unnamed = report_key(event("c", "ACCUSE", [ent("UKR")], [ent("RUS")], date="2025-07-31"), "C", None)
    assert not compatible(minister, president)
    assert compatible(minister, unnamed) and compatible(president, unnamed)


def test_types_and_modes_one_act_may_be_coded_with_come_from_the_data_table():
    sign = report_key(event("s", "SUPPORT", [ent("UKR"), ent("GBR")], symmetric=True, date="2025-01-16"), "A", None)
    agree = report_key(event("g", "AGREE", [ent("UKR"), ent("GBR")], symmetric=True, date="2025-01-16"), "B", None)
    accuse = report_key(event("c", "ACCUSE", [ent("UKR")], [ent("GBR")], date="2025-01-16"), "C", None)
    assert compatible(sign, agree) and not compatible(sign, accuse)
    strike = report_key(event("x", "ASSAULT", [ent("RUS")], [ent("UKR")], mode="aerial", date="2025-07-31"), "A",
                        None)
    drones = report_key(event("y", "ASSAULT", [ent("RUS")], [ent("UKR")], mode="drone", date="2025-07-31"), "B",
                        None)
    call = report_key(event("p", "CONSULT", [LAVROV, FIDAN], mode="phone", symmetric=True, date="2025-07-31"), "A",
                      None)
    visit = report_key(event("v", "CONSULT", [LAVROV, FIDAN], mode="visit", symmetric=True, date="2025-07-31"), "B",
                       None)
    assert compatible(strike, drones) and not compatible(call, visit)


def test_order_of_ingest_does_not_change_events(tmp_path):
    docs = meeting_in_three_languages() + [
        article("x1", "2025-03-05", "en", [event("r-x1", "ACCUSE", [ent("UKR")], [ent("RUS")], date="2025-03-04")]),
        article("x2", "2025-03-05", "fr", [event("r-x2", "ACCUSE", [ent("UKR", "Andrii Sybiha")], [ent("RUS")])]),
        article("x3", "2025-03-09", "fr", [event("r-x3", "CONSULT", [LAVROV, FIDAN], date="2025-03-08",
                                                  symmetric=True)]),
        article("x4", "2025-03-09", "fr", [event("r-x4", "CONSULT", [LAVROV, FIDAN], date="2025-03-08",
                                                  symmetric=True, negated=True)]),
    ]
    results = []
    for n, order in enumerate([docs, docs[::-1], docs[2:] + docs[:2], [docs[i] for i in (3, 0, 5, 1, 6, 2, 4)]]):
        store = Store(f"sqlite:///{tmp_path / f'o{n}.sqlite'}")
        for d in order:
            store.save(json.loads(json.dumps(d)), text="…")
        results.append(_happenings(store))
    assert all(r == results[0] for r in results)
    assert len(results[0]) == 4  # the meeting, the accusation, the 8 March meeting, its negated mention


def test_idempotent_and_recoding_a_changed_article_reclusters(store_url):
    store = Store(store_url)
    docs = meeting_in_three_languages()
    for d in docs:
        store.save(d, text="…")
    assert not store.save(docs[0], text="…")  # same id, same content: nothing added
    assert store.counts()["reports"] == 3
    # the Spanish article changes: it now tells a different meeting (Rubio) -> the happening splits
    changed = article("es-1", "2025-03-04", "es", [event("r-es2", "CONSULT", [RUBIO, FIDAN], symmetric=True)])
    assert store.save(changed, text="otro texto")
    evs = {tuple(e["reports"]) for e in find_events(store, Filters())}
    assert evs == {("r-en", "r-fr"), ("r-es2",)}
    c = store.counts()
    assert (c["articles"], c["reports"], c["mentions"]) == (3, 3, 3)


def test_queries_filter_by_dyad_actor_type_dates_lang_outlet_text(store_url):
    store = Store(store_url)
    for d in meeting_in_three_languages():
        store.save(d, text="…")
    store.save(article("x1", "2025-04-02", "en", [event("r-x1", "ACCUSE", [ent("UKR")], [ent("RUS")],
                                                        date="2025-04-01", text="Kyiv accused Moscow")],
                       outlet="The Meridian Wire"), text="…")

    def ids(**kw):
        return [tuple(e["reports"]) for e in find_events(store, Filters(**kw))]

    meeting, accusation = ("r-en", "r-es", "r-fr"), ("r-x1",)
    assert ids(dyad=("RUS", "TUR")) == [meeting] == ids(dyad=("TUR", "RUS"))  # symmetric: both orders
    assert ids(dyad=("UKR", "RUS")) == [accusation] and ids(dyad=("RUS", "UKR")) == []  # directed
    assert ids(actor=["RUS"]) == [meeting, accusation]
    assert ids(actor=["lavrov"]) == [meeting]
    assert ids(type=["ACCUSE"]) == [accusation]
    assert ids(since="2025-04-01", until="2025-04-30") == [accusation]
    assert ids(dyad=("RUS", "TUR"), since="2025-04-01") == []
    assert ids(lang=["es"]) == [meeting]
    assert ids(outlet="meridian") == [accusation]
    assert ids(text="accused moscow") == [accusation]
    assert ids(context=["diplomatic"]) == [meeting, accusation]
    assert dict(stats(store, Filters(), "type")) == {"CONSULT": 1, "ACCUSE": 1}
    assert dict(stats(store, Filters(), "month")) == {"2025-03": 1, "2025-04": 1}
    assert dict(stats(store, Filters(), "dyad"))["UKR->RUS"] == 1


def test_exports_load_in_one_line(store_url, tmp_path):
    import pyarrow.parquet as pq

    store = Store(store_url)
    for d in meeting_in_three_languages():
        store.save(d, text="…")
    out = tmp_path / "out"
    assert export(store, "parquet", str(out / "pq"), Filters()) == {"events": 1, "mentions": 3}
    t = pq.read_table(out / "pq" / "events.parquet").to_pylist()
    assert t[0]["n_reports"] == 3 and t[0]["actor_codes"] == "RUS;TUR" and t[0]["date"] == "2025-03-03"
    assert pq.read_table(out / "pq" / "mentions.parquet").num_rows == 3
    export(store, "csv", str(out / "csv"), Filters())
    rows = list(csv.DictReader(open(out / "csv" / "events.csv", encoding="utf-8")))
    assert rows[0]["type"] == "CONSULT" and rows[0]["langs"] == "en;es;fr"
    export(store, "gdelt", str(out / "gdelt"), Filters())
    ev_rows = [ln.split("\t") for ln in (out / "gdelt" / "events.export.tsv").read_text().splitlines()]
    assert len(ev_rows) == 1 and len(ev_rows[0]) == len(GDELT_EVENT_COLUMNS) == 61
    row = dict(zip(GDELT_EVENT_COLUMNS, ev_rows[0], strict=True))
    assert row["SQLDATE"] == "20250303" and row["Actor1CountryCode"] == "RUS" and row["NumArticles"] == "3"
    m_rows = [ln.split("\t") for ln in (out / "gdelt" / "mentions.tsv").read_text().splitlines()]
    assert len(m_rows) == 3 and all(len(r) == len(GDELT_MENTION_COLUMNS) == 16 for r in m_rows)
    export(store, "plover", str(out / "plover.jsonl"), Filters())
    rec = json.loads((out / "plover.jsonl").read_text())
    assert rec["event"] == "CONSULT" and rec["actor"] == ["RUS", "TUR"] and rec["num_articles"] == 3
    # names and sectors line up with the codes, one each; names are canonical (the minister, not "Lavrov")
    assert len(rec["actor_name"]) == len(rec["actor_sector"]) == 2
    assert rec["actor_name"][0] == "Sergey Lavrov" and rec["actor_sector"] == ["GOV", "GOV"]
    assert row["Actor1Name"] == "SERGEY LAVROV"
    export(store, "json", str(out / "articles.jsonl"), Filters())
    docs = [json.loads(x) for x in (out / "articles.jsonl").read_text().splitlines()]
    assert sorted(d["article"]["id"] for d in docs) == ["en-1", "es-1", "fr-1"]
    assert all(len(d["events"]) == 1 for d in docs)


def test_rejects_are_recorded_once(store_url):
    from eventwire.model import Reject

    store = Store(store_url)
    for _ in range(2):
        store.reject(Reject("bad.json", "E004", "invalid JSON"))
    assert store.counts()["rejects"] == 1


def test_migrations_are_at_head_and_match_the_tables(store_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from eventwire.store.migrate import current, head
    from eventwire.store.schema import metadata

    store = Store(store_url)
    assert current(store.engine) == head(store.engine) is not None
    with store.engine.connect() as c:
        diff = compare_metadata(MigrationContext.configure(c), metadata)
    assert diff == []


def test_legacy_store_is_refused_not_changed(tmp_path):
    from eventwire.errors import EventwireError

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    eng = create_engine(url)
    with eng.begin() as c:
        c.execute(text("CREATE TABLE articles (id TEXT PRIMARY KEY)"))
    with pytest.raises(EventwireError) as err:
        Store(url)
    assert err.value.code == "E203"


def test_migration_0003_indexes_the_reports_of_an_older_store(store_url):
    """A store written before the code index (revision 0002) gets one row per code of each dated report, the
    same rows a new store writes, and merges a new report with the old ones through it."""
    from eventwire.store import migrate

    docs = [article("m1", "2025-08-16", "fr", [event("m1.e1", "CONSULT", [ent("RUS"), ent("TUR")],
                                                       date="2025-08-16", symmetric=True, aid="m1")]),
            article("m2", "2025-08-16", "en", [event("m2.e1", "ACCUSE", [ent("FRA")], [ent("RUS")], aid="m2")])]
    fresh = Store(store_url)
    for d in docs:
        fresh.save(d, text="…")
    with fresh.engine.connect() as c:
        expected = sorted(tuple(r) for r in c.execute(text(
            "SELECT report_id, code, type_group, match_day, article_id FROM report_codes")))
    assert [r[:2] for r in expected] == [("m1.e1", "RUS"), ("m1.e1", "TUR"), ("m2.e1", "FRA"), ("m2.e1", "RUS")]
    from alembic import command

    command.downgrade(migrate.config(fresh.engine), "0002")  # back to 0002, the reports kept
    assert migrate.current(fresh.engine) == "0002"
    migrate.upgrade(fresh.engine)
    with fresh.engine.connect() as c:
        again = sorted(tuple(r) for r in c.execute(text(
            "SELECT report_id, code, type_group, match_day, article_id FROM report_codes")))
    assert again == expected
    fresh.save(article("m3", "2025-08-17", "es", [event("m3.e1", "CONSULT", [ent("TUR"), ent("RUS")],
                                                          date="2025-08-16", symmetric=True, aid="m3")]), text="…")
    assert [len(e["reports"]) for e in find_events(fresh, Filters(type=["CONSULT"]))] == [2]
