"""Exports of the store: the JSON contract, PLOVER JSON Lines, GDELT 2.0-style TSV, CSV and Parquet.

Flat formats (CSV, Parquet, GDELT) are written as two files in a directory: events and mentions, joined by the
event id. Column meanings are documented in README.md ("Exports").
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from eventwire.errors import UsageError
from eventwire.store.db import Store
from eventwire.store.query import Filters, article_documents, find_events, mention_rows

FORMATS = ("json", "plover", "gdelt", "csv", "parquet")

EVENT_COLUMNS = [
    "event_id", "date", "date_precise", "type", "mode", "cameo", "score", "quad_class", "symmetric",
    "actor_codes", "actor_names", "actor_sectors", "recipient_codes", "recipient_names", "recipient_sectors",
    "initiator", "context", "location_code", "location_text", "sources", "n_reports", "n_articles",
    "n_mentions", "n_outlets", "outlets", "langs", "negated", "hypothetical", "evidence",
]
MENTION_COLUMNS = [
    "event_id", "report_id", "article_id", "url", "outlet", "published", "lang", "field", "start", "end",
    "trigger", "rule", "source", "text",
]


def _join(values: Iterable[Any]) -> str:
    return ";".join(str(v) for v in values if v not in (None, ""))


def event_row(ev: dict[str, Any]) -> dict[str, Any]:
    loc = ev.get("location") or {}
    return {
        "event_id": ev["id"], "date": ev.get("date"), "date_precise": bool(ev.get("date_precise")),
        "type": ev["type"], "mode": ev.get("mode"), "cameo": ev.get("cameo"), "score": ev.get("score"),
        "quad_class": ev.get("quad_class"), "symmetric": bool(ev.get("symmetric")),
        "actor_codes": _join(sorted({e.get("code") for e in ev["actor"] if e.get("code")})),
        "actor_names": _join(e.get("name") for e in ev["actor"]),
        "actor_sectors": _join(sorted({e.get("sector") for e in ev["actor"] if e.get("sector")})),
        "recipient_codes": _join(sorted({e.get("code") for e in ev["recipient"] if e.get("code")})),
        "recipient_names": _join(e.get("name") for e in ev["recipient"]),
        "recipient_sectors": _join(sorted({e.get("sector") for e in ev["recipient"] if e.get("sector")})),
        "initiator": ev.get("initiator"), "context": _join(ev.get("context") or []),
        "location_code": loc.get("code"), "location_text": loc.get("text"),
        "sources": _join(ev.get("sources") or []), "n_reports": len(ev.get("reports") or []),
        "n_articles": len(ev.get("articles") or []), "n_mentions": len(ev.get("mentions") or []),
        "n_outlets": len(ev.get("outlets") or ev.get("articles") or []), "outlets": _join(ev.get("outlets") or []),
        "langs": _join(ev.get("langs") or []), "negated": bool(ev.get("negated")),
        "hypothetical": bool(ev.get("hypothetical")), "evidence": (ev.get("evidence") or {}).get("text"),
    }


def mention_row(m: dict[str, Any]) -> dict[str, Any]:
    return {k: m.get(k) for k in MENTION_COLUMNS}


def plover_record(ev: dict[str, Any]) -> dict[str, Any]:
    """One event in PLOVER's JSON record style (event, mode, context, actor/recipient with names and sectors)."""
    first = (ev.get("mentions") or [{}])[0]

    def side(ents: list[dict[str, Any]]) -> dict[str, Any]:
        # one position per code (sorted), the same in the three lists: the most specific participant of that
        # code names it (the minister rather than his state), with that participant's sector
        best: dict[str, dict[str, Any]] = {}
        for e in ents:
            if e.get("code") and (e["code"] not in best or _specificity(e) > _specificity(best[e["code"]])):
                best[e["code"]] = e
        codes = sorted(best)
        return {"codes": codes, "names": [canonical_name(best[c]) for c in codes],
                "sectors": [best[c].get("sector") or "" for c in codes]}

    a, r = side(ev["actor"]), side(ev["recipient"])
    from eventwire.coding.lexicon import ontology

    spec = ((ontology()["types"].get(ev["type"]) or {}).get("modes") or {}).get(ev.get("mode") or "") or {}
    plover_mode = spec["extends"] if "extends" in spec else ev.get("mode")  # eventwire extensions -> PLOVER parent
    return {
        "id": ev["id"], "date": ev.get("date"), "date_precise": bool(ev.get("date_precise")),
        "event": ev["type"], "mode": plover_mode, "mode_eventwire": ev.get("mode"), "context": ev.get("context") or [],
        "actor": a["codes"], "actor_name": a["names"], "actor_sector": a["sectors"],
        "recipient": r["codes"], "recipient_name": r["names"], "recipient_sector": r["sectors"],
        "symmetric": bool(ev.get("symmetric")), "initiator": ev.get("initiator"),
        "location": ev.get("location"), "cameo": ev.get("cameo"), "plover_score": ev.get("score"),
        "quad_class": ev.get("quad_class"), "source": ev.get("sources") or [],
        "text": (ev.get("evidence") or {}).get("text"), "language": first.get("lang"), "url": first.get("url"),
        "num_mentions": len(ev.get("mentions") or []), "num_articles": len(ev.get("articles") or []),
    }


