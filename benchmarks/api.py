"""API speed: `GET /api/events` for one dyad and one month over a store of 1,000,000 events, through HTTP.

Usage: .venv/bin/python benchmarks/api.py [--events 1000000] [--queries 300] [--db DIR]

1. The store: benchmarks/store.py's query store (N synthetic happenings over three years, 40 states, 16 types,
   written straight into the store's tables; its own `find_events` figure is printed too), to which this script
   adds, for every event, an article, a report and a mention (the sentence), so that each answer carries its
   mentions with their outlet and spans as a real one does.
2. `eventwire serve --db ...` runs in its own process (uvicorn, one worker); this process asks it, over
   loopback HTTP with a keep-alive connection, `/api/events?dyad=A,B&since=M-01&until=M-last` for random
   dyads and months (as the dashboard does when an edge is clicked): median, 95th and 99th percentile in ms.
   Target: p95 under 200 ms. Also timed, for the record: the dashboard's other calls for one dyad or month
   (`/api/timeline` for the dyad over three years, `/api/network` for one month) and the unfiltered first page.
No timing is asserted in tests; figures go to README.md.
"""

from __future__ import annotations

import argparse
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store import START, STATES, bench_queries  # noqa: E402  (benchmarks/store.py: the 1,000,000-event store)

EXE = Path(sys.executable).with_name("eventwire")


def add_mentions(path: Path) -> None:
    """One article, report and mention for every event of the query store (the benchmark's events have none)."""
    con = sqlite3.connect(path)
    t0 = time.perf_counter()
    rows = con.execute("SELECT id, type, date, actor_codes, recipient_codes, json FROM events").fetchall()
    arts, reps, ments = [], [], []

    def flush() -> None:
        with con:
            con.executemany("INSERT INTO articles (id, content_hash, url, outlet, title, lang, published, text) "
                            "VALUES (?,?,?,?,?,?,?,?)", arts)
            con.executemany("INSERT INTO reports (id, event_id, article_id, type, date, match_date, date_precise, "
                            "symmetric, negated, hypothetical, actor_codes, recipient_codes, lang, json) "
                            "VALUES (?,?,?,?,?,?,1,0,0,0,?,?,'en',?)", reps)
            con.executemany('INSERT INTO mentions (report_id, event_id, article_id, field, start, "end", text, '
                            "trigger, rule, lang) VALUES (?,?,?,'text',0,?,?,?,'bench','en')", ments)
        arts.clear(), reps.clear(), ments.clear()

    for eid, typ, day, a_codes, r_codes, js in rows:
        a, b = (a_codes.split() + r_codes.split())[:2]
        sentence = f"{a} and {b}: a {typ.lower()} event reported on {day}."
        aid = f"art-{eid}"
        arts.append((aid, eid, f"https://example.org/{eid}", "Bench Wire", f"{a} {typ.lower()} {b}", "en", day,
                     sentence))
        reps.append((eid, eid, aid, typ, day, day, a_codes, r_codes, js))
        ments.append((eid, eid, aid, len(sentence), sentence, typ.lower()))
        if len(arts) >= 50_000:
            flush()
    flush()
    con.execute("ANALYZE")
    con.close()
    print(f"  added an article, a report and a mention to each of {len(rows)} events in "
          f"{time.perf_counter() - t0:.1f} s")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(client: httpx.Client, url: str, params: dict) -> tuple[float, dict]:
    t0 = time.perf_counter()
    r = client.get(url, params=params)
    ms = (time.perf_counter() - t0) * 1000
    r.raise_for_status()
    return ms, r.json()


def figures(times: list[float]) -> str:
    times = sorted(times)
    pick = lambda q: times[min(len(times) - 1, int(q * len(times)))]  # noqa: E731
    return f"median {statistics.median(times):.1f} ms, p95 {pick(0.95):.1f} ms, p99 {pick(0.99):.1f} ms"


def bench_api(path: Path, n_queries: int) -> None:
    port = free_port()
    server = subprocess.Popen([str(EXE), "serve", "--db", f"sqlite:///{path}", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            deadline = time.monotonic() + 120
            while True:
                try:
                    client.get("/openapi.json").raise_for_status()
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(f"the server did not start: {server.stderr.read().decode()}") from None
                    time.sleep(0.2)
            rnd = random.Random(11)
            for _ in range(10):  # warm-up (connection, first compilations)
                client.get("/api/events", params={"dyad": "RUS,TUR", "since": "2024-01-01", "until": "2024-01-31"})
            times, found, mentions = [], [], 0
            for _ in range(n_queries):
                a, b = rnd.sample(STATES, 2)
                month = START + timedelta(days=30 * rnd.randrange(36))
                first = month.replace(day=1)
                last = (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
                ms, page = timed(client, "/api/events", {"dyad": f"{a},{b}", "since": first.isoformat(),
                                                         "until": last.isoformat()})
                times.append(ms)
                found.append(len(page["events"]))
                mentions += sum(len(e["mentions"]) for e in page["events"])
            print(f"api: GET /api/events?dyad=A,B&since=M-01&until=M-last over HTTP, {n_queries} queries: "
                  f"{figures(times)} (median {statistics.median(found):.0f} events per answer, {mentions} mentions "
                  f"in all; target p95 < 200 ms)")
            others = {
                "GET /api/timeline?dyad=A,B (three years, per month)":
                    lambda a, b, m: ("/api/timeline", {"dyad": f"{a},{b}"}),
                "GET /api/network for one month (all dyads)":
                    lambda a, b, m: ("/api/network", {"since": m.replace(day=1).isoformat(),
                                                      "until": m.replace(day=28).isoformat()}),
                "GET /api/events first page, no filter": lambda a, b, m: ("/api/events", {}),
            }
            for label, make in others.items():
                ts = []
                for _ in range(max(5, n_queries // 10)):
                    a, b = rnd.sample(STATES, 2)
                    ts.append(timed(client, *make(a, b, START + timedelta(days=30 * rnd.randrange(36))))[0])
                print(f"  {label}: {figures(ts)} over {len(ts)} queries")
    finally:
        server.terminate()
        server.wait(10)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=300)
    ap.add_argument("--db", help="folder for the SQLite file (default: a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.db or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / "query.sqlite"
        for stale in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            stale.unlink(missing_ok=True)
        bench_queries(folder, args.events, 50)  # builds query.sqlite (and prints find_events' own figure)
        add_mentions(path)
        bench_api(path, args.queries)


if __name__ == "__main__":
    main()
