"""Throughput and peak memory of eventwire against a bare spaCy parse of the same texts, same model.

Usage: .venv/bin/python benchmarks/throughput.py [--copies N] [--classifier add|veto|both]
Codes the gold-set articles (tests/data/gold/articles, four languages) N times over (default 5, i.e.
720 articles) and prints articles/s, words/s and peak RSS growth for both runs, and their ratio.
The ratio is the figure to watch (target: eventwire <= 1.3x the bare parse); no timing is asserted in tests.
With --classifier, a third run codes them with the learned type classifier too (its cost: embeddings).
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from eventwire.model import Article
from eventwire.nlp import models
from eventwire.nlp.text import normalise
from eventwire.pipeline import Pipeline
from eventwire.sources.readers import ReadOptions, read_inputs

ROOT = Path(__file__).resolve().parents[1]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=5)
    ap.add_argument("--classifier", choices=["add", "veto", "both"])
    args = ap.parse_args()
    base = [a for a in read_inputs([str(ROOT / "tests/data/gold/articles")], ReadOptions()) if isinstance(a, Article)]
    arts = [Article(**{**a.__dict__, "id": f"{a.id}#{k}"}) for k in range(args.copies) for a in base]
    words = sum(len(((a.title or "") + " " + a.text).split()) for a in arts)
    pipe = Pipeline()
    for lang in sorted({a.lang for a in arts}):  # load models and build matchers before timing
        nlp = models.load(models.model_name_for(lang))
        pipe.code(arts[[a.lang for a in arts].index(lang)])
        nlp("warm up")
    rows = []
    m0 = peak_mb()
    t0 = time.perf_counter()
    for lang in sorted({a.lang for a in arts}):
        nlp = models.load(models.model_name_for(lang))
        texts = []
        for a in arts:
            if a.lang == lang:
                texts += [normalise(a.text), normalise(a.title or "")]
        with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p.startswith("eventwire_")
                                       and p != "eventwire_paragraphs"]):
            for _ in nlp.pipe(texts, batch_size=64):
                pass
    bare = time.perf_counter() - t0
    m1 = peak_mb()
    t0 = time.perf_counter()
    n_events = sum(len(r.events) for r in pipe.code_many(arts, batch_size=64))
    full = time.perf_counter() - t0
    m2 = peak_mb()
    rows.append(("bare nlp.pipe", bare, m1 - m0))
    rows.append(("eventwire", full, m2 - m1))
    if args.classifier:
        with_cl = Pipeline(classifier=args.classifier)
        with_cl.code(arts[0])  # loads the embedding model
        m3 = peak_mb()
        t0 = time.perf_counter()
        for _ in with_cl.code_many(arts, batch_size=64):
            pass
        rows.append((f"+classifier {args.classifier}", time.perf_counter() - t0, peak_mb() - m3))
    print(f"{len(arts)} articles, {words} words, {n_events} events coded")
    for name, secs, mem in rows:
        print(f"{name:14s} {len(arts) / secs:8.1f} articles/s {words / secs:9.0f} words/s  "
              f"peak RSS growth {mem:7.1f} MB")
    print(f"ratio eventwire/bare: {full / bare:.2f}x time; peak RSS {m2:.0f} MB")
    if args.classifier:
        print(f"ratio eventwire+classifier/bare: {rows[-1][1] / bare:.2f}x time; peak RSS {peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
