"""`coding/discourse.py` on its own: the article-level reasoning that needs no parse (events in, a side out)."""

from __future__ import annotations

from eventwire.coding.discourse import article_counterpart
from eventwire.model import Entity, Event, Mention


def state(code: str, kind: str = "state", name: str | None = None) -> Entity:
    return Entity(name or code, code, kind, name=name)


def event(typ: str, actor: list[Entity], recipient: list[Entity], score: float, **kw) -> Event:
    return Event("ev", typ, None, actor, recipient, Mention("a", "text", "", 0, 0), score=score, **kw)


def test_the_side_most_often_opposite_the_actor_leads():
    evs = [event("ASSAULT", [state("RUS")], [state("UKR")], -9.0),
           event("ACCUSE", [state("UKR")], [state("RUS")], -2.0),
           event("CONSULT", [state("RUS")], [state("HUN")], 1.0)]
    other = article_counterpart({"RUS"}, evs, hostile=True)
    assert other is not None and other.code == "UKR" and other.source == "article"
    # without the hostile filter, UKR still leads (two events against one)
    assert article_counterpart({"RUS"}, evs).code == "UKR"


def test_no_side_from_meetings_for_a_hostile_act_nor_on_a_tie_nor_from_flagged_events():
    meet = [event("CONSULT", [state("HUN")], [state("RUS")], 1.0)]
    assert article_counterpart({"RUS"}, meet, hostile=True) is None
    assert article_counterpart({"RUS"}, meet).code == "HUN"
    tie = [event("ACCUSE", [state("CHN")], [state("JPN")], -2.0), event("ACCUSE", [state("CHN")], [state("PHL")], -2.0)]
    assert article_counterpart({"CHN"}, tie, hostile=True) is None
    flagged = [event("ASSAULT", [state("KOR")], [state("PRK")], -9.0, hypothetical=True),
               event("ASSAULT", [state("PRK")], [state("KOR")], -9.0, negated=True)]
    assert article_counterpart({"PRK"}, flagged, hostile=True) is None


def test_the_side_is_given_as_a_state_not_as_one_of_its_persons():
    evs = [event("ACCUSE", [state("FRA")], [state("DZA", "person", "Abdelmadjid Tebboune")], -2.0)]
    other = article_counterpart({"FRA"}, evs, name_of=lambda c: {"DZA": "Algeria"}[c], hostile=True)
    assert (other.code, other.kind, other.name) == ("DZA", "state", "Algeria")
