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
from eventwire.store.schema import articles, dyads, entities, events, mentions, participants, quotes, reports

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
    offset: int = 0                      # skip this many events (pagination; the API's `offset`)


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
    if f.offset:
        q = q.offset(f.offset)
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
    sub = _all_of(f).subquery()
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


# ------------------------------------------------------------------ what the API and the dashboard read
def _all_of(f: Filters, **changes: Any) -> Select:
    """The filtered events without limit, offset or order (to count or group them)."""
    return select_events(Filters(**{**f.__dict__, "limit": None, "offset": 0, **changes})).order_by(None)


def count_events(store: Store, f: Filters, cap: int | None = None) -> int:
    """How many events the filters select (ignoring limit and offset); with `cap`, counting stops past it,
    so a count over millions of events stays cheap (the answer is then cap + 1)."""
    q = _all_of(f)
    if cap is not None:
        q = q.limit(cap + 1)
    with store.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(q.subquery())).scalar_one())


def event_by_id(store: Store, event_id: str) -> dict[str, Any] | None:
    """One stored event with its mentions; an id that is no longer an event's (events take the smallest id of
    their reports, so merging renames them) finds the event that now holds the report of that id."""
    with store.engine.connect() as c:
        row = c.execute(select(events.c.json).where(events.c.id == event_id)).first()
        if row is None:
            holder = c.execute(select(reports.c.event_id).where(reports.c.id == event_id)).first()
            if holder is not None:
                row = c.execute(select(events.c.json).where(events.c.id == holder[0])).first()
        if row is None:
            return None
        return _with_mentions(c, [json.loads(row[0])], True)[0]


