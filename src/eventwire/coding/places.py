"""Participants the place of an event decides, when the text names none: a meeting in one side's country is a
visit by the others, protesters are civilians of the state where they march, an attack hits the state where it
happens, an arrest at home is domestic."""

from __future__ import annotations

from eventwire.actors.kb import KnowledgeBase
from eventwire.coding.lexicon import coding_for
from eventwire.coding.merge import codes
from eventwire.model import Entity, Event


def place_rules(kb: KnowledgeBase, ev: Event) -> None:
    """Apply every rule of this module to a new event (each does nothing where it does not apply)."""
    _visit_by_location(kb, ev)
    _protest_by_location(kb, ev)
    _target_by_location(kb, ev)
    _domestic_coercion(kb, ev)


def _state_at(kb: KnowledgeBase, ev: Event, code: str, sector: str | None = None) -> Entity:
    """The state an event's place belongs to, as a participant guessed from the location."""
    return Entity((ev.location or {}).get("text") or "", code, "state", name=kb.country_name(code), sector=sector,
                  source="location")


def _protest_by_location(kb: KnowledgeBase, ev: Event) -> None:
    """"Thousands rallied in Belgrade": protesters with no named side are civilians of the state where they
    demonstrate, and their target, when the text names none, is that state's government."""
    if ev.type != "PROTEST" or any(e.code for e in ev.actor) or not ev.location or not ev.location.get("code"):
        return
    where = ev.location["code"]
    ev.actor = [Entity("protesters", where, "group", name=kb.country_name(where), sector="CVL",
                       source="location")]
    if not any(e.code for e in ev.recipient):
        ev.recipient = [_state_at(kb, ev, where, "GOV")]


def _target_by_location(kb: KnowledgeBase, ev: Event) -> None:
    """"Israeli aircraft struck targets in southern Lebanon": an attack with no named target hits the state
    where it happens, when that is not the attacker's own — or when the attackers are an armed group, not a
    state ("al-Shabaab detonated a car bomb in Mogadishu": SOM)."""
    if ev.type != "ASSAULT" or any(e.code for e in ev.recipient) or not ev.location:
        return
    where = ev.location.get("code")
    groups_only = all(e.kind == "group" or e.sector in ("REB", "INS") for e in ev.actor if e.code)
    if where and (where not in codes(ev.actor) or groups_only) and any(e.code for e in ev.actor):
        ev.recipient = [_state_at(kb, ev, where)]


def _domestic_coercion(kb: KnowledgeBase, ev: Event) -> None:
    """"Turkish police detained the mayor", "Les autorités russes ont interdit l'ONG": an arrest, raid, ban or
    seizure by one state's agents whose target the text does not tie to a state is aimed at that state's own
    people (domestic coding, as for protests); abroad ("in Kherson"), at the state where it happens."""
    execution = ev.type == "ASSAULT" and ev.mode == "execute"  # "les autorités iraniennes ont exécuté un homme"
    if ev.type != "COERCE" and not execution:
        return
    mine = codes(ev.actor)
    where = (ev.location or {}).get("code")
    if any(e.code for e in ev.recipient) or len(mine) != 1 or any(
            e.kind == "organization" for e in ev.actor if e.code):
        return
    if where is None and not execution and not any(not e.code for e in ev.recipient):
        return  # neither a place nor a person or group acted on: the target may be abroad ("schiebt ... ab")
    where = where or next(iter(mine))
    ev.recipient = [_state_at(kb, ev, where, "CVL" if where in mine else None)]


def visit_by_dateline(ev: Event, where: str) -> None:
    """"SEOUL (Wire) -- President Yoon held talks with Chinese Premier Li Qiang at the presidential office": a
    meeting of two states reported as the day's news from one of them, whose sentence names no place, is the
    other's visit there (a dateline in neither state says nothing of where they met; a call has its mode)."""
    parties = codes(ev.actor + ev.recipient)
    if ev.type == "CONSULT" and ev.mode is None and not ev.location and len(parties) == 2 and where in parties:
        _visit_at(ev, where)


def visit_to(kb: KnowledgeBase, ev: Event, where: str) -> None:
    """"Blinken holds talks in Seoul": a meeting told with one side alone, in another state's place, is that side's
    visit to the state."""
    ev.recipient = [*ev.recipient, _state_at(kb, ev, where)]
    _visit_at(ev, where)


def _visit_at(ev: Event, where: str) -> None:
    parts = ev.actor + ev.recipient
    ev.mode = "visit"
    ev.actor = [p for p in parts if p.code != where]
    ev.recipient = [p for p in parts if p.code == where]
    ev.symmetric = False
    coding = coding_for(ev.type, ev.mode)
    ev.cameo, ev.score = coding.cameo, coding.score


def _visit_by_location(kb: KnowledgeBase, ev: Event) -> None:
    """A meeting in one participant's country is a visit by the others; elsewhere, a third-party meeting."""
    if ev.type != "CONSULT" or not ev.location or not ev.location.get("code"):
        return
    where = ev.location["code"]
    if ev.mode == "visit":
        # "une visite officielle à Rome": the host is the state visited when the text names no host, or names
        # only the visitor's own people there ("greeted at the station by the UK's ambassador")
        own_only = bool(codes(ev.recipient)) and codes(ev.recipient) <= codes(ev.actor)
        if (not ev.recipient or own_only) and where not in codes(ev.actor):
            ev.recipient = [_state_at(kb, ev, where)]
            ev.symmetric = False
        return
    if ev.mode is not None:
        return
    parts = ev.actor + ev.recipient
    pcodes = codes(parts)
    if len(pcodes) < 2:
        return
    if where in pcodes:
        _visit_at(ev, where)
        return
    ev.mode = "third-party"
    coding = coding_for(ev.type, ev.mode)
    ev.cameo, ev.score = coding.cameo, coding.score
