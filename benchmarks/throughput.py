"""Throughput of eventwire against a bare spaCy parse of the same real-length news, warmed alike, order alternated.

Usage: .venv/bin/python benchmarks/throughput.py [--copies 2] [--rounds 3] [--langs fr,en] [--prefilter]
       .venv/bin/python benchmarks/throughput.py --processes [--copies 2] [--rounds 2]

In-process (default): the realistic development articles of each language (tests/data/realistic/dev, 300-600
words each, headlines, datelines) repeated --copies times. Side A, the bare parse: the language's model loaded
as spaCy ships it (every component, the recogniser included), `nlp.pipe` over each article's body and title.
Side B: `Pipeline.code_many` over the same articles (eventwire's model without the components it does not use,
its stages, its merging). Both sides first run one full untimed pass over the corpus; then --rounds timed runs
each, in alternating order (A B, B A, A B...). Printed: the median seconds of each side and their ratio B/A.

--processes: whole processes, model loading included: `eventwire extract` on the articles against a Python
process that loads the model and parses the same texts, alternated, --rounds each.
Figures go to the README; no test asserts a time.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "realistic" / "dev" / "articles"


def articles(langs: list[str], copies: int):
    from eventwire.model import Article
    from eventwire.sources.readers import ReadOptions, read_inputs

    base = [a for a in read_inputs([str(DEV)], ReadOptions()) if isinstance(a, Article) and a.lang in langs]
    return [Article(**{**a.__dict__, "id": f"{a.id}#{k}", "notes": []}) for k in range(copies) for a in base]


def in_process(args) -> None:
    import spacy

    from eventwire.nlp import models
    from eventwire.nlp.text import normalise
    from eventwire.pipeline import Pipeline

    langs = args.langs.split(",")
    arts = articles(langs, args.copies)
    words = sum(len(((a.title or "") + " " + a.text).split()) for a in arts)
    bare = {lang: spacy.load(models.model_name_for(lang)) for lang in langs}  # as shipped: every component
    texts = {lang: [t for a in arts if a.lang == lang for t in (normalise(a.text), normalise(a.title or ""))]
             for lang in langs}
    pipe = Pipeline(prefilter=args.prefilter)

    def side_a() -> None:
        for lang in langs:
            for _ in bare[lang].pipe(texts[lang], batch_size=32):
                pass

    def side_b() -> None:
        for _ in pipe.code_many(arts, batch_size=32):
            pass

    side_a()
    side_b()  # one full untimed pass each: models, matchers, caches
    ta, tb = [], []
    for r in range(args.rounds):
        for fn, out in ((side_a, ta), (side_b, tb)) if r % 2 == 0 else ((side_b, tb), (side_a, ta)):
            t0 = time.perf_counter()
            fn()
            out.append(time.perf_counter() - t0)
    a, b = statistics.median(ta), statistics.median(tb)
    print(f"{len(arts)} articles ({', '.join(langs)}), {words} words; {args.rounds} timed rounds each, alternated")
    print(f"  bare spaCy parse (every component):  median {a:6.2f} s  {words / a:7.0f} words/s  "
          f"{[round(x, 2) for x in ta]}")
    print(f"  eventwire{' + prefilter' if args.prefilter else ''}:{' ' * (18 - 12 * args.prefilter)}"
          f"median {b:6.2f} s  {words / b:7.0f} words/s  {[round(x, 2) for x in tb]}")
    print(f"  ratio eventwire / bare parse: {b / a:.3f}")


def processes(args) -> None:
    langs = args.langs.split(",")
    arts = articles(langs, args.copies)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.jsonl"
        path.write_text("".join(json.dumps({"id": a.id, "lang": a.lang, "published": a.published, "title": a.title,
                                            "text": a.text}, ensure_ascii=False) + "\n" for a in arts),
                        encoding="utf-8")
        bare = (
            "import json, sys, spacy\n"
            "from eventwire.nlp import models\n"
            "from eventwire.nlp.text import normalise\n"
            "rows = [json.loads(x) for x in open(sys.argv[1], encoding='utf-8')]\n"
            "for lang in sorted({r['lang'] for r in rows}):\n"
            "    nlp = spacy.load(models.model_name_for(lang))\n"
            "    texts = [normalise(t) for r in rows if r['lang'] == lang for t in (r['text'], r['title'] or '')]\n"
            "    for _ in nlp.pipe(texts, batch_size=32):\n"
            "        pass\n")
        cmd_a = [sys.executable, "-c", bare, str(path)]
        cmd_b = [sys.executable, "-m", "eventwire.cli", "extract", str(path)] + ([] if args.prefilter else [])
        for cmd in (cmd_a, cmd_b):  # warm the file cache and the interpreter's bytecode
            subprocess.run(cmd, check=True, capture_output=True)
        ta, tb = [], []
        for r in range(args.rounds):
            for cmd, out in ((cmd_a, ta), (cmd_b, tb)) if r % 2 == 0 else ((cmd_b, tb), (cmd_a, ta)):
                t0 = time.perf_counter()
                subprocess.run(cmd, check=True, capture_output=True)
                out.append(time.perf_counter() - t0)
    a, b = statistics.median(ta), statistics.median(tb)
    print(f"whole processes, model loading included: {len(arts)} articles ({', '.join(langs)})")
    print(f"  bare parse process: median {a:6.2f} s {[round(x, 2) for x in ta]}")
    print(f"  eventwire extract:  median {b:6.2f} s {[round(x, 2) for x in tb]}")
    print(f"  ratio: {b / a:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--copies", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--langs", default="fr,en")
    ap.add_argument("--prefilter", action="store_true", help="eventwire with the parse prefilter")
    ap.add_argument("--processes", action="store_true", help="time whole processes, model loading included")
    args = ap.parse_args()
    (processes if args.processes else in_process)(args)


if __name__ == "__main__":
    main()
