"""Long articles: time per MB and peak memory of coding one article of 100 KB .. 5 MB.

Each size runs in a fresh process (so its peak memory is its own): the process loads the pipeline, codes a
short article to warm it up, then codes one long article built from the gold set's texts of one language
(paragraphs of different articles, repeated until the size is reached). Reported: seconds per MB of text,
its ratio to the smallest size's (flat = linear time), and the process's peak resident memory.

    .venv/bin/python benchmarks/long_texts.py [--lang fr] [--sizes 100000,1000000,5000000]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build(lang: str, size: int) -> str:
    paras = []
    for f in sorted((ROOT / "tests/data/gold/articles").glob(f"{lang}-*.json")):
        paras += [p for p in json.loads(f.read_text(encoding="utf-8"))["text"].split("\n") if p.strip()]
    out, n, k = [], 0, 0
    while n < size:
        p = paras[k % len(paras)]
        out.append(p)
        n += len(p) + 1
        k += 1
    return "\n".join(out)[:size]


def child(lang: str, size: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    from eventwire.model import Article
    from eventwire.pipeline import Pipeline

    pipe = Pipeline()
    pipe.code(Article(id="warm", text=build(lang, 3000), lang=lang, published="2025-06-15"))
    rss_warm = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    text = build(lang, size)
    t0 = time.perf_counter()
    res = pipe.code(Article(id="long", text=text, lang=lang, published="2025-06-15"))
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert all(0 <= m.start <= m.end <= len(text) and text[m.start:m.end] == m.text
               for ev in res.events for m in ev.mentions if m.field == "text")
    print(json.dumps({"size": len(text), "seconds": secs, "peak_mb": peak, "warm_mb": rss_warm,
                      "events": len(res.events), "mentions": sum(len(e.mentions) for e in res.events)}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="fr")
    ap.add_argument("--sizes", default="100000,500000,1000000,2000000,5000000")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.lang, args.child)
        return
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        out = subprocess.run([sys.executable, __file__, "--lang", args.lang, "--child", str(size)],
                             capture_output=True, text=True, check=True)
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    base = rows[0]["seconds"] / rows[0]["size"]
    head = ("size", "s/MB", "vs first", "peak MB", "after warm-up", "events", "mentions")
    print(" ".join(f"{h:>{w}}" for h, w in zip(head, (10, 8, 9, 8, 14, 7, 9), strict=True)))
    for r in rows:
        per = r["seconds"] / r["size"]
        print(f"{r['size']:>10} {per * 1e6:>8.1f} {per / base:>9.2f} {r['peak_mb']:>8.0f} {r['warm_mb']:>14.0f} "
              f"{r['events']:>7} {r['mentions']:>9}")


if __name__ == "__main__":
    main()
