"""Score coded events against gold annotations (same matching rules as shared/tools/score_events.py).

The rules: a gold event is found when a predicted event (not negated, not hypothetical) has the same type
(or an accepted alternative) and the same participants (symmetric: the union of codes shares min(2, n)
codes; otherwise actor codes overlap and, where the gold has a recipient, recipient codes overlap). Each
prediction finds one gold event at most. Predictions with no coded participant are counted apart.
"""

from __future__ import annotations

import json
import os
import unicodedata

ISO3 = set(
    "ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR BHS "
    "BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL COM CPV "
    "CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM "
    "GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN "
    "IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE "
    "LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS "
    "MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK "
    "PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR "
    "SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY "
    "USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX".split()
)


def fold(s: str | None) -> str:
    """Lower case, no accents, single spaces: for comparing names."""
    if not s:
        return ""
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().replace("-", " ").split())


def codes(entities) -> set[str]:
    out = set()
    for e in entities or []:
        c = e.get("code") if isinstance(e, dict) else e
        if c:
            out.add(str(c).upper())
    return out


def names(entities) -> list[str]:
    out = []
    for e in entities or []:
        if isinstance(e, dict):
            out += [fold(e.get("name")), fold(e.get("text"))]
    return [n for n in out if n]


def overlap(gold: set[str], pred: set[str]) -> int:
    n = len(gold & pred)
    if "IGO" in gold and any(c not in ISO3 for c in pred - gold):
        n += 1
    return n


def same_participants(g: dict, p: dict) -> bool:
    ga, gr = codes(g.get("actor")), codes(g.get("recipient"))
    pa, pr = codes(p.get("actor")), codes(p.get("recipient"))
    if g.get("symmetric"):
        union = ga | gr
        return overlap(union, pa | pr) >= min(2, len(union))
    if not overlap(ga, pa):
        return False
    return not gr or overlap(gr, pr) > 0


def types_of(g: dict) -> set[str]:
    """The gold type and any accepted alternative reading (e.g. SUPPORT or AGREE for a signing)."""
    return {g["type"], *(g.get("alt_types") or [])}


def matches(g: dict, p: dict) -> bool:
    return p.get("type") in types_of(g) and same_participants(g, p)


def max_matching(golds: list[dict], preds: list[dict], taken: set[int]) -> dict[int, int]:
    """Largest one-to-one matching gold index -> pred index (augmenting paths)."""
    match_of_pred: dict[int, int] = {}

    def try_gold(gi: int, seen: set[int]) -> bool:
        for pi, p in enumerate(preds):
            if pi in taken or pi in seen or not matches(golds[gi], p):
                continue
            seen.add(pi)
            if pi not in match_of_pred or try_gold(match_of_pred[pi], seen):
                match_of_pred[pi] = gi
                return True
        return False

    for gi in range(len(golds)):
        try_gold(gi, set())
    return {gi: pi for pi, gi in match_of_pred.items()}


def name_found(gold_name: str, pred_names: list[str]) -> bool:
    g = fold(gold_name)
    if not g:
        return True
    last = g.split()[-1]
    return any(g in n or n in g or last in n.split() for n in pred_names if n)


def article_key(obj: dict) -> list[str]:
    keys = []
    art = obj.get("article", obj)
    for k in ("id", "file", "path", "url"):
        v = art.get(k) if isinstance(art, dict) else None
        if v:
            keys += [str(v), os.path.basename(str(v)), os.path.splitext(os.path.basename(str(v)))[0]]
    return keys


