"""The API's routes. Each is a thin wrapper over a library function: the queries of `store/query.py` (the same
filters as `eventwire events`), the knowledge base's `lookup`, and `ingest`."""

from __future__ import annotations

import hmac
import tempfile
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from eventwire.api.models import (
    Actors,
    ArticleIn,
    ArticleView,
    Error,
    Event,
    EventsPage,
    IngestResult,
    Network,
    PloverType,
    Stats,
    Timeline,
)
from eventwire.store.db import Store
from eventwire.store.query import (
    Filters,
    annotate_mentions,
    article_view,
    count_events,
    event_by_id,
    find_events,
    network,
    parse_dyad,
    stats,
    timeline,
)

router = APIRouter()
COUNT_CAP = 10_000
_ERR = {"model": Error}
READ_ERRORS: dict[int | str, dict[str, Any]] = {400: _ERR, 503: _ERR}
DYAD_PATTERN = r"^[A-Za-z][A-Za-z0-9]{1,7}[,:>-][A-Za-z][A-Za-z0-9]{1,7}$"


def get_store(request: Request) -> Store:
    return request.app.state.store


StoreDep = Annotated[Store, Depends(get_store)]


def event_filters(
    actor: Annotated[list[str] | None, Query(description="code (RUS) or name (Lavrov), either side; repeat for "
                                                         "all of several", max_length=200)] = None,
    dyad: Annotated[str | None, Query(description="A,B: A acts on B (symmetric events such as meetings match "
                                                  "both orders)", pattern=DYAD_PATTERN)] = None,
    type_: Annotated[list[PloverType] | None, Query(alias="type", description="PLOVER type (repeatable)")] = None,
    mode: Annotated[list[str] | None, Query(description="PLOVER mode (repeatable)", max_length=40)] = None,
    context: Annotated[list[str] | None, Query(description="PLOVER context (repeatable)", max_length=40)] = None,
    since: Annotated[date | None, Query(description="first event date (YYYY-MM-DD)")] = None,
    until: Annotated[date | None, Query(description="last event date (YYYY-MM-DD)")] = None,
    lang: Annotated[list[str] | None, Query(description="language of a mention (repeatable)", max_length=8)] = None,
    outlet: Annotated[str | None, Query(description="words of the outlet name", max_length=200)] = None,
    text: Annotated[str | None, Query(description="words that must all appear in a mention's sentence",
                                      max_length=500)] = None,
    include_negated: Annotated[bool, Query(description="also negated and hypothetical events")] = False,
) -> Filters:
    """The filters of `eventwire events`, as query parameters."""
    return Filters(actor=actor or None, dyad=parse_dyad(dyad) if dyad else None, type=list(type_ or []) or None,
                   mode=mode or None, context=context or None, since=since.isoformat() if since else None,
                   until=until.isoformat() if until else None, lang=lang or None, outlet=outlet or None,
                   text=text or None, include_negated=include_negated)


FiltersDep = Annotated[Filters, Depends(event_filters)]


@router.get("/api/events", response_model=EventsPage, responses=READ_ERRORS, tags=["events"])
def list_events(store: StoreDep, f: FiltersDep,
                limit: Annotated[int, Query(ge=1, le=500, description="events per page")] = 50,
                offset: Annotated[int, Query(ge=0, le=1_000_000_000, description="events to skip")] = 0) -> Any:
    """Stored events (one per happening) in date order, each with all its mentions: the sentence, its article's
    outlet, date and language, the attribution, and the spans of the trigger and participants in the sentence."""
    f.limit, f.offset = limit + 1, offset
    evs = list(find_events(store, f))
    more = len(evs) > limit
    evs = annotate_mentions(store, evs[:limit])
    if offset == 0 and not more:
        total = len(evs)
    else:
        total = count_events(store, f, cap=COUNT_CAP)
    return {"total": min(total, COUNT_CAP), "total_exact": total <= COUNT_CAP, "offset": offset, "limit": limit,
            "next_offset": offset + limit if more else None, "events": evs}


