"""Store speed: writing already-coded articles, and a dyad + date-range query over a million events.

Usage: .venv/bin/python benchmarks/store.py [--articles 5000] [--events 1000000] [--queries 200] [--pg URL]
       [--growth 10000,100000] [--only writes|growth|queries] [--db DIR]

1. Writes: synthetic coded articles (3 events each, 40 states, 16 types, dates over three years, one report in
   four repeating the happening of another article, so merging is exercised) are saved with
   `Store.save_many` (--batch articles per transaction, as `eventwire ingest` does) into a fresh SQLite file:
   reports/s. Baseline in the same run, order alternated: the same report JSON rows written with one
   plain sqlite3 `executemany` into a one-table file (the floor cost of putting the bytes on disk); with --pg,
   the store into PostgreSQL against psycopg's COPY of the same rows. Targets: 5,000 reports/s into SQLite,
   10,000 into PostgreSQL.
   Growth: a store already holding 10,000 and then 100,000 events receives 2,000 more articles; reports/s
   must not fall by more than a third. Measured twice: articles spread over the same three years (the store
   gets denser as it grows) and an archive growing by days (100 articles a day; the new ones are the next days').
2. Queries: a second SQLite store is filled with N synthetic happenings through the store's own tables
   (bulk rows, no clustering) and `eventwire events --dyad A,B --since M-01 --until M-31` is run through
   `find_events` for random dyads and months: median and 95th percentile in ms. Target: median under 100 ms.
No timing is asserted in tests; figures go to README.md.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.store import Store
from eventwire.store.query import Filters, find_events

STATES = ["USA", "RUS", "CHN", "FRA", "DEU", "GBR", "UKR", "TUR", "IRN", "ISR", "IND", "PAK", "JPN", "KOR", "PRK",
          "BRA", "ARG", "MEX", "CAN", "ITA", "ESP", "POL", "HUN", "SAU", "QAT", "EGY", "SYR", "IRQ", "AFG", "NGA",
          "ZAF", "KEN", "ETH", "COD", "RWA", "VEN", "COL", "IDN", "AUS", "BLR"]
TYPES = ["CONSULT", "AGREE", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
START = date(2023, 1, 1)


def ent(code):
    return {"text": code, "code": code, "name": None, "kind": "state", "sector": None, "role": None}


def synthetic_articles(n: int, seed: int = 7, per_day: int | None = None):
    """Coded articles dated at random over three years, or, with `per_day`, that many a day, day after day (an
    archive that grows by days: earlier happenings are then picked among the recent ones)."""
    rnd = random.Random(seed)
    made = []
    for i in range(n):
        day = START + timedelta(days=i // per_day if per_day else rnd.randrange(1095))
        if made and rnd.random() < 0.25:  # follow-up coverage a few days after an earlier happening
            src_day = date.fromisoformat(rnd.choice(made[-20 * per_day:] if per_day else made)[3])
            later = src_day + timedelta(days=rnd.randrange(3))
            day = max(day, later) if per_day else later
        evs = []
        for k in range(3):
            if made and rnd.random() < 0.25:  # another report of an earlier happening
                src = rnd.choice(made[-20 * per_day:] if per_day else made)
                typ, a, b, d = src
            else:
                typ, a, b = rnd.choice(TYPES), *rnd.sample(STATES, 2)
                d = (day - timedelta(days=rnd.randrange(3))).isoformat()
                made.append((typ, a, b, d))
            sym = typ in ("CONSULT", "COOPERATE")
            text = f"{a} and {b}: {typ.lower()} report {i}.{k}"
            evs.append({
                "id": f"r{i:07d}.{k}", "type": typ, "mode": None, "context": [], "cameo": None, "score": None,
                "quad_class": None, "actor": [ent(a), ent(b)] if sym else [ent(a)],
                "recipient": [] if sym else [ent(b)], "symmetric": sym, "initiator": None, "date": d,
                "date_text": None, "location": None, "topics": [], "attribution": None, "negated": False,
                "hypothetical": False, "confidence": 0.7,
                "evidence": {"text": text, "start": 0, "end": len(text), "trigger": "x", "rule": "bench",
                             "field": "text"},
                "mentions": [{"article_id": f"a{i}", "url": None, "path": None, "lang": "en", "field": "text",
                              "text": text, "start": 0, "end": len(text), "trigger": "x", "attribution": None}]})
        yield {"article": {"id": f"a{i}", "path": None, "url": f"https://example.org/{i}", "outlet": "Bench",
                           "title": f"t{i}", "lang": "en", "published": day.isoformat()},
               "events": evs, "quotes": [], "diagnostics": [], "pipeline": "bench"}


def _report_rows(docs: list[dict]) -> list[tuple[str, str, str]]:
    return [(e["id"], d["article"]["id"], json.dumps(e)) for d in docs for e in d["events"]]


def bench_writes(folder: Path, n_articles: int, batch: int, pg: str | None) -> None:
    """Store speed against the floor cost of putting the same rows on disk, in the same run, order alternated."""
    docs = sorted(synthetic_articles(n_articles), key=lambda d: d["article"]["published"])
    n_events = sum(len(d["events"]) for d in docs)
    print(f"writes: {n_articles} articles, {n_events} reports; {batch} articles per transaction")

    def plain_sqlite(run: int) -> float:
        con = sqlite3.connect(folder / f"baseline{run}.sqlite")
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("CREATE TABLE ev (id TEXT PRIMARY KEY, article TEXT, json TEXT)")
        t0 = time.perf_counter()
        for i in range(0, len(docs), batch):
            with con:
                con.executemany("INSERT INTO ev VALUES (?, ?, ?)", _report_rows(docs[i:i + batch]))
        con.close()
        return time.perf_counter() - t0

    def store_into(url: str) -> tuple[float, int]:
        store = Store(url)
        t0 = time.perf_counter()
        for i in range(0, len(docs), batch):
            store.save_many([(d, d["article"]["title"], []) for d in docs[i:i + batch]])
        secs = time.perf_counter() - t0
        n = store.counts()["events"]
        store.engine.dispose()
        return secs, n

    base, mine = [], []
    for run in range(2):  # alternated: baseline first, then the store first
        if run == 0:
            base.append(plain_sqlite(run))
            mine.append(store_into(f"sqlite:///{folder / f'writes{run}.sqlite'}"))
        else:
            mine.append(store_into(f"sqlite:///{folder / f'writes{run}.sqlite'}"))
            base.append(plain_sqlite(run))
    b, (m, events) = min(base), min(mine)
    print(f"  SQLite: store {n_events / m:8.0f} reports/s ({events} events after merging); plain sqlite3 "
          f"executemany of the report JSON {n_events / b:8.0f} rows/s; store/plain time {m / b:.1f}x")
    if pg:
        import psycopg
        from sqlalchemy.engine import make_url

        def plain_copy() -> float:
            u = make_url(pg)
            with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname=u.database) as con:
                con.execute("DROP TABLE IF EXISTS bench_ev")
                con.execute("CREATE TABLE bench_ev (id TEXT PRIMARY KEY, article TEXT, json TEXT)")
                t0 = time.perf_counter()
                for i in range(0, len(docs), batch):
                    with con.cursor().copy("COPY bench_ev (id, article, json) FROM STDIN") as cp:
                        for row in _report_rows(docs[i:i + batch]):
                            cp.write_row(row)
                    con.commit()
                secs = time.perf_counter() - t0
                con.execute("DROP TABLE bench_ev")
            return secs

        def fresh_schema() -> str:
            from sqlalchemy import create_engine, text

            name = f"bench_{time.time_ns()}"
            eng = create_engine(pg)
            with eng.begin() as c:
                c.execute(text(f"CREATE SCHEMA {name}"))
            eng.dispose()
            return f"{pg}{'&' if '?' in pg else '?'}options=-csearch_path%3D{name}"

        copy_t = plain_copy()
        pg_t, pg_events = store_into(fresh_schema())
        copy_t = min(copy_t, plain_copy())
        print(f"  PostgreSQL: store {n_events / pg_t:8.0f} reports/s ({pg_events} events); psycopg COPY of the report "
              f"JSON {n_events / copy_t:8.0f} rows/s; store/COPY time {pg_t / copy_t:.1f}x")


def bench_growth(folder: Path, sizes: list[int], more: int, batch: int) -> None:
    """Ingest speed as the store grows: a store holding N events receives `more` further articles. Two ways to
    grow: articles spread over the same three years (the store gets denser: ten times the events per type, state
    and day at 100k), and an archive that grows by days at a constant 100 articles a day, the new articles being
    the next days' (the way a daily ingest grows a store)."""
    for per_day in (None, 100):
        how = f"{per_day} articles a day, day after day" if per_day else "spread over the same three years"
        print(f"growth: reports/s storing {more} more articles into a store of N events ({how})")
        _growth(folder, sizes, more, batch, per_day)


