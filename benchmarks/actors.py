"""Cost of the actor stage: resolving actors with the precompiled gazetteer vs the bare spaCy parse.

Usage: .venv/bin/python benchmarks/actors.py [--copies N]
Parses the gold-set articles (tests/data/gold/articles, four languages) N times over with each language's
pipeline (bare `nlp.pipe`), then runs the actor stage (`ActorResolver.resolve`: gazetteer, titles, persons by
date) on the same Docs, and prints both times and the ratio actor/parse. Target: the actor stage adds less than
10% to the bare parse. Matchers are built before timing (built once per language in a run).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventwire.actors.kb import default_kb
from eventwire.actors.resolve import ActorResolver, ArticleContext
from eventwire.model import Article
from eventwire.nlp import models
from eventwire.nlp.text import normalise
from eventwire.sources.readers import ReadOptions, read_inputs

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=3)
    args = ap.parse_args()
    arts = [a for a in read_inputs([str(ROOT / "tests/data/gold/articles")], ReadOptions()) if isinstance(a, Article)]
    kb = default_kb()
    t_parse = t_actor = 0.0
    n_docs = n_mentions = 0
    per_lang = []
    for lang in sorted({a.lang for a in arts}):
        nlp = models.load(models.model_name_for(lang))
        resolver = ActorResolver(kb, lang, nlp.tokenizer)  # precompiled once, before timing
        texts = [normalise(t) for a in arts if a.lang == lang for t in (a.title or "", a.text)] * args.copies
        nlp("warm up")
        t0 = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=64))
        tp = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d in docs:
            n_mentions += len(resolver.resolve(d, ArticleContext(), lambda _i: "2025-01-01"))
        ta = time.perf_counter() - t0
        per_lang.append((lang, models.model_name_for(lang), tp, ta))
        t_parse, t_actor = t_parse + tp, t_actor + ta
        n_docs += len(docs)
    print(f"{n_docs} texts (titles and bodies), {n_mentions} actor mentions")
    for lang, name, tp, ta in per_lang:
        print(f"  {lang} ({name}): parse {tp:6.2f} s, actor stage {ta:5.2f} s = {100 * ta / tp:5.1f}%")
    print(f"bare parse  {t_parse:7.2f} s")
    print(f"actor stage {t_actor:7.2f} s")
    print(f"ratio actor stage / bare parse: {100 * t_actor / t_parse:.1f}%")


if __name__ == "__main__":
    main()
