"""The data that flows between stages, and its JSON form (shared/schema/article-events.schema.json)."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Article:
    id: str
    text: str
    lang: str | None = None
    title: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: str | None = None
    path: str | None = None
    lang_detected: bool = False
    published_period: str | None = None  # "2025-06" or "2025" when the input gives only a month or a year
    notes: list[str] = field(default_factory=list)  # what reading it noticed (encoding, unread metadata...)

    @staticmethod
    def stable_id(title: str | None, text: str) -> str:
        norm = " ".join(((title or "") + "\n" + text).split())
        return "sha1:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:16]

    def field_text(self, field_name: str) -> str:
        return (self.title or "") if field_name == "title" else self.text


@dataclass
class Entity:
    text: str
    code: str | None
    kind: str  # person | organization | state | group | place
    name: str | None = None
    sector: str | None = None
    role: str | None = None
    wikidata: str | None = None
    role_start: str | None = None
    role_end: str | None = None
    source: str | None = None  # kb | article | title | metonym ...
    # position in the article (not serialised as schema fields; used by the coder)
    field: str = "text"
    start: int = -1
    end: int = -1
    person_key: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "text": self.text, "name": self.name, "code": self.code, "sector": self.sector,
            "role": self.role, "kind": self.kind, "wikidata": self.wikidata,
        }
        if self.role_start or self.role_end:
            d["role_start"], d["role_end"] = self.role_start, self.role_end
        if self.source:
            d["resolved_by"] = self.source
        return d

    def informativeness(self) -> int:
        return (4 if self.kind == "person" and self.name else 0) + (2 if self.role else 0) + (1 if self.name else 0)


@dataclass
class Mention:
    article_id: str
    field: str
    text: str
    start: int
    end: int
    trigger: str | None = None
    rule: str | None = None
    attribution: dict[str, Any] | None = None
    url: str | None = None
    path: str | None = None
    lang: str | None = None
    # how this sentence dates the event (not serialised): the day its own date words give, and whether it tells
    # the event as background (a recap, a pluperfect, "since ...") rather than as the article's news
    day: str | None = None
    background: bool = False
    # the sentence calls the act another one like an earlier ("a similar agreement", "ein ähnliches Abkommen"):
    # it is never folded into an event told before in the same part of the article (body or title)
    other_act: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id, "url": self.url, "path": self.path, "lang": self.lang,
            "field": self.field, "text": self.text, "start": self.start, "end": self.end,
            "trigger": self.trigger, "attribution": self.attribution,
        }


@dataclass
class Event:
    id: str
    type: str
    mode: str | None
    actor: list[Entity]
    recipient: list[Entity]
    evidence: Mention
    date: str | None = None
    date_text: str | None = None
    date_period: str | None = None  # "2014" or "2022-03" when the text dates the event only to a year or month
    date_basis: str | None = None  # text | article | dateline | published (see the contract)
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    score: float | None = None
    quad_class: int | None = None
    initiator: str | None = None
    location: dict[str, Any] | None = None
    topics: list[str] = field(default_factory=list)
    attribution: dict[str, Any] | None = None
    negated: bool = False
    hypothetical: bool = False
    confidence: float | None = None
    symmetric: bool = False
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        ev = self.evidence
        return {
            "id": self.id, "type": self.type, "mode": self.mode, "context": self.context,
            "cameo": self.cameo, "score": self.score, "quad_class": self.quad_class,
            "actor": [e.to_dict() for e in self.actor], "recipient": [e.to_dict() for e in self.recipient],
            "symmetric": self.symmetric, "initiator": self.initiator, "date": self.date,
            "date_text": self.date_text, "date_period": self.date_period, "date_basis": self.date_basis,
            "location": self.location,
            "topics": self.topics,
            "attribution": self.attribution, "negated": self.negated, "hypothetical": self.hypothetical,
            "confidence": self.confidence,
            "evidence": {"text": ev.text, "start": ev.start, "end": ev.end, "trigger": ev.trigger,
                         "rule": ev.rule, "field": ev.field},
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass
class Quote:
    speaker: Entity
    text: str
    start: int
    end: int
    field: str = "text"
    attribution: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"speaker": self.speaker.to_dict(), "text": self.text, "start": self.start, "end": self.end,
                "field": self.field, "attribution": self.attribution}


@dataclass
class ArticleResult:
    article: Article
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    diagnostics: list[str] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    pipeline: str | None = None

    def to_dict(self) -> dict[str, Any]:
        a = self.article
        return {
            "article": {"id": a.id, "path": a.path, "url": a.url, "outlet": a.outlet, "title": a.title,
                        "lang": a.lang or "und", "published": a.published, "published_period": a.published_period,
                        "lang_detected": a.lang_detected},
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "diagnostics": list(self.diagnostics),
            "pipeline": self.pipeline,
        }


@dataclass
class Reject:
    """An input that could not become an article (or could not be coded), kept with its reason."""

    source: str
    code: str
    message: str
    article_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
