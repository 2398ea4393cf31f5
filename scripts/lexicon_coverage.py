"""How many of the classifier's training sentences the rules code with their type, per type and language.

Usage: .venv/bin/python scripts/lexicon_coverage.py [--show TYPE] [--lang xx]
The sentences in src/eventwire/coding/data/type_examples.*.tsv (written for training, one clear event each) are
a third set of text, independent of both gold sets: a development check of the lexicons' reach. A sentence
counts as covered when the rules give an event of its type (kept, with participants), as triggered when a
candidate of that type was found at all (kept or dropped), and NONE sentences count as false alarms when the
rules give any event.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict

from eventwire.coding.classifier import load_examples
from eventwire.model import Article
from eventwire.pipeline import Pipeline, Trace


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", help="print the sentences of this type the rules miss")
    ap.add_argument("--lang")
    args = ap.parse_args()
    rows = [r for r in load_examples() if not args.lang or r[0] == args.lang]
    pipe = Pipeline()
    covered: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for k, (lang, label, text) in enumerate(rows):
        trace = Trace()
        res = pipe.code(Article(id=f"x{k}", text=text, lang=lang, published="2025-06-15"), trace)
        types = {e.type for e in res.events if not e.negated and not e.hypothetical}
        cands = {c["type"] for s in trace.sentences for c in s["candidates"]}
        c = covered[(label, lang)]
        c["n"] += 1
        if label == "NONE":
            c["alarm"] += bool(types)
            continue
        c["coded"] += label in types
        c["triggered"] += label in cands
        if args.show == label and label not in types:
            print(f"{lang} {'T' if label in cands else '-'} {sorted(types)} {text}")
    langs = sorted({r[0] for r in rows})
    print(f"{'type':10s} " + " ".join(f"{x:>14s}" for x in langs) + "   (coded/triggered/n; NONE: false alarms/n)")
    for label in sorted({r[1] for r in rows}):
        cells = []
        for lang in langs:
            c = covered[(label, lang)]
            cells.append(f"{c['alarm']}/{c['n']}" if label == "NONE" else f"{c['coded']}/{c['triggered']}/{c['n']}")
        print(f"{label:10s} " + " ".join(f"{x:>14s}" for x in cells))
    tot = [c for (lab, _), c in covered.items() if lab != "NONE"]
    print(f"coded {sum(c['coded'] for c in tot)}/{sum(c['n'] for c in tot)}, "
          f"triggered {sum(c['triggered'] for c in tot)}/{sum(c['n'] for c in tot)}")


if __name__ == "__main__":
    main()
