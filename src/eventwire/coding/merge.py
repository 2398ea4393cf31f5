"""Merging the mentions of one happening inside an article (headline, body, later references)."""

from __future__ import annotations

from eventwire.coding.lexicon import coding_for
from eventwire.model import Entity, Event
from eventwire.store.cluster import modes_compatible_in_article


def codes(ents: list[Entity]) -> set[str]:
    return {e.code for e in ents if e.code}


def compatible(a: Event, b: Event) -> bool:
    if a.type != b.type or a.negated != b.negated or a.hypothetical != b.hypothetical:
        return False
    if not modes_compatible_in_article(a.type, a.mode, b.mode):
        return False  # "held a three-way summit" and "hosted Li and Kishida": one meeting (store/data/merge.tsv)
    if a.date and b.date and a.date != b.date:
        return False
    pa, pb = a.date or a.date_period, b.date or b.date_period
    if pa and pb and not (pa.startswith(pb) or pb.startswith(pa)):
        return False  # "in 2014" is not "on Monday"
    if a.symmetric or b.symmetric:
        ca, cb = codes(a.actor + a.recipient), codes(b.actor + b.recipient)
        if not ca or not cb:
            return False
        if ca == cb:
            return True
        small, big = (ca, cb) if len(ca) <= len(cb) else (cb, ca)
        return len(small) >= 2 and small <= big
    aa, ba = codes(a.actor), codes(b.actor)
    ar, br = _stated(a.recipient), _stated(b.recipient)
    if not (aa & ba):
        return False
    return not ar or not br or bool(ar & br)


def _stated(ents: list[Entity]) -> set[str]:
    """Codes the text states, not the ones guessed from where the event happened ("Protest in Berlin": the
    target DEU is a default that the body's "outside the Russian embassy" overrides)."""
    return {e.code for e in ents if e.code and e.source != "location"}


def absorb(into: Event, other: Event) -> None:
    """Fold `other` (a later or lesser mention) into `into`."""
    mode_before = into.mode
    if other.symmetric and not into.symmetric:
        # a meeting told jointly ("met President Zelensky") folded into the visit it belongs to: the host stays
        # the recipient, with the name the joint mention gives it
        host = codes(into.recipient)
        into.actor = _union(into.actor, [e for e in other.actor if e.code not in host])
        into.recipient = _union(into.recipient, [e for e in other.actor if e.code in host] + other.recipient)
    elif into.symmetric and other.mode == "visit":
        parties = codes(into.actor + into.recipient + other.actor + other.recipient)
        if len(parties) <= 2:  # a bilateral meeting told before the visit it was: the visit, with its host
            host, told = codes(other.recipient), into.actor + into.recipient
            into.actor = _union(other.actor, [e for e in told if e.code not in host])
            into.recipient = _union(other.recipient, [e for e in told if e.code in host])
            into.symmetric, into.mode = False, other.mode
        else:  # a summit of three or more told before one member's hosting: its parties all act
            into.actor = _union(into.actor, other.actor + other.recipient)
            into.mode = into.mode or "multilateral"
    else:
        into.actor = _union(into.actor, other.actor)
        into.recipient = _union(into.recipient, other.recipient)
    if into.type == "CONSULT" and into.mode == "visit" and codes(into.recipient) - codes(into.actor):
        # one is never host to one's own visit: the visitor's own people where it goes are not the host
        into.recipient = [e for e in into.recipient if e.code not in codes(into.actor)]
    if _stated(into.recipient):
        into.recipient = [e for e in into.recipient if e.source != "location" or e.code in _stated(into.recipient)]
    into.mode = into.mode or other.mode
    if into.mode != mode_before:  # the CAMEO code and score are the mode's
        coding = coding_for(into.type, into.mode)
        into.cameo, into.score, into.quad_class = coding.cameo, coding.score, coding.quad_class
    if into.date is None and other.date is not None:
        into.date, into.date_text, into.date_period = other.date, other.date_text, None
    elif into.date is None and into.date_period is None and other.date_period:
        into.date_period, into.date_text = other.date_period, other.date_text
    into.initiator = into.initiator or other.initiator
    into.attribution = into.attribution or other.attribution
    into.location = into.location or other.location
    for t in other.topics:
        if t not in into.topics:
            into.topics.append(t)
    for c in other.context:
        if c not in into.context:
            into.context.append(c)
    into.mentions.extend(other.mentions)
    if other.confidence and (into.confidence or 0) < other.confidence:
        into.confidence = other.confidence


def _union(a: list[Entity], b: list[Entity]) -> list[Entity]:
    """One entity per code (the most informative wins); uncoded entities kept when new."""
    out: list[Entity] = []
    by_code: dict[str, int] = {}
    for e in a + b:
        if e.code:
            if e.code in by_code:
                i = by_code[e.code]
                if e.informativeness() > out[i].informativeness():
                    out[i] = e
                continue
            by_code[e.code] = len(out)
            out.append(e)
        elif not any((x.name or x.text) == (e.name or e.text) for x in out):
            out.append(e)
    return out


def merge_events(events: list[Event]) -> list[Event]:
    """Each event folded into the first earlier one it is compatible with (unless its sentence calls it another
    act), else kept. Compatible events share their type, flags and at least one code, so only the events indexed
    under those are tried: the work grows with the article's length, not with its square."""
    merged: list[Event] = []
    index: dict[tuple[str, bool, bool], dict[str, set[int]]] = {}
    for ev in events:
        bucket = index.setdefault((ev.type, ev.negated, ev.hypothetical), {})
        tried = sorted({i for c in codes(ev.actor + ev.recipient) for i in bucket.get(c, ())})
        if ev.evidence.other_act:
            # "a similar agreement": another act than the ones the same part told before (a headline's act may
            # be this one: "struck another vessel" in the lede is the headline's strike)
            tried = [i for i in tried if merged[i].evidence.field != ev.evidence.field]
        at = next((i for i in tried if compatible(merged[i], ev)), None)
        if at is None:
            at = len(merged)
            merged.append(ev)
        else:
            absorb(merged[at], ev)
        for c in codes(merged[at].actor + merged[at].recipient):
            bucket.setdefault(c, set()).add(at)
    return merged
