"""One event per happening: when are two reports (from two articles) the same happening, and what is the event.

Two reports are the same happening when they have the same type and the same negation/hypothesis flags,
compatible modes (equal, or one unknown), the same date (one day apart when either side's date is only the
publication date), overlapping participants (both sides of a directed event; at least two shared codes for a
symmetric one, or all of the smaller side), and no contradiction between the persons named for a shared code.
Reports from the same article are never linked directly (the coder already merged an article's own mentions).

Events are the connected components of that relation, so the result does not depend on the order in which
articles arrive; an event's id is the smallest id of its reports, and its fields are computed from all its
reports with deterministic tie-breaks (most frequent value, then the smallest).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import orjson


@dataclass(frozen=True)
class ReportKey:
    id: str
    article_id: str
    type: str
    mode: str | None
    match_date: str | None
    date_precise: bool
    symmetric: bool
    negated: bool
    hypothetical: bool
    actors: frozenset[str]
    recipients: frozenset[str]
    persons: tuple[tuple[str, frozenset[str]], ...] = field(default=())

    @property
    def codes(self) -> frozenset[str]:
        return self.actors | self.recipients

    def persons_for(self, code: str) -> frozenset[str]:
        for c, names in self.persons:
            if c == code:
                return names
        return frozenset()


def report_key(ev: dict[str, Any], article_id: str, published: str | None) -> ReportKey:
    """The comparison key of one article-level event object (the contract's event)."""
    persons: dict[str, set[str]] = {}
    for side in ("actor", "recipient"):
        for e in ev.get(side) or []:
            if e.get("code") and e.get("kind") == "person" and e.get("name"):
                persons.setdefault(e["code"], set()).add(e["name"])
    precise = bool(ev.get("date"))
    return ReportKey(
        id=ev["id"], article_id=article_id, type=ev["type"], mode=ev.get("mode"),
        # a report dated only to a month or year ("in 2014") is a recap: never matched by publication date
        match_date=ev.get("date") or (None if ev.get("date_period") else published), date_precise=precise,
        symmetric=bool(ev.get("symmetric")),
        negated=bool(ev.get("negated")), hypothetical=bool(ev.get("hypothetical")),
        actors=frozenset(e["code"] for e in ev.get("actor") or [] if e.get("code")),
        recipients=frozenset(e["code"] for e in ev.get("recipient") or [] if e.get("code")),
        persons=tuple(sorted((c, frozenset(n)) for c, n in persons.items())),
    )


def days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def compatible(a: ReportKey, b: ReportKey) -> bool:
    if a.article_id == b.article_id or a.type != b.type:
        return False
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if a.mode and b.mode and a.mode != b.mode:
        return False
    if not a.match_date or not b.match_date:
        return False
    if days_apart(a.match_date, b.match_date) > (0 if a.date_precise and b.date_precise else 1):
        return False
    if a.symmetric or b.symmetric:
        common = a.codes & b.codes
        if not common or len(common) < min(2, len(a.codes), len(b.codes)):
            return False
    else:
        common = a.actors & b.actors
        if not common:
            return False
        if a.recipients and b.recipients:
            if not a.recipients & b.recipients:
                return False
            common |= a.recipients & b.recipients
    for code in common:
        pa, pb = a.persons_for(code), b.persons_for(code)
        if pa and pb and not pa & pb:
            return False
    return True


def components(keys: list[ReportKey]) -> list[list[ReportKey]]:
    """Connected components of `compatible` among `keys`, each sorted by id, the list sorted by first id."""
    parent = list(range(len(keys)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(keys)):
        for j in range(i + 1, len(keys)):
            if compatible(keys[i], keys[j]):
                parent[find(i)] = find(j)
    groups: dict[int, list[ReportKey]] = {}
    for i, k in enumerate(keys):
        groups.setdefault(find(i), []).append(k)
    return sorted((sorted(g, key=lambda k: k.id) for g in groups.values()), key=lambda g: g[0].id)


def _most_common(values: list[Any]) -> Any:
    values = [v for v in values if v not in (None, "")]
    if not values:
        return None
    counts = Counter(values)
    best = max(counts.values())
    return min(v for v, n in counts.items() if n == best)


@dataclass
class Report:
    """A stored report: its key, its event object and where it comes from."""

    key: ReportKey
    event: dict[str, Any]
    published: str | None
    lang: str | None


def aggregate(event_id: str, members: list[Report], with_mentions: bool = True) -> dict[str, Any]:
    """The happening's event object, computed from all its reports (order-independent). Without mentions
    (`with_mentions=False`, as the store keeps them in their own table) `mentions` is left out and
    `n_mentions` gives their number."""
    from eventwire.coding.lexicon import coding_for

    if len(members) == 1 and not with_mentions:
        return _aggregate_one(event_id, members[0])
    members = sorted(members, key=lambda r: r.key.id)
    evs = [r.event for r in members]
    typ = evs[0]["type"]
    mode = _most_common([e.get("mode") for e in evs])
    precise = [e["date"] for e in evs if e.get("date")]
    if precise:
        when, when_precise = _most_common(precise), True
    else:
        pubs = [r.published for r in members if r.published]
        when, when_precise = (min(pubs) if pubs else None), False
    n_sym = sum(1 for e in evs if e.get("symmetric"))
    # a visit has a visitor and a host whatever some reports said; otherwise the majority decides
    symmetric = mode != "visit" and n_sym * 2 >= len(evs)
    actors: dict[tuple, dict] = {}
    recipients: dict[tuple, dict] = {}
    side_of: dict[str | None, str] = {}  # code -> 'actor' | 'recipient', as the directed reports say
    if not symmetric:
        for e in evs:
            if not e.get("symmetric"):
                for side in ("actor", "recipient"):
                    for ent in e.get(side) or []:
                        side_of.setdefault(ent.get("code"), side)
    for e in sorted(evs, key=lambda e: bool(e.get("symmetric"))):  # directed reports first
        for side in ("actor", "recipient"):
            for ent in e.get(side) or []:
                k = (ent.get("code"), ent.get("name") or ent.get("text"))
                where = "actor" if symmetric else (side if not e.get("symmetric") else side_of.get(k[0], "actor"))
                target = actors if where == "actor" else recipients
                cur = target.get(k)
                if cur is None or _info(ent) > _info(cur):
                    target[k] = ent
    coding = coding_for(typ, mode)
    contexts = sorted({c for e in evs for c in e.get("context") or []})
    all_mentions = [m for r in members for m in r.event.get("mentions") or []]
    sources = sorted({(m.get("attribution") or {}).get("source") for m in all_mentions} - {None})
    mentions = ([dict(m, report_id=r.key.id) for r in members for m in r.event.get("mentions") or []]
                if with_mentions else None)
    first = evs[0]
    return {
        "id": event_id, "type": typ, "mode": mode, "context": contexts,
        "cameo": coding.cameo, "score": coding.score, "quad_class": coding.quad_class,
        "actor": [actors[k] for k in sorted(actors, key=_sort_key)],
        "recipient": [recipients[k] for k in sorted(recipients, key=_sort_key)],
        "symmetric": symmetric, "initiator": _most_common([e.get("initiator") for e in evs]),
        "date": when, "date_precise": when_precise,
        "date_text": _most_common([e.get("date_text") for e in evs if e.get("date") == when]),
        "location": next((e["location"] for e in evs if e.get("location")), None),
        "topics": sorted({t for e in evs for t in e.get("topics") or []}),
        "attribution": first.get("attribution"), "sources": sources,
        "negated": bool(first.get("negated")), "hypothetical": bool(first.get("hypothetical")),
        "confidence": max((e.get("confidence") or 0.0) for e in evs) or None,
        "evidence": first.get("evidence"),
        "reports": [r.key.id for r in members],
        "articles": sorted({r.key.article_id for r in members}),
        "langs": sorted({r.lang for r in members if r.lang}),
        **({"mentions": mentions} if with_mentions else {"n_mentions": len(all_mentions)}),
    }


def _aggregate_one(event_id: str, r: Report) -> dict[str, Any]:
    """`aggregate` of a single report (most events), the same result computed without the voting."""
    from eventwire.coding.lexicon import coding_for

    e = r.event
    mode = e.get("mode") or None
    symmetric = mode != "visit" and bool(e.get("symmetric"))
    actors: dict[tuple, dict] = {}
    recipients: dict[tuple, dict] = {}
    for side in ("actor", "recipient"):
        target = actors if symmetric or side == "actor" else recipients
        for ent in e.get(side) or []:
            k = (ent.get("code"), ent.get("name") or ent.get("text"))
            cur = target.get(k)
            if cur is None or _info(ent) > _info(cur):
                target[k] = ent
    coding = coding_for(e["type"], mode)
    ms = e.get("mentions") or []
    when = e.get("date") or r.published
    return {
        "id": event_id, "type": e["type"], "mode": mode, "context": sorted(set(e.get("context") or [])),
        "cameo": coding.cameo, "score": coding.score, "quad_class": coding.quad_class,
        "actor": [actors[k] for k in sorted(actors, key=_sort_key)],
        "recipient": [recipients[k] for k in sorted(recipients, key=_sort_key)],
        "symmetric": symmetric, "initiator": e.get("initiator") or None,
        "date": when, "date_precise": bool(e.get("date")),
        "date_text": (e.get("date_text") or None) if e.get("date") else None,
        "location": e.get("location") or None, "topics": sorted(set(e.get("topics") or [])),
        "attribution": e.get("attribution"),
        "sources": sorted({(m.get("attribution") or {}).get("source") for m in ms} - {None}),
        "negated": bool(e.get("negated")), "hypothetical": bool(e.get("hypothetical")),
        "confidence": e.get("confidence") or None, "evidence": e.get("evidence"),
        "reports": [r.key.id], "articles": [r.key.article_id], "langs": [r.lang] if r.lang else [],
        "n_mentions": len(ms),
    }


def _info(ent: dict[str, Any]) -> int:
    return (4 if ent.get("kind") == "person" and ent.get("name") else 0) + (2 if ent.get("role") else 0) + (
        1 if ent.get("name") else 0)


def _sort_key(k: tuple) -> tuple[str, str]:
    return (k[0] or "", k[1] or "")


def dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode("utf-8")


def loads(text: str | bytes) -> Any:
    return orjson.loads(text)