def articles_meta(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Outlet, publication date, title, URL and language of the given articles."""
    out: dict[str, dict[str, Any]] = {}
    ids = sorted(set(ids))
    with store.engine.connect() as c:
        for i in range(0, len(ids), 500):
            q = (select(articles.c.id, articles.c.outlet, articles.c.published, articles.c.title, articles.c.url,
                        articles.c.lang).where(articles.c.id.in_(ids[i:i + 500])))
            out.update((r["id"], dict(r)) for r in c.execute(q).mappings())
    return out


def reports_participants(store: Store, report_ids: list[str]) -> dict[str, dict[str, list[dict[str, Any]]]]:
    """The actor and recipient entities of each report, as its article wrote them."""
    out: dict[str, dict[str, list[dict[str, Any]]]] = {}
    ids = sorted(set(report_ids))
    with store.engine.connect() as c:
        for i in range(0, len(ids), 500):
            for rid, js in c.execute(select(reports.c.id, reports.c.json).where(reports.c.id.in_(ids[i:i + 500]))):
                ev = json.loads(js)
                out[rid] = {"actor": ev.get("actor") or [], "recipient": ev.get("recipient") or []}
    return out


def _find_word(sentence: str, needle: str) -> tuple[int, int] | None:
    """Where `needle` stands in `sentence`: as a whole word if it can, in that case first, else anywhere."""
    if not needle or not sentence:
        return None
    pat = re.escape(needle)
    for rx, flags in ((rf"(?<!\w){pat}(?!\w)", 0), (rf"(?<!\w){pat}(?!\w)", re.IGNORECASE), (pat, re.IGNORECASE)):
        m = re.search(rx, sentence, flags)
        if m:
            return m.start(), m.end()
    return None


def _spellings(ent: dict[str, Any]) -> list[str]:
    """How a participant may be written in one of its event's sentences: as in the sentence its report was coded
    from (`text`), by its canonical name, or, for a person, by surname alone ("Lavrov")."""
    out = [ent.get("text") or "", ent.get("name") or ""]
    if ent.get("kind") == "person":
        out += [w.split()[-1] for w in out if len(w.split()) > 1 and len(w.split()[-1]) > 3]
    return [w for w in dict.fromkeys(out) if w]


def mention_spans(sentence: str | None, trigger: str | None, actors: list[dict[str, Any]],
                  recipients: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The trigger and the participants' words inside one mention's sentence, as character offsets relative to
    the sentence (`kind`: trigger, actor or recipient), sorted and never overlapping (the trigger wins, then the
    first found). The store keeps each participant's words as written in one sentence only, so a participant is
    looked for by those words, its name and a person's surname (see `_spellings`); one that a sentence names
    otherwise (a headline's "Moscou" for a body's "Lavrov") has no span there."""
    if not sentence:
        return []
    found: list[dict[str, Any]] = []
    candidates = [("trigger", {"text": trigger})] + [("actor", e) for e in actors] + [
        ("recipient", e) for e in recipients]
    for kind, ent in candidates:
        at = next((a for w in _spellings(ent) if (a := _find_word(sentence, w))), None)
        if at is None:
            continue
        if any(at[0] < s["end"] and s["start"] < at[1] for s in found):
            continue
        span = {"kind": kind, "start": at[0], "end": at[1], "text": sentence[at[0]:at[1]]}
        if kind != "trigger":
            span.update(code=ent.get("code"), name=ent.get("name"))
        found.append(span)
    return sorted(found, key=lambda s: s["start"])


def annotate_mentions(store: Store, evs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add to every mention of these events its article's outlet, publication date and title, and the spans of
    its trigger and participants in its sentence (see `mention_spans`)."""
    ms = [m for e in evs for m in e.get("mentions") or []]
    meta = articles_meta(store, [m["article_id"] for m in ms])
    parts = reports_participants(store, [m["report_id"] for m in ms if m.get("report_id")])
    for m in ms:
        a = meta.get(m["article_id"]) or {}
        m.update(outlet=a.get("outlet"), published=a.get("published"), title=a.get("title"))
        p = parts.get(m.get("report_id") or "") or {}
        m["spans"] = mention_spans(m.get("text"), m.get("trigger"), p.get("actor") or [], p.get("recipient") or [])
    return evs


def article_view(store: Store, article_id: str) -> dict[str, Any] | None:
    """A stored article with its text and every mention in it: the event it tells, its sentence's offsets, and the
    spans of its trigger and participants as offsets in the article's title or text (per mention `field`)."""
    with store.engine.connect() as c:
        art = c.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
        if art is None:
            return None
        rows = c.execute(select(mentions, reports.c.json.label("report"), events.c.type, events.c.mode,
                                events.c.date)
                         .join(reports, reports.c.id == mentions.c.report_id)
                         .join(events, events.c.id == mentions.c.event_id, isouter=True)
                         .where(mentions.c.article_id == article_id)
                         .order_by(mentions.c.field, mentions.c.start, mentions.c.id)).mappings().all()
        qs = c.execute(select(quotes).where(quotes.c.article_id == article_id).order_by(quotes.c.id)).mappings().all()
    out_mentions = []
    for r in rows:
        rep = json.loads(r["report"])
        local = mention_spans(r["text"], r["trigger"], rep.get("actor") or [], rep.get("recipient") or [])
        base = r["start"] or 0
        out_mentions.append({
            "event_id": r["event_id"], "report_id": r["report_id"], "field": r["field"], "start": r["start"],
            "end": r["end"], "text": r["text"], "trigger": r["trigger"], "rule": r["rule"],
            "type": r["type"] or rep.get("type"), "mode": r["mode"], "date": r["date"],
            "negated": bool(rep.get("negated")), "hypothetical": bool(rep.get("hypothetical")),
            "attribution": json.loads(r["attribution"]) if r["attribution"] else None,
            "spans": [{**s, "start": s["start"] + base, "end": s["end"] + base} for s in local]})
    return {
        "article": {"id": art["id"], "path": art["path"], "url": art["url"], "outlet": art["outlet"],
                    "title": art["title"], "lang": art["lang"], "published": art["published"],
                    "coded_at": art["coded_at"], "diagnostics": json.loads(art["diagnostics"] or "[]")},
        "title": art["title"], "text": art["text"], "mentions": out_mentions,
        "quotes": [{"speaker": q["speaker_name"], "code": q["speaker_code"], "text": q["text"], "start": q["start"],
                    "end": q["end"], "attribution": q["attribution"]} for q in qs],
    }


def network(store: Store, f: Filters, limit: int = 150) -> dict[str, list[dict[str, Any]]]:
    """Who acts on whom over the filtered events (the dyad filter is not applied: the network is the map to pick
    dyads from): the `limit` busiest directed dyads with their event count and mean conflict-cooperation score
    (PLOVER, -10..10; a symmetric event such as a meeting counts in both directions), and their actors with
    the number of filtered events each takes part in."""
    sub = _all_of(f, dyad=None).subquery()
    n = func.count(func.distinct(dyads.c.event_id))
    q = (select(dyads.c.a, dyads.c.b, n.label("n"), func.avg(sub.c.score).label("score"),
                func.min(sub.c.date).label("first"), func.max(sub.c.date).label("last"))
         .join(sub, sub.c.id == dyads.c.event_id).group_by(dyads.c.a, dyads.c.b)
         .order_by(n.desc(), dyads.c.a, dyads.c.b).limit(limit))
    with store.engine.connect() as c:
        edges = [{"a": r["a"], "b": r["b"], "events": int(r["n"]),
                  "mean_score": None if r["score"] is None else round(float(r["score"]), 2),
                  "first": r["first"], "last": r["last"]} for r in c.execute(q).mappings()]
        codes = sorted({e["a"] for e in edges} | {e["b"] for e in edges})
        counts: dict[str, int] = {}
        names: dict[str, str] = {}
        if codes:
            k = func.count(func.distinct(participants.c.event_id))
            counts = {r[0]: int(r[1]) for r in c.execute(
                select(participants.c.code, k).join(sub, sub.c.id == participants.c.event_id)
                .where(participants.c.code.in_(codes)).group_by(participants.c.code))}
            names = code_names(c, codes)
    nodes = [{"code": code, "name": names.get(code), "events": counts.get(code, 0)} for code in codes]
    return {"nodes": nodes, "edges": edges}


def code_names(c, codes: list[str]) -> dict[str, str]:
    """A name for each actor code, from the stored entities that are the state, organisation or group itself."""
    names: dict[str, str] = {}
    for code, name in c.execute(select(entities.c.code, func.min(entities.c.name))
                                .where(entities.c.code.in_(codes), entities.c.kind.in_(("state", "organization",
                                                                                       "group")),
                                       entities.c.name.is_not(None))
                                .group_by(entities.c.code)):
        names[code] = name
    return names


def timeline(store: Store, f: Filters, interval: str = "month") -> dict[str, Any]:
    """Event counts and mean conflict-cooperation score per day or month over the filtered events (an actor, a
    dyad, a type...), in date order; `undated` counts the events without a date."""
    if interval not in ("day", "month"):
        raise UsageError("interval must be day or month")
    sub = _all_of(f).subquery()
    period = func.substr(sub.c.date, 1, 10 if interval == "day" else 7)
    q = (select(period.label("p"), func.count().label("n"), func.avg(sub.c.score).label("score"))
         .where(sub.c.date.is_not(None)).group_by(period).order_by(period))
    with store.engine.connect() as c:
        points = [{"period": r["p"], "events": int(r["n"]),
                   "mean_score": None if r["score"] is None else round(float(r["score"]), 2)}
                  for r in c.execute(q).mappings()]
        undated = c.execute(select(func.count()).select_from(sub).where(sub.c.date.is_(None))).scalar_one()
    return {"interval": interval, "points": points, "undated": int(undated)}
