"""Reading the store back: filtered events, counts, and the rows every export is made from."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, or_, select
from sqlalchemy.sql import Select

from eventwire.errors import UsageError
from eventwire.store.db import Store
from eventwire.store.schema import articles, dyads, events, mentions, participants, quotes, reports

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,7}$")


@dataclass
class Filters:
    actor: list[str] | None = None       # codes (RUS) or names ("Lavrov"): any side
    dyad: tuple[str, str] | None = None  # (A, B): A acts on B; symmetric events match both orders
    type: list[str] | None = None
    mode: list[str] | None = None
    context: list[str] | None = None
    since: str | None = None
    until: str | None = None
    lang: list[str] | None = None
    outlet: str | None = None
    text: str | None = None              # words that must all appear in a mention's sentence
    include_negated: bool = False
    limit: int | None = None


def parse_dyad(value: str) -> tuple[str, str]:
    parts = [p.strip().upper() for p in re.split(r"[,:>-]+", value) if p.strip()]
    if len(parts) != 2:
        raise UsageError(f"--dyad wants two codes, e.g. RUS,TUR (got {value!r})")
    return parts[0], parts[1]


def _date_bounds(q: Select, col, f: Filters) -> Select:
    if f.since:
        q = q.where(col >= f.since)
    if f.until:
        q = q.where(col <= f.until)
    return q


def select_events(f: Filters) -> Select:
    if f.dyad:
        a, b = f.dyad
        q = select(events).join(dyads, dyads.c.event_id == events.c.id).where(dyads.c.a == a, dyads.c.b == b)
        q = _date_bounds(q, dyads.c.date, f)
    else:
        q = _date_bounds(select(events), events.c.date, f)
    for who in f.actor or []:
        if _CODE.match(who):
            cond = participants.c.code == who
        else:
            cond = func.lower(participants.c.name).like(f"%{who.lower()}%")
        q = q.where(exists().where(participants.c.event_id == events.c.id, cond))
    if f.type:
        q = q.where(events.c.type.in_([t.upper() for t in f.type]))
    if f.mode:
        q = q.where(events.c.mode.in_(f.mode))
    for ctx in f.context or []:
        q = q.where(or_(events.c.context == ctx, events.c.context.like(f"{ctx} %"),
                        events.c.context.like(f"% {ctx}"), events.c.context.like(f"% {ctx} %")))
    if f.lang:
        q = q.where(exists().where(mentions.c.event_id == events.c.id, mentions.c.lang.in_(f.lang)))
    if f.outlet:
        q = q.where(exists().where(reports.c.event_id == events.c.id, articles.c.id == reports.c.article_id,
                                   func.lower(articles.c.outlet).like(f"%{f.outlet.lower()}%")))
    if f.text:
        words = [w.lower() for w in f.text.split() if w.strip()]
        q = q.where(exists().where(mentions.c.event_id == events.c.id,
                                   and_(*[func.lower(mentions.c.text).like(f"%{w}%") for w in words])))
    if not f.include_negated:
        q = q.where(events.c.negated.is_(False), events.c.hypothetical.is_(False))
    q = q.order_by(events.c.date, events.c.id)
    if f.limit:
        q = q.limit(f.limit)
    return q


def find_events(store: Store, f: Filters, with_mentions: bool = True) -> Iterator[dict[str, Any]]:
    """The stored event objects (the contract's event plus `reports`, `articles`, `langs`, and every mention
    with its article), in date order."""
    with store.engine.connect() as c:
        chunk: list[dict[str, Any]] = []
        for row in c.execute(select_events(f)).mappings():
            chunk.append(json.loads(row["json"]))
            if len(chunk) >= 200:
                yield from _with_mentions(c, chunk, with_mentions)
                chunk = []
        yield from _with_mentions(c, chunk, with_mentions)


_MENTIONS_OF = (select(mentions, articles.c.url, articles.c.path).join(articles, articles.c.id == mentions.c.article_id)
                .where(mentions.c.event_id.in_(bindparam("ids", expanding=True)))
                .order_by(mentions.c.event_id, mentions.c.report_id, mentions.c.id))


def _with_mentions(c, evs: list[dict[str, Any]], on: bool) -> list[dict[str, Any]]:
    if not evs or not on:
        return evs
    by_event: dict[str, list[dict[str, Any]]] = {e["id"]: [] for e in evs}
    for m in c.execute(_MENTIONS_OF, {"ids": list(by_event)}).mappings():
        by_event[m["event_id"]].append({
            "article_id": m["article_id"], "url": m["url"], "path": m["path"], "lang": m["lang"],
            "field": m["field"], "text": m["text"], "start": m["start"], "end": m["end"], "trigger": m["trigger"],
            "attribution": json.loads(m["attribution"]) if m["attribution"] else None, "report_id": m["report_id"]})
    for e in evs:
        e["mentions"] = by_event[e["id"]]
    return evs


def stats(store: Store, f: Filters, by: str) -> list[tuple[str, int]]:
    """Event counts by 'type', 'dyad', 'month', 'actor' or 'lang' over the filtered events."""
    sub = select_events(Filters(**{**f.__dict__, "limit": None})).order_by(None).subquery()
    with store.engine.connect() as c:
        if by == "type":
            q = select(sub.c.type, func.count()).group_by(sub.c.type)
        elif by == "month":
            month = func.substr(sub.c.date, 1, 7)
            q = select(month, func.count()).group_by(month)
        elif by == "dyad":
            q = (select(dyads.c.a + "->" + dyads.c.b, func.count(func.distinct(dyads.c.event_id)))
                 .join(sub, sub.c.id == dyads.c.event_id).group_by(dyads.c.a, dyads.c.b))
        elif by == "actor":
            q = (select(participants.c.code, func.count(func.distinct(participants.c.event_id)))
                 .join(sub, sub.c.id == participants.c.event_id).where(participants.c.code.is_not(None))
                 .group_by(participants.c.code))
        elif by == "lang":
            q = (select(mentions.c.lang, func.count(func.distinct(mentions.c.event_id)))
                 .join(sub, sub.c.id == mentions.c.event_id).group_by(mentions.c.lang))
        else:
            raise UsageError("--by must be one of: type, dyad, month, actor, lang")
        rows = [(str(k) if k is not None else "unknown", int(n)) for k, n in c.execute(q)]
    if by == "month":
        return sorted(rows)
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def mention_rows(store: Store, event_ids: list[str]) -> Iterator[dict[str, Any]]:
    """Every mention of the given events with its article (for the Mentions exports)."""
    with store.engine.connect() as c:
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i:i + 500]
            q = (select(mentions, articles.c.url, articles.c.outlet, articles.c.published, articles.c.path,
                        func.length(articles.c.text).label("doc_len"))
                 .join(articles, articles.c.id == mentions.c.article_id)
                 .where(mentions.c.event_id.in_(chunk)).order_by(mentions.c.event_id, mentions.c.id))
            yield from (dict(r) for r in c.execute(q).mappings())


def article_documents(store: Store) -> Iterator[dict[str, Any]]:
    """Each stored article as the JSON contract's object (its own reports as its events)."""
    with store.engine.connect() as c:
        for art in c.execute(select(articles).order_by(articles.c.id)).mappings():
            evs = [json.loads(r[0]) for r in c.execute(select(reports.c.json).where(
                reports.c.article_id == art["id"]).order_by(reports.c.id))]
            qs = [{"speaker": {"name": q["speaker_name"], "code": q["speaker_code"]}, "text": q["text"],
                   "start": q["start"], "end": q["end"], "attribution": q["attribution"]}
                  for q in c.execute(select(quotes).where(quotes.c.article_id == art["id"])
                                     .order_by(quotes.c.id)).mappings()]
            yield {
                "article": {"id": art["id"], "path": art["path"], "url": art["url"], "outlet": art["outlet"],
                            "title": art["title"], "lang": art["lang"] or "und", "published": art["published"]},
                "events": evs, "quotes": qs, "diagnostics": json.loads(art["diagnostics"] or "[]"),
                "pipeline": art["pipeline"],
            }
