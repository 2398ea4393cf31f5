"""Score actor resolution against a gold set of mentions (tests/data/actors/gold.jsonl).

Each gold item is a sentence with its language and date and the actor mentions it contains; each mention
names its code, sector, person and role. A predicted actor matches a gold mention when their character
spans overlap (the longest overlap wins). Figures: code accuracy over all gold mentions (a mention the
resolver did not find counts as wrong; a gold mention marked ambiguous with code null is right when the
resolver gives no code or says it is ambiguous), role accuracy over gold mentions with a role (role and, when
given, person must both be right), person accuracy, and the same per language and per phenomenon.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.resolve import ActorResolver, ArticleContext
from eventwire.nlp import models
from eventwire.nlp.text import normalise


def load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _span(text: str, m: dict[str, Any]) -> tuple[int, int]:
    start = -1
    for _ in range(m.get("occurrence") or 1):
        start = text.index(m["text"], start + 1)
    return start, start + len(m["text"])


def resolve_items(items: list[dict[str, Any]], kb: KnowledgeBase | None = None) -> list[list[dict[str, Any]]]:
    kb = kb or KnowledgeBase()
    resolvers: dict[str, tuple[Any, ActorResolver]] = {}
    out = []
    for it in items:
        lang = it["lang"]
        if lang not in resolvers:
            name = models.model_name_for(lang)
            nlp = models.load(name)
            resolvers[lang] = (nlp, ActorResolver(kb, lang, nlp.tokenizer, models.person_labels(name)))
        nlp, res = resolvers[lang]
        doc = nlp(normalise(it["text"]))
        day = it.get("date")
        found = res.resolve(doc, ArticleContext(), lambda _i, d=day: d)
        out.append([{"start": m.entity.start, "end": m.entity.end, "code": m.entity.code, "name": m.entity.name,
                     "role": m.entity.role, "sector": m.entity.sector, "kind": m.entity.kind,
                     "ambiguous": m.entity.source == "ambiguous"} for m in found])
    return out


def score(items: list[dict[str, Any]], predicted: list[list[dict[str, Any]]]) -> dict[str, Any]:
    tot: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    errors = []
    for it, preds in zip(items, predicted, strict=True):
        for g in it["mentions"]:
            s, e = _span(it["text"], g)
            best, overlap = None, 0
            for p in preds:
                ov = min(e, p["end"]) - max(s, p["start"])
                if ov > overlap:
                    best, overlap = p, ov
            if g.get("code") is None and g.get("ambiguous"):
                code_ok = best is None or best["code"] is None or best["ambiguous"]
            else:
                code_ok = best is not None and best["code"] == g["code"]
            keys = ["all", it["lang"], "phenomenon:" + (g.get("phenomenon") or "?")]
            for k in keys:
                tot[k]["mentions"] += 1
                tot[k]["code_ok"] += code_ok
                tot[k]["found"] += best is not None
            if g.get("role"):
                role_ok = best is not None and best["role"] == g["role"] and (
                    not g.get("person") or best["name"] == g["person"])
                for k in keys:
                    tot[k]["roles"] += 1
                    tot[k]["role_ok"] += role_ok
            else:
                role_ok = True
            if g.get("person"):
                for k in keys:
                    tot[k]["persons"] += 1
                    tot[k]["person_ok"] += best is not None and best["name"] == g["person"]
            if not code_ok or not role_ok:
                errors.append({"id": it["id"], "text": g["text"], "gold": [g.get("code"), g.get("person"),
                                                                             g.get("role")],
                               "got": [best["code"], best["name"], best["role"]] if best else None})
    figures = {}
    for k, t in tot.items():
        figures[k] = {"mentions": t["mentions"], "code_accuracy": round(t["code_ok"] / t["mentions"], 3),
                      "found": round(t["found"] / t["mentions"], 3)}
        if t["roles"]:
            figures[k]["role_accuracy"] = round(t["role_ok"] / t["roles"], 3)
        if t["persons"]:
            figures[k]["person_accuracy"] = round(t["person_ok"] / t["persons"], 3)
    return {"figures": figures, "errors": errors}


def report(result: dict[str, Any], show_errors: bool = False) -> str:
    lines = []
    order = ["all", "fr", "en", "es", "de"]
    keys = [k for k in order if k in result["figures"]] + sorted(k for k in result["figures"] if k not in order)
    for k in keys:
        f = result["figures"][k]
        extra = "".join(f" {n}={f[n]}" for n in ("role_accuracy", "person_accuracy") if n in f)
        lines.append(f"{k:28s} mentions={f['mentions']:4d} code_accuracy={f['code_accuracy']} "
                     f"found={f['found']}{extra}")
    if show_errors:
        lines.append("errors:")
        lines += [f"  {e['id']}: {e['text']!r} gold={e['gold']} got={e['got']}" for e in result["errors"]]
    return "\n".join(lines)
