#!/usr/bin/env python3
"""Check the realistic corpus (tests/data/realistic): .venv/bin/python scripts/check_realistic.py FOLDER [PREFIX]

FOLDER (dev/ or heldout/) holds articles/, gold.jsonl, happenings.tsv. With PREFIX, only that writer's articles
(a part being written: gold.PREFIX.jsonl, happenings.PREFIX.tsv). Checks the JSON, that every evidence and quote
piece occurs verbatim, codes, dates and their bases, happening ids and languages, and that the gold fed back as a
prediction scores 1.0. Prints problems; exit 1 if any.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import glob
import json
import os
import sys
from collections import defaultdict

from eventwire import evaluate as score_events  # the scorer's rules, inside the package

TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
         "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "RETREAT": {"withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"},
    "REQUEST": {"assist", "change", "yield", "meet"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "THREATEN": {"restrict", "ban", "arrest", "relations", "expel", "territory", "violence"},
    "PROTEST": {"demo", "riot", "general", "strike", "hunger", "boycott", "obstruct"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
    "MOBILIZE": {"troops", "weapons", "police", "militia"},
    "COERCE": {"confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"},
    "ASSAULT": {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "heavy-weapons", "aerial", "drone", "crowd-control", "cleansing",
                "massacre", "unconventional"},
}
ORGS = set("""ACF AES AMNESTY APEC ARL ASEAN AU BRICS CARICOM CARITAS CELAC CIS CPJ CSTO CWTH CoE EAC EAEU ECCAS ECHR
ECOWAS EU FAO G20 G7 GCC GREENPEACE HI HRW IAEA ICC ICG ICJ ICRC IFRC IGAD ILO IMF INTERPOL IOM IRC IRCM MERCOSUR
MINUSCA MINUSMA MONUSCO MSF NATO NRC OAS OCHA OECD OHCHR OIC OIF OPCW OPEC OSCE OXFAM PIF RWB SAARC SADC SAVECH SCO
TI UN UNDP UNEP UNESCO UNGA UNHCR UNHRC UNICEF UNIFIL UNMISS UNRWA UNSC WB WCK WFP WHO WST WTO IGO""".split())
ORGS_UP = {o.upper() for o in ORGS}
LANGS = {"fr", "en", "es", "de"}
BASES = {"text", "article", "dateline", "published", None}


def fold(s: str) -> str:
    return score_events.fold(s)


def parse_pub(v: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(v[:10])
    except (ValueError, TypeError):
        pass
    try:
        return email.utils.parsedate_to_datetime(v).date()
    except (TypeError, ValueError):
        return None


def main() -> int:
    folder = sys.argv[1]
    prefix = sys.argv[2] if len(sys.argv) > 2 else ""
    probs: list[str] = []
    warn: list[str] = []
    arts = {}
    for f in sorted(glob.glob(os.path.join(folder, "articles", f"{prefix}-*.json" if prefix else "*.json"))):
        try:
            a = json.load(open(f, encoding="utf-8"))
        except Exception as e:  # noqa: BLE001
            probs.append(f"{f}: not JSON: {e}")
            continue
        aid = os.path.splitext(os.path.basename(f))[0]
        if a.get("id") != aid:
            probs.append(f"{f}: id {a.get('id')!r} != file name")
        for k in ("id", "lang", "published", "outlet", "url", "title", "text"):
            if not a.get(k):
                probs.append(f"{aid}: missing {k}")
        if a.get("lang") not in LANGS or aid.split("-")[1] != a.get("lang"):
            probs.append(f"{aid}: lang {a.get('lang')!r} (and the id's LL) must be one of {sorted(LANGS)}")
        if parse_pub(a.get("published", "")) is None:
            probs.append(f"{aid}: published {a.get('published')!r} unreadable")
        if "<" in a.get("text", "") and ">" in a.get("text", ""):
            warn.append(f"{aid}: text looks like it has HTML")
        arts[aid] = a
    if not arts:
        probs.append("no articles found")
    hap = {}
    hpath = os.path.join(folder, f"happenings.{prefix}.tsv" if prefix else "happenings.tsv")
    if os.path.exists(hpath):
        for i, line in enumerate(open(hpath, encoding="utf-8")):
            if not line.strip() or line.startswith("#") or line.startswith("id\t"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 6:
                probs.append(f"happenings line {i + 1}: needs 6 tab-separated columns")
                continue
            hid, kind, twin, date, summary, url = cols[:6]
            if kind not in ("main", "near", "other"):
                probs.append(f"happening {hid}: kind {kind!r}")
            if kind == "near" and not twin:
                probs.append(f"happening {hid}: near-duplicate without twin")
            if kind in ("main", "near") and not url:
                warn.append(f"happening {hid}: no model_url")
            hap[hid] = dict(kind=kind, twin=twin, date=date, summary=summary)
    else:
        probs.append(f"missing {hpath}")
    gpath = os.path.join(folder, f"gold.{prefix}.jsonl" if prefix else "gold.jsonl")
    gold = []
    if os.path.exists(gpath):
        for i, line in enumerate(open(gpath, encoding="utf-8")):
            if line.strip():
                try:
                    gold.append(json.loads(line))
                except json.JSONDecodeError as e:
                    probs.append(f"gold line {i + 1}: {e}")
    else:
        probs.append(f"missing {gpath}")
    ids = [g.get("id") for g in gold]
    if ids != sorted(arts):
        probs.append(f"gold ids must be the article ids in order: missing {sorted(set(arts) - set(ids))}, "
                     f"extra {sorted(set(ids) - set(arts))}")
    hap_langs = defaultdict(set)
    hap_arts = defaultdict(set)
    hap_dates = defaultdict(set)
    for g in gold:
        aid = g.get("id")
        a = arts.get(aid)
        if a is None:
            continue
        whole = (a.get("title") or "") + "\n" + (a.get("text") or "")
        pub = parse_pub(a["published"])
        if g.get("published") != (pub.isoformat() if pub else None):
            probs.append(f"{aid}: gold published {g.get('published')} != article's day {pub}")
        for j, e in enumerate(g.get("events", [])):
            lab = f"{aid} event {j + 1} ({e.get('type')})"
            if e.get("type") not in TYPES:
                probs.append(f"{lab}: type")
            for t in e.get("alt_types") or []:
                if t not in TYPES:
                    probs.append(f"{lab}: alt type {t}")
            m = e.get("mode")
            if m is not None and m not in MODES.get(e.get("type"), set()):
                probs.append(f"{lab}: mode {m!r} not a mode of {e.get('type')}")
            for k in ("actor", "recipient", "actor_names", "recipient_names"):
                if not isinstance(e.get(k), list):
                    probs.append(f"{lab}: {k} must be a list")
            for c in (e.get("actor") or []) + (e.get("recipient") or []):
                if c not in score_events.ISO3 and c.upper() not in ORGS_UP:
                    probs.append(f"{lab}: code {c!r} neither ISO3 nor a known organisation")
            if not e.get("actor"):
                probs.append(f"{lab}: no actor")
            if e.get("symmetric") and e.get("recipient"):
                probs.append(f"{lab}: symmetric with a recipient (put every party in actor)")
            if not isinstance(e.get("symmetric"), bool) or not isinstance(e.get("core"), bool):
                probs.append(f"{lab}: symmetric/core must be true/false")
            ev = e.get("evidence") or ""
            if not ev or ev not in whole:
                probs.append(f"{lab}: evidence not found verbatim: {ev!r}")
            d, b = e.get("date"), e.get("date_basis")
            if b not in BASES:
                probs.append(f"{lab}: date_basis {b!r}")
            if (d is None) != (b is None):
                probs.append(f"{lab}: date and date_basis must both be null or both set")
            if d:
                try:
                    dd = dt.date.fromisoformat(d)
                    if pub and dd > pub:
                        probs.append(f"{lab}: date {d} after publication {pub}")
                    if b in ("published",) and pub and dd != pub:
                        probs.append(f"{lab}: basis 'published' but date {d} != {pub}")
                except ValueError:
                    probs.append(f"{lab}: date {d!r}")
            h = e.get("happening")
            if not h:
                probs.append(f"{lab}: no happening id")
            elif h not in hap:
                probs.append(f"{lab}: happening {h} not in happenings.{prefix}.tsv")
            else:
                hap_langs[h].add(a["lang"])
                hap_arts[h].add(aid)
                if d:
                    hap_dates[h].add(d)
            if e.get("initiator") and e["initiator"] not in (e.get("actor") or []) + (e.get("recipient") or []):
                probs.append(f"{lab}: initiator {e['initiator']} is not a participant")
        for q in g.get("quotes", []):
            if fold(q.get("text_contains", "")) not in fold(whole) or not q.get("speaker_name"):
                probs.append(f"{aid}: quote piece not found: {q.get('text_contains')!r}")
    for h, info in hap.items():
        if info["kind"] == "main" and len(hap_langs[h]) < 3:
            probs.append(f"main happening {h}: told in {sorted(hap_langs[h])} (needs 3+ languages, ideally 4)")
        if info["kind"] == "main" and not 3 <= len(hap_arts[h]) <= 6:
            probs.append(f"main happening {h}: {len(hap_arts[h])} articles (needs 3-5)")
        if info["kind"] == "near":
            if len(hap_arts[h]) < 2 or len(hap_langs[h]) < 2:
                probs.append(f"near-duplicate {h}: needs 2 articles in 2 languages, has {sorted(hap_arts[h])}")
            if info["twin"] not in hap:
                probs.append(f"near-duplicate {h}: twin {info['twin']} unknown")
        if len(hap_dates[h]) > 1:
            warn.append(f"happening {h}: dated differently across articles: {sorted(hap_dates[h])}")
        if info["date"] and hap_dates[h] and info["date"] not in hap_dates[h]:
            warn.append(f"happening {h}: tsv date {info['date']} vs gold {sorted(hap_dates[h])}")
    # gold fed back as prediction must score 1.0
    for order in (1, -1):
        preds = []
        for g in gold:
            evs = []
            for e in g.get("events", [])[::order]:
                evs.append({"type": e["type"], "mode": e.get("mode"),
                            "actor": [{"code": c, "name": n} for c, n in
                                      zip(e.get("actor", []), e.get("actor_names", []) + [""] * 9, strict=False)],
                            "recipient": [{"code": c, "name": n} for c, n in
                                          zip(e.get("recipient", []), e.get("recipient_names", []) + [""] * 9,
                                              strict=False)],
                            "date": e.get("date"), "initiator": e.get("initiator"),
                            "attribution": {"source": e.get("attribution")}})
                # names beyond the number of codes
                extra = (e.get("actor_names") or [])[len(e.get("actor", [])):]
                evs[-1]["actor"] += [{"code": None, "name": n} for n in extra]
                extra = (e.get("recipient_names") or [])[len(e.get("recipient", [])):]
                evs[-1]["recipient"] += [{"code": None, "name": n} for n in extra]
            preds.append({"id": g["id"], "events": evs,
                          "quotes": [{"speaker": {"name": q["speaker_name"]}, "text": q["text_contains"]}
                                     for q in g.get("quotes", [])]})
        r = score_events.score(gold, preds, show_errors=True)
        for k in ("recall", "precision", "date_accuracy", "name_accuracy"):
            if r.get(k) not in (1.0, None):
                probs.append(f"gold fed back as prediction ({'reversed' if order < 0 else 'in order'}): {k} "
                             f"{r.get(k)}; {[x for x in r['errors']][:6]}")
    n_ev = sum(len(g.get("events", [])) for g in gold)
    langs = defaultdict(int)
    for a in arts.values():
        langs[a["lang"]] += 1
    print(f"{len(arts)} articles {dict(langs)}, {n_ev} events, "
          f"{sum(1 for h in hap.values() if h['kind'] == 'main')} main happenings, "
          f"{sum(1 for h in hap.values() if h['kind'] == 'near')} near-duplicates")
    for w in warn:
        print("warning:", w)
    for p in probs:
        print("PROBLEM:", p)
    print("OK" if not probs else f"{len(probs)} problems")
    return 1 if probs else 0


if __name__ == "__main__":
    sys.exit(main())
