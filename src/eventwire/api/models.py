"""The API's answers as pydantic models: they document `/openapi.json` (and `/docs`) and what the tests check
every answer against. Event and entity objects are the JSON contract's (tests/data/article-events.schema.json),
which may grow fields: the models list the fields a client can rely on and allow the others."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
PloverType = Literal["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                     "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    code: str = Field(description="eventwire's error code: E100 bad parameter, E202 store unreadable, ...")
    message: str


class Entity(_Open):
    text: str | None = None
    name: str | None = None
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str | None = None


class Span(BaseModel):
    kind: Literal["trigger", "actor", "recipient"]
    start: int = Field(description="offset in the sentence (event mentions) or in the field (article view)")
    end: int
    text: str
    code: str | None = None
    name: str | None = None


class Mention(_Open):
    article_id: str
    report_id: str | None = None
    field: str | None = Field(None, description="title or text")
    text: str | None = Field(None, description="the sentence")
    start: int | None = Field(None, description="the sentence's offsets in the article's title or text")
    end: int | None = None
    trigger: str | None = None
    lang: str | None = None
    url: str | None = None
    attribution: dict[str, Any] | None = None
    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    spans: list[Span] = []


class Event(_Open):
    id: str
    type: str
    mode: str | None = None
    date: str | None = None
    score: float | None = None
    actor: list[Entity] = []
    recipient: list[Entity] = []
    mentions: list[Mention] = []


class EventsPage(BaseModel):
    total: int = Field(description="events matching the filters (counting stops past 10,000: see total_exact)")
    total_exact: bool
    offset: int
    limit: int
    next_offset: int | None = Field(description="offset of the next page, null on the last")
    events: list[Event]


class StatsRow(BaseModel):
    key: str
    events: int


class Stats(BaseModel):
    by: str
    rows: list[StatsRow]


class Node(BaseModel):
    code: str
    name: str | None = None
    events: int = Field(description="filtered events the actor takes part in")


class Edge(BaseModel):
    a: str = Field(description="acting side")
    b: str = Field(description="side acted on (for symmetric events, both directions are edges)")
    events: int
    mean_score: float | None = Field(description="mean PLOVER conflict-cooperation score, -10 (conflict) to 10")
    first: str | None = None
    last: str | None = None


class Network(BaseModel):
    nodes: list[Node]
    edges: list[Edge]


class TimelinePoint(BaseModel):
    period: str
    events: int
    mean_score: float | None = None


class Timeline(BaseModel):
    interval: Literal["day", "month"]
    points: list[TimelinePoint]
    undated: int


class ActorMatch(Entity):
    role_start: str | None = None
    role_end: str | None = None


class Actors(BaseModel):
    q: str
    date: str | None = None
    results: list[ActorMatch]


class ArticleMeta(_Open):
    id: str
    path: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    lang: str | None = None
    published: str | None = None


class ArticleMention(_Open):
    event_id: str
    report_id: str
    field: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    trigger: str | None = None
    type: str | None = None
    spans: list[Span] = Field(description="offsets in the mention's field (title or text) of the article")


class ArticleView(BaseModel):
    article: ArticleMeta
    title: str | None = None
    text: str
    mentions: list[ArticleMention]
    quotes: list[dict[str, Any]]


class Stored(BaseModel):
    id: str
    path: str | None = None
    lang: str | None = None
    events: int


class Rejected(BaseModel):
    source: str | None = None
    code: str
    message: str


class IngestResult(BaseModel):
    stored: list[Stored]
    skipped: int = Field(description="articles already stored with the same content")
    rejected: list[Rejected]
    totals: dict[str, int]


class ArticleIn(_Open):
    """An article to code: the fields `ingest` reads from JSON (others are ignored)."""

    id: str | None = None
    url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    published: str | None = None
    title: str | None = None
    text: str
