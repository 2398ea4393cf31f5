"""A GDELT day, simulated: ingest N realistic-length articles with 1 and 2 Dask workers; time, memory, store size.

Usage: .venv/bin/python benchmarks/gdelt_day.py [--sizes 1000,5000] [--workers 1,2] [--day 250000]

Articles are made from eventwire's own texts (the realistic development articles in four languages): each is a
title and paragraphs of one language drawn in turn from the corpus until it holds 600-800 words, with its own id
and a publication time on one day. For each size and worker count, a fresh SQLite store receives
`eventwire ingest FOLDER --workers W` (a whole process: cluster start and model loading included). Printed: wall
time, articles/s, seconds per article (flat across sizes = linear), the peak memory of each worker (from the
workers themselves) and of the writer, and the store's size; then the time a day of --day articles would take
at the largest size's rate. No test asserts a time; the figures go to the README.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "realistic" / "dev" / "articles"


def corpus() -> dict[str, tuple[list[str], list[str]]]:
    """lang -> (titles, paragraphs) of the realistic development articles."""
    out: dict[str, tuple[list[str], list[str]]] = {}
    for f in sorted(DEV.glob("*.json")):
        a = json.loads(f.read_text(encoding="utf-8"))
        titles, paras = out.setdefault(a["lang"], ([], []))
        titles.append(a["title"])
        paras += [p for p in a["text"].split("\n") if len(p.split()) >= 12]
    return out


def make(folder: Path, n: int, seed: int = 5) -> int:
    rnd = random.Random(seed)
    texts = corpus()
    langs = sorted(texts)
    words = 0
    folder.mkdir(parents=True)
    for i in range(n):
        lang = langs[i % len(langs)]
        titles, paras = texts[lang]
        target = rnd.randrange(600, 801)
        body, count = [], 0
        k = rnd.randrange(len(paras))
        while count < target:
            p = paras[k % len(paras)]
            body.append(p)
            count += len(p.split())
            k += rnd.randrange(1, 7)
        words += count
        minute = rnd.randrange(24 * 60)
        art = {"id": f"day-{i:06d}", "lang": lang, "published": f"2025-07-18T{minute // 60:02d}:{minute % 60:02d}:00Z",
               "outlet": f"Outlet {i % 97}", "title": titles[i % len(titles)], "text": "\n".join(body)}
        (folder / f"{art['id']}.json").write_text(json.dumps(art, ensure_ascii=False), encoding="utf-8")
    return words


def run(folder: Path, db: Path, workers: int) -> dict:
    cmd = [sys.executable, "-m", "eventwire.cli", "ingest", str(folder), "--db", f"sqlite:///{db}", "--quiet",
           "--workers", str(workers)]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, check=True)
    secs = time.perf_counter() - t0
    writer = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    m = re.search(r"peak memory per worker (\d+) MB", p.stdout)
    stored = re.search(r"totals: (\d+) articles, (\d+) events", p.stdout)
    return {"seconds": secs, "worker_mb": int(m[1]) if m else None, "writer_mb_max_so_far": round(writer),
            "articles": int(stored[1]), "events": int(stored[2]), "store_mb": db.stat().st_size / 2 ** 20}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--day", type=int, default=250_000)
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    counts = [int(x) for x in args.workers.split(",")]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"in{n}"
            words = make(folder, n)
            for w in counts:
                db = Path(tmp) / f"s{n}-{w}.sqlite"
                r = run(folder, db, w)
                r.update(n=n, workers=w, words=words)
                rows.append(r)
                print(f"{n:>7} articles ({words / n:.0f} words each), {w} worker(s): {r['seconds']:8.1f} s, "
                      f"{n / r['seconds']:6.2f} articles/s, {r['seconds'] / n:.3f} s/article, peak per worker "
                      f"{r['worker_mb']} MB, store {r['store_mb']:.1f} MB ({r['events']} events)", flush=True)
    for w in counts:
        last = max((r for r in rows if r["workers"] == w), key=lambda r: r["n"])
        day = args.day * last["seconds"] / last["n"]
        print(f"a day of {args.day} articles with {w} worker(s): {day / 3600:.1f} h at the {last['n']}-article rate; "
              f"store about {last['store_mb'] * args.day / last['n'] / 1024:.1f} GB")
    base = {r["n"]: r["seconds"] for r in rows if r["workers"] == counts[0]}
    if len(counts) > 1:
        for n in sizes:
            two = next(r["seconds"] for r in rows if r["n"] == n and r["workers"] == counts[-1])
            print(f"{n} articles: {counts[-1]} workers are {base[n] / two:.2f}x one")


if __name__ == "__main__":
    main()