@router.get("/api/events/{event_id:path}", response_model=Event, responses={404: _ERR, **READ_ERRORS},
            tags=["events"])
def get_event(store: StoreDep, event_id: Annotated[str, PathParam(max_length=300)]) -> Any:
    """One event with its mentions (an old event id, renamed by a later merge, finds the event that holds it)."""
    ev = event_by_id(store, event_id)
    if ev is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return annotate_mentions(store, [ev])[0]


@router.get("/api/articles/{article_id:path}", response_model=ArticleView, responses={404: _ERR, **READ_ERRORS},
            tags=["articles"])
def get_article(store: StoreDep, article_id: Annotated[str, PathParam(max_length=2000)]) -> Any:
    """A stored article: its text and title, and every mention in it with its event and the spans of its
    trigger and participants (offsets in the title or text, per mention `field`)."""
    art = article_view(store, article_id)
    if art is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return art


@router.get("/api/actors", response_model=Actors, responses=READ_ERRORS, tags=["actors"])
def actors(request: Request, q: Annotated[str, Query(min_length=1, max_length=200, pattern=r"[^ \t\n\r\f\v]",
                                                     description="a name, title, state, capital or organisation "
                                                     "(not blank)")],
           date_: Annotated[date | None, Query(alias="date", description="roles valid on that day")] = None,
           lang: Annotated[Literal["fr", "en", "es", "de"] | None, Query(description="language of q")] = None,
           limit: Annotated[int, Query(ge=1, le=200)] = 50) -> Any:
    """The knowledge base's lookup (as `eventwire actors lookup`): the entities q designates, best first, each
    person with the role valid on `date`."""
    from eventwire.actors.tools import lookup
    from eventwire.nlp.text import fold

    day = date_.isoformat() if date_ else None
    if not fold(q.strip()):  # punctuation or symbols only ("-", "¯"): a valid question that names nothing
        return {"q": q, "date": day, "results": []}
    return {"q": q, "date": day, "results": lookup(_kb(request), q, day, lang)[:limit]}


def _kb(request: Request):
    state = request.app.state
    with state.kb_lock:
        if state.kb is None:
            from eventwire.actors.kb import KnowledgeBase

            state.kb = KnowledgeBase()
        return state.kb


@router.get("/api/stats", response_model=Stats, responses=READ_ERRORS, tags=["events"])
def get_stats(store: StoreDep, f: FiltersDep,
              by: Annotated[Literal["type", "dyad", "month", "actor", "lang"], Query()] = "type") -> Any:
    """Event counts by type, dyad, month, actor or language over the filtered events (as `eventwire stats`)."""
    return {"by": by, "rows": [{"key": k, "events": n} for k, n in stats(store, f, by)]}


@router.get("/api/network", response_model=Network, responses=READ_ERRORS, tags=["events"])
def get_network(request: Request, store: StoreDep, f: FiltersDep,
                limit: Annotated[int, Query(ge=1, le=5000, description="at most this many dyads, busiest first")]
                = 150) -> Any:
    """Directed dyads with their event counts and mean conflict-cooperation score over the filtered events (the
    period: since/until), and their actors with their activity. The dyad filter is not applied here."""
    net = network(store, f, limit)
    if any(n["name"] is None for n in net["nodes"]):  # states the store knows only through persons: their KB name
        kb = _kb(request)
        for n in net["nodes"]:
            n["name"] = n["name"] or kb.country_name(n["code"])
    return net


@router.get("/api/timeline", response_model=Timeline, responses=READ_ERRORS, tags=["events"])
def get_timeline(store: StoreDep, f: FiltersDep,
                 interval: Annotated[Literal["day", "month"], Query()] = "month") -> Any:
    """Event counts and mean score per day or month for an actor (`actor`), a dyad (`dyad`) or any filter."""
    return timeline(store, f, interval)


# ------------------------------------------------------------------------------------------------ ingest
bearer = HTTPBearer(auto_error=False, description="the server's EVENTWIRE_API_TOKEN")
_FEED_TYPES = {"application/rss+xml": ".rss", "application/atom+xml": ".atom", "application/xml": ".xml",
               "text/xml": ".xml"}