# GDELT 2.0 Event table columns (61) and Mentions columns (16), in their published order.
GDELT_EVENT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    *[f"Actor{n}{c}" for n in (1, 2) for c in (
        "Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
        "Type1Code", "Type2Code", "Type3Code")],
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions",
    "NumSources", "NumArticles", "AvgTone",
    *[f"{g}_{c}" for g in ("Actor1Geo", "Actor2Geo", "ActionGeo") for c in (
        "Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")],
    "DATEADDED", "SOURCEURL",
]
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName", "MentionIdentifier",
    "SentenceID", "Actor1CharOffset", "Actor2CharOffset", "ActionCharOffset", "InRawText", "Confidence",
    "MentionDocLen", "MentionDocTone", "MentionDocTranslationInfo", "Extras",
]


def _specificity(e: dict[str, Any]) -> int:
    return (4 if e.get("kind") == "person" and e.get("name") else 0) + (2 if e.get("role") else 0) + bool(e.get("name"))


def canonical_name(e: dict[str, Any]) -> str:
    """A participant's name as event data writes it: the person's, organisation's or state's canonical name;
    for a sector of a state named by the text only ("soldats français", "the police"), the state's name."""
    if e.get("name"):
        return e["name"]
    from eventwire.actors.kb import default_kb

    code = e.get("code") or ""
    return (default_kb().country_name(code) if len(code) == 3 and code.isupper() else None) or e.get("text") or code


def gdelt_event(ev: dict[str, Any], numeric_id: int) -> list[Any]:
    def actor(ents: list[dict[str, Any]]) -> list[Any]:
        first = next((e for e in ents if e.get("code")), None)
        if first is not None:  # the most specific participant of that code (the minister, not his state)
            first = max((e for e in ents if e.get("code") == first["code"]), key=_specificity)
        code = first["code"] if first else ""
        sector = (first.get("sector") if first else "") or ""
        name = canonical_name(first) if first else ""
        is_state = len(code) == 3 and code.isalpha()
        return [code + sector if is_state else code, name.upper(), code if is_state else "",
                "" if is_state else code, "", "", "", sector, "", ""]

    date = (ev.get("date") or "").replace("-", "")
    cameo = ev.get("cameo") or ""
    loc = ev.get("location") or {}
    first = (ev.get("mentions") or [{}])[0]
    geo_empty = [""] * 8
    action_geo = ([4 if loc else 0, loc.get("text") or "", loc.get("code") or "", "", "", "", "", ""]
                  if loc else [0] + [""] * 7)
    year = date[:4]
    return [
        numeric_id, date, date[:6], year,
        f"{int(year) + (int(date[4:6]) * 30 + int(date[6:8])) / 365:.4f}" if len(date) == 8 else "",
        *actor(ev["actor"]), *actor(ev["recipient"]),
        1, cameo, cameo[:3], cameo[:2], ev.get("quad_class") or "", ev.get("score") if ev.get("score") is not None
        else "", len(ev.get("mentions") or []), len(ev.get("sources") or []) or len(ev.get("articles") or []),
        len(ev.get("articles") or []), "", *geo_empty, *geo_empty, *action_geo,
        date + "000000" if date else "", first.get("url") or "",
    ]