def load_jsonl(path: str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def score(gold_rows: list[dict], pred_rows: list[dict], show_errors: bool = False) -> dict:
    by_key: dict[str, dict] = {}
    for row in pred_rows:
        for k in article_key(row):
            by_key.setdefault(k, row)
    t = {k: 0 for k in ("core", "found", "preds", "matched", "type_only", "dated", "date_ok", "based", "basis_ok",
                        "moded", "mode_ok",
                        "named", "name_ok", "init", "init_ok", "attr", "attr_ok", "quotes", "quotes_ok",
                        "missing_articles", "uncoded")}
    per_type: dict[str, dict[str, int]] = {}
    errors: list[str] = []
    for grow in gold_rows:
        prow = next((by_key[k] for k in article_key(grow) if k in by_key), None)
        label = grow.get("file") or grow.get("id")
        golds = grow.get("events", [])
        core = [g for g in golds if g.get("core", True)]
        optional = [g for g in golds if not g.get("core", True)]
        if prow is None:
            t["missing_articles"] += 1
            prow = {"events": [], "quotes": []}
            errors.append(f"{label}: no output for this article")
        preds = [p for p in prow.get("events", []) if not p.get("negated") and not p.get("hypothetical")]
        coded = [p for p in preds if codes(p.get("actor")) | codes(p.get("recipient"))]
        t["uncoded"] += len(preds) - len(coded)
        preds = coded
        m_core = max_matching(core, preds, set())
        m_opt = max_matching(optional, preds, set(m_core.values()))
        t["core"] += len(core)
        t["found"] += len(m_core)
        t["preds"] += len(preds)
        t["matched"] += len(m_core) + len(m_opt)
        for gi, g in enumerate(core):
            pt = per_type.setdefault(g["type"], {"gold": 0, "found": 0, "pred": 0, "pred_ok": 0})
            pt["gold"] += 1
            if any(p.get("type") in types_of(g) for p in preds):
                t["type_only"] += 1
            if gi not in m_core:
                errors.append(f"{label}: missed {g['type']}/{g.get('mode')} {sorted(codes(g.get('actor')))}"
                              f"->{sorted(codes(g.get('recipient')))} ({g.get('evidence', '')})")
                continue
            pt["found"] += 1
            p = preds[m_core[gi]]
            if g.get("date"):
                t["dated"] += 1
                t["date_ok"] += p.get("date") == g["date"]
                if p.get("date") != g["date"]:
                    errors.append(f"{label}: {g['type']} dated {p.get('date')} ({p.get('date_basis') or '-'}), "
                                  f"gold {g['date']} ({g.get('date_basis') or '-'}) ({g.get('evidence', '')})")
                if g.get("date_basis"):
                    t["based"] += 1
                    t["basis_ok"] += p.get("date_basis") == g["date_basis"]
            if g.get("mode"):
                t["moded"] += 1
                t["mode_ok"] += p.get("mode") == g["mode"]
            pn = names(p.get("actor")) + names(p.get("recipient"))
            for n in (g.get("actor_names") or []) + (g.get("recipient_names") or []):
                t["named"] += 1
                t["name_ok"] += name_found(n, pn)
                if not name_found(n, pn):
                    errors.append(f"{label}: {g['type']} names {n!r}, coded {sorted(set(pn))}")
            if g.get("initiator"):
                t["init"] += 1
                ok = str(p.get("initiator") or "").upper() == g["initiator"].upper()
                t["init_ok"] += ok
                if not ok:
                    errors.append(f"{label}: {g['type']} initiator {g['initiator']}, coded {p.get('initiator')}")
            if g.get("attribution"):
                t["attr"] += 1
                src = fold((p.get("attribution") or {}).get("source") or (p.get("attribution") or {}).get("text"))
                ok = fold(g["attribution"]) in src
                t["attr_ok"] += ok
                if not ok:
                    errors.append(f"{label}: {g['type']} attributed to «{g['attribution']}», coded «{src or '-'}»")
        used = set(m_core.values()) | set(m_opt.values())
        for pi, p in enumerate(preds):
            pt = per_type.setdefault(p.get("type", "?"), {"gold": 0, "found": 0, "pred": 0, "pred_ok": 0})
            pt["pred"] += 1
            pt["pred_ok"] += pi in used
            if pi not in used:
                ev = (p.get("evidence") or {}).get("text", "")[:120]
                errors.append(f"{label}: spurious {p.get('type')}/{p.get('mode')} {sorted(codes(p.get('actor')))}"
                              f"->{sorted(codes(p.get('recipient')))} «{ev}»")
        for q in grow.get("quotes", []):
            t["quotes"] += 1
            ok = any(name_found(q["speaker_name"], names([pq.get("speaker", {})]))
                     and fold(q["text_contains"]) in fold(pq.get("text"))
                     for pq in prow.get("quotes", []))
            t["quotes_ok"] += ok
            if not ok:
                errors.append(f"{label}: missed quote by {q['speaker_name']}")

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    r, p = ratio(t["found"], t["core"]), ratio(t["matched"], t["preds"])
    f1 = round(2 * r * p / (r + p), 3) if r and p else 0.0
    result = {
        "articles": len(gold_rows), "missing_articles": t["missing_articles"],
        "core_events": t["core"], "predicted_events": t["preds"], "uncoded_events": t["uncoded"],
        "recall": r, "precision": p, "f1": f1,
        "type_only_recall": ratio(t["type_only"], t["core"]),
        "date_accuracy": ratio(t["date_ok"], t["dated"]), "date_basis_accuracy": ratio(t["basis_ok"], t["based"]),
        "mode_accuracy": ratio(t["mode_ok"], t["moded"]),
        "name_accuracy": ratio(t["name_ok"], t["named"]), "initiator_accuracy": ratio(t["init_ok"], t["init"]),
        "attribution_accuracy": ratio(t["attr_ok"], t["attr"]), "quote_recall": ratio(t["quotes_ok"], t["quotes"]),
        "per_type": per_type,
    }
    if show_errors:
        result["errors"] = errors
    return result


def score_by_language(gold_rows: list[dict], pred_rows: list[dict], show_errors: bool = False) -> dict:
    """`score` over all articles, with the same figures for each language (the language the coder read)."""
    result = score(gold_rows, pred_rows, show_errors)
    lang_of: dict[str, str] = {}
    for row in pred_rows:
        for k in article_key(row):
            lang_of.setdefault(k, (row.get("article") or {}).get("lang") or "?")
    groups: dict[str, list[dict]] = {}
    for g in gold_rows:
        lang = next((lang_of[k] for k in article_key(g) if k in lang_of), "?")
        groups.setdefault(lang, []).append(g)
    if len(groups) > 1:
        result["per_language"] = {lang: {k: v for k, v in score(rows, pred_rows).items() if k != "per_type"}
                                  for lang, rows in sorted(groups.items())}
    return result


FIGURES = ("f1", "precision", "recall", "type_only_recall", "date_accuracy", "name_accuracy",
           "attribution_accuracy", "initiator_accuracy", "core_events", "articles")


def report(res: dict) -> str:
    """The scorer's printed report: figures, per-language and per-type tables, errors, the headline line last."""
    lines = [f"{k}: {v}" for k, v in res.items() if k not in ("per_type", "errors", "per_language")]
    if res.get("per_language"):
        lines.append("per language: " + "  ".join(f"{f}" for f in FIGURES))
        for lang, r in res["per_language"].items():
            lines.append(f"  {lang:3s} " + "  ".join(str(r.get(f)) for f in FIGURES))
    lines.append("per type (gold found/gold, predicted right/predicted):")
    for typ, c in sorted(res["per_type"].items()):
        lines.append(f"  {typ:10s} {c['found']}/{c['gold']}  {c['pred_ok']}/{c['pred']}")
    lines += [f"  - {e}" for e in res.get("errors", [])]
    lines.append(f"events: P={res['precision']} R={res['recall']} F1={res['f1']}")
    return "\n".join(lines)


def score_merge(gold_rows: list[dict], pred_rows: list[dict], event_of_report: dict[str, str],
                show_errors: bool = False) -> dict:
    """How well the store keeps one event per happening, against gold events carrying a `happening` id.

    In each article, predicted events are matched to gold events one to one (the rules of `score`); a matched
    prediction is a report of its gold event's happening. A happening told by two or more articles is held
    whole when all its matched reports are in one stored event that holds no other happening's report. Splits:
    the extra events a happening is spread over; false merges: stored events that hold reports of two or more
    happenings. Pairwise figures count pairs of matched reports from different articles."""
    by_key: dict[str, dict] = {}
    for row in pred_rows:
        for k in article_key(row):
            by_key.setdefault(k, row)
    happening_of: dict[str, str] = {}  # report id -> happening
    article_of: dict[str, str] = {}
    for grow in gold_rows:
        prow = next((by_key[k] for k in article_key(grow) if k in by_key), None)
        if prow is None:
            continue
        golds = [g for g in grow.get("events", []) if g.get("happening")]
        preds = [p for p in prow.get("events", []) if not p.get("negated") and not p.get("hypothetical")
                 and codes(p.get("actor")) | codes(p.get("recipient"))]
        for gi, pi in max_matching(golds, preds, set()).items():
            rid = preds[pi]["id"]
            happening_of[rid] = golds[gi]["happening"]
            article_of[rid] = grow.get("id") or grow.get("file")
    reports_of: dict[str, list[str]] = {}
    for rid, h in happening_of.items():
        reports_of.setdefault(h, []).append(rid)
    multi = {h: rids for h, rids in reports_of.items() if len({article_of[r] for r in rids}) >= 2}
    events_of = {h: sorted({event_of_report.get(r, r) for r in rids}) for h, rids in reports_of.items()}
    happenings_in: dict[str, set[str]] = {}
    for rid, h in happening_of.items():
        happenings_in.setdefault(event_of_report.get(rid, rid), set()).add(h)
    false = {e: sorted(hs) for e, hs in happenings_in.items() if len(hs) > 1}
    whole = [h for h in multi if len(events_of[h]) == 1 and len(happenings_in[events_of[h][0]]) == 1]
    same = [(a, b) for a in happening_of for b in happening_of if a < b and article_of[a] != article_of[b]]
    pos = [(a, b) for a, b in same if happening_of[a] == happening_of[b]]
    together = {(a, b) for a, b in same if event_of_report.get(a, a) == event_of_report.get(b, b)}
    tp = sum(1 for p in pos if p in together)

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    result = {
        "matched_reports": len(happening_of), "happenings": len(reports_of),
        "happenings_told_by_2_articles_or_more": len(multi),
        "held_whole": ratio(len(whole), len(multi)),
        "splits": sum(len(events_of[h]) - 1 for h in reports_of),
        "false_merges": len(false),
        "pair_recall": ratio(tp, len(pos)), "pair_precision": ratio(tp, len(together)),
    }
    if show_errors:
        pred_of = {p["id"]: p for row in pred_rows for p in row.get("events", [])}

        def show(r: str) -> str:
            p = pred_of.get(r, {})
            return (f"{article_of[r]} {p.get('type')}/{p.get('mode')} {p.get('date')}({p.get('date_basis')}) "
                    f"{sorted(codes(p.get('actor')))}->{sorted(codes(p.get('recipient')))}")

        errors = [f"split {h}: " + " | ".join(
            f"[{', '.join(show(r) for r in reports_of[h] if event_of_report.get(r, r) == e)}]"
            for e in events_of[h]) for h in sorted(reports_of) if len(events_of[h]) > 1]
        errors += [f"false merge {e}: happenings {', '.join(hs)}" for e, hs in sorted(false.items())]
        result["errors"] = errors
    return result


def merge_report(res: dict) -> str:
    lines = [f"{k}: {v}" for k, v in res.items() if k != "errors"]
    lines += [f"  - {e}" for e in res.get("errors", [])]
    lines.append(f"merge: held whole {res['held_whole']} of {res['happenings_told_by_2_articles_or_more']} "
                 f"happenings told by 2+ articles; {res['splits']} splits; {res['false_merges']} false merges")
    return "\n".join(lines)