def _growth(folder: Path, sizes: list[int], more: int, batch: int, per_day: int | None) -> None:
    for n_target in sizes:
        store = Store(f"sqlite:///{folder / f'growth{n_target}_{per_day}.sqlite'}")
        gen = synthetic_articles(10 ** 7, seed=13, per_day=per_day)
        while store.counts()["events"] < n_target:
            store.save_many([(d, d["article"]["title"], []) for d in (next(gen) for _ in range(500))])
        before = store.counts()["events"]
        extra = [next(gen) for _ in range(more)]
        n_reports = sum(len(d["events"]) for d in extra)
        t0 = time.perf_counter()
        for i in range(0, len(extra), batch):
            store.save_many([(d, d["article"]["title"], []) for d in extra[i:i + batch]])
        secs = time.perf_counter() - t0
        print(f"  N = {before:7d} events: {n_reports / secs:8.0f} reports/s")
        store.engine.dispose()


def bench_queries(folder: Path, n_events: int, n_queries: int) -> None:
    path = folder / "query.sqlite"
    store = Store(f"sqlite:///{path}")
    rnd = random.Random(11)
    con = sqlite3.connect(path)
    t0 = time.perf_counter()
    batch_e, batch_d = [], []
    for i in range(n_events):
        typ = rnd.choice(TYPES)
        a, b = rnd.sample(STATES, 2)
        d = (START + timedelta(days=rnd.randrange(1095))).isoformat()
        sym = typ in ("CONSULT", "COOPERATE")
        ev = {"id": f"e{i}", "type": typ, "date": d, "actor": [ent(a)] + ([ent(b)] if sym else []),
              "recipient": [] if sym else [ent(b)], "symmetric": sym, "mentions": []}
        batch_e.append((f"e{i}", typ, d, 1, int(sym), a if not sym else f"{a} {b}", "" if sym else b, 0, 0, 1, 1, 1,
                        json.dumps(ev)))
        pairs = [(a, b), (b, a)] if sym else [(a, b)]
        batch_d += [(f"e{i}", x, y, d) for x, y in pairs]
        if len(batch_e) >= 50_000 or i == n_events - 1:
            with con:
                con.executemany("INSERT INTO events (id, type, date, date_precise, symmetric, actor_codes, "
                                "recipient_codes, negated, hypothetical, n_reports, n_articles, n_mentions, json) "
                                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", batch_e)
                con.executemany("INSERT INTO dyads (event_id, a, b, date) VALUES (?,?,?,?)", batch_d)
            batch_e, batch_d = [], []
    con.execute("ANALYZE")
    con.close()
    print(f"queries: {n_events} events loaded in {time.perf_counter() - t0:.1f} s")
    times, found = [], []
    for _ in range(n_queries):
        a, b = rnd.sample(STATES, 2)
        month = START + timedelta(days=30 * rnd.randrange(36))
        f = Filters(dyad=(a, b), since=month.replace(day=1).isoformat(),
                    until=(month.replace(day=28) + timedelta(days=4)).replace(day=1).isoformat())
        t0 = time.perf_counter()
        found.append(len(list(find_events(store, f))))
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    print(f"  dyad + one month: median {statistics.median(times):.1f} ms, p95 {times[int(0.95 * len(times))]:.1f} ms"
          f" over {n_queries} queries (median {statistics.median(found):.0f} events returned)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=5000)
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--batch", type=int, default=200, help="articles per transaction (as ingest does)")
    ap.add_argument("--growth", default="10000,100000", help="store sizes (events) for the growth measure")
    ap.add_argument("--pg", help="a PostgreSQL URL to measure too (a schema is created for the run)")
    ap.add_argument("--only", choices=["writes", "growth", "queries"], help="one part only")
    ap.add_argument("--db", help="folder for the SQLite files (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.db or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if args.only in (None, "writes"):
            bench_writes(folder, args.articles, args.batch, args.pg)
        if args.only in (None, "growth"):
            bench_growth(folder, [int(x) for x in args.growth.split(",")], 2000, args.batch)
        if args.only in (None, "queries"):
            bench_queries(folder, args.events, args.queries)


if __name__ == "__main__":
    main()