def gdelt_mention(m: dict[str, Any], numeric_id: int, event_date: str | None) -> list[Any]:
    day = (event_date or "").replace("-", "")
    pub = (m.get("published") or "").replace("-", "")
    return [
        numeric_id, day + "000000" if day else "", pub + "000000" if pub else "", 1, m.get("outlet") or "",
        m.get("url") or m.get("article_id"), "", "", "", m.get("start") if m.get("start") is not None else "",
        1, 100, m.get("doc_len") or "", "", "" if m.get("lang") == "en" else f"srclc:{m.get('lang') or ''}",
        json.dumps({"eventwire_event": m["event_id"], "report": m["report_id"], "field": m.get("field"),
                    "text": m.get("text")}, ensure_ascii=False),
    ]


@contextmanager
def _open_text(path: str):
    if path == "-":
        yield sys.stdout
    else:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            yield fh


def export(store: Store, fmt: str, out: str, f: Filters) -> dict[str, int]:
    """Write the filtered events in `fmt` to `out` (a file, '-' for JSON formats, or a directory)."""
    if fmt not in FORMATS:
        raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "json":
        n = 0
        with _open_text(out) as fh:
            for doc in article_documents(store):
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
                n += 1
        return {"articles": n}
    evs = list(find_events(store, f))
    if fmt == "plover":
        with _open_text(out) as fh:
            for ev in evs:
                fh.write(json.dumps(plover_record(ev), ensure_ascii=False) + "\n")
        return {"events": len(evs)}
    if out == "-":
        raise UsageError(f"--format {fmt} writes two files: give a directory with --out")
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    ms = list(mention_rows(store, [e["id"] for e in evs]))
    if fmt == "gdelt":
        ids = {e["id"]: n for n, e in enumerate(evs, 1)}
        dates = {e["id"]: e.get("date") for e in evs}
        with open(folder / "events.export.tsv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            for ev in evs:
                w.writerow(gdelt_event(ev, ids[ev["id"]]))
        with open(folder / "mentions.tsv", "w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh, delimiter="\t", lineterminator="\n")
            for m in ms:
                w.writerow(gdelt_mention(m, ids[m["event_id"]], dates[m["event_id"]]))
        with open(folder / "eventids.tsv", "w", encoding="utf-8", newline="") as fh:
            fh.write("GLOBALEVENTID\teventwire_event_id\n")
            for eid, n in ids.items():
                fh.write(f"{n}\t{eid}\n")
        return {"events": len(evs), "mentions": len(ms)}
    erows = [event_row(e) for e in evs]
    mrows = [mention_row(m) for m in ms]
    if fmt == "csv":
        for name, cols, rows in (("events.csv", EVENT_COLUMNS, erows), ("mentions.csv", MENTION_COLUMNS, mrows)):
            with open(folder / name, "w", encoding="utf-8", newline="") as fh:
                w = csv.DictWriter(fh, fieldnames=cols)
                w.writeheader()
                w.writerows(rows)
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        for name, cols, rows in (("events.parquet", EVENT_COLUMNS, erows),
                                 ("mentions.parquet", MENTION_COLUMNS, mrows)):
            pq.write_table(pa.Table.from_pylist(rows, schema=_arrow_schema(cols)), folder / name)
    return {"events": len(evs), "mentions": len(ms)}


def _arrow_schema(cols: list[str]):
    import pyarrow as pa

    types = {"date_precise": pa.bool_(), "symmetric": pa.bool_(), "negated": pa.bool_(),
             "hypothetical": pa.bool_(), "score": pa.float64(), "quad_class": pa.int64(),
             "n_reports": pa.int64(), "n_articles": pa.int64(), "n_mentions": pa.int64(), "n_outlets": pa.int64(),
             "start": pa.int64(),
             "end": pa.int64()}
    return pa.schema([(c, types.get(c, pa.string())) for c in cols])