_JSON_TYPES = {"application/json": ".json", "application/x-ndjson": ".jsonl", "application/jsonl": ".jsonl",
               "application/x-jsonlines": ".jsonl"}
_INGEST_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": {"anyOf": [
        {"type": "array", "items": ArticleIn.model_json_schema()}, ArticleIn.model_json_schema()]}},
    "application/x-ndjson": {"schema": {"type": "string", "description": "JSON Lines: one article object a line"}},
    "application/rss+xml": {"schema": {"type": "string", "description": "an RSS feed: each item is an article"}},
    "application/atom+xml": {"schema": {"type": "string", "description": "an Atom feed"}},
}}}


def _authorize(request: Request, cred: HTTPAuthorizationCredentials | None) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "ingest is disabled: start the server with EVENTWIRE_API_TOKEN set")
    if cred is None:
        raise HTTPException(401, "ingest needs the header 'Authorization: Bearer <token>'",
                            headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(cred.credentials.encode(), token.encode()):
        raise HTTPException(403, "wrong token")


async def _body(request: Request, cap: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > cap:
        raise HTTPException(413, f"the request is over the limit of {cap} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise HTTPException(413, f"the request is over the limit of {cap} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _suffix(content_type: str, raw: bytes) -> str:
    kind = content_type.split(";")[0].strip().lower()
    if kind in _FEED_TYPES:
        return _FEED_TYPES[kind]
    if kind in _JSON_TYPES:
        return _JSON_TYPES[kind]
    if kind in ("", "application/octet-stream"):
        head = raw.lstrip()[:200]
        if head.startswith((b"{", b"[")):
            lines = [ln for ln in raw.splitlines() if ln.strip()]
            return ".jsonl" if len(lines) > 1 and all(ln.lstrip().startswith(b"{") for ln in lines) else ".json"
        if head.startswith(b"<"):
            return ".xml"
    raise HTTPException(415, f"send JSON (application/json: an article object or a list of them), JSON Lines "
                             f"(application/x-ndjson) or a feed (application/rss+xml, application/atom+xml), "
                             f"not {kind or 'an unnamed type'}")


def _ingest(store: Store, raw: bytes, suffix: str, cap: int, lock) -> dict[str, Any]:
    from eventwire.ingest import ingest
    from eventwire.sources.readers import ReadOptions

    coded: list = []
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    with tempfile.TemporaryDirectory(prefix="eventwire-api-") as tmp:
        path = Path(tmp) / f"request-{stamp}{suffix}"
        path.write_bytes(raw)
        with lock:  # one ingest at a time in this process (the store also serialises writers across processes)
            s = ingest([str(path)], store, ReadOptions(max_bytes=cap), on_result=coded.append)
    return {"stored": [{"id": r.article.id, "path": r.article.path, "lang": r.article.lang, "events": len(r.events)}
                       for r in coded],
            "skipped": s.skipped,
            "rejected": [{"source": e.source, "code": e.code, "message": e.message} for e in s.errors],
            "totals": s.totals}


@router.post("/api/ingest", response_model=IngestResult, tags=["ingest"], openapi_extra=_INGEST_BODY,
             responses={401: _ERR, 403: _ERR, 413: _ERR, 415: _ERR, 503: _ERR})
async def ingest_articles(request: Request,
                          cred: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> Any:
    """Code and store articles as `eventwire ingest` does: a JSON article object or a list of them, JSON Lines,
    or an RSS/Atom feed. Answers what was stored (article ids and their event counts), what was already stored,
    and what was rejected with its code (E003, E004, E010...). Needs `Authorization: Bearer <token>`; enabled only
    when the server has EVENTWIRE_API_TOKEN; bodies over the size limit are refused (413)."""
    _authorize(request, cred)
    cap = request.app.state.max_request_bytes
    raw = await _body(request, cap)
    suffix = _suffix(request.headers.get("content-type", ""), raw)
    return await run_in_threadpool(_ingest, request.app.state.store, raw, suffix, cap, request.app.state.ingest_lock)

