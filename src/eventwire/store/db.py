"""One class owns database access; every write goes through `Store.save` / `Store.reject`."""

from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    func,
    select,
)
from sqlalchemy.engine import Engine

from eventwire.model import ArticleResult, Reject

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String, nullable=False),
    Column("path", Text), Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("lang", String(8)), Column("published", String(10)), Column("text", Text, nullable=False),
    Column("pipeline", String), Column("diagnostics", Text), Column("coded_at", String),
)
events = Table(
    "events", metadata,
    Column("id", String, primary_key=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), index=True),
    Column("type", String(16), index=True), Column("mode", String(32)), Column("cameo", String(8)),
    Column("score", Float), Column("quad_class", Integer), Column("date", String(10), index=True),
    Column("actor_codes", String), Column("recipient_codes", String), Column("initiator", String(16)),
    Column("negated", Boolean), Column("hypothetical", Boolean), Column("json", Text, nullable=False),
)
mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String, ForeignKey("events.id", ondelete="CASCADE"), index=True),
    Column("article_id", String, index=True), Column("field", String(8)), Column("start", Integer),
    Column("end", Integer), Column("text", Text), Column("trigger", String), Column("attribution", Text),
)
quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, index=True), Column("speaker_name", String), Column("speaker_code", String),
    Column("text", Text), Column("start", Integer), Column("end", Integer), Column("attribution", String),
)
rejects = Table(
    "rejects", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text), Column("code", String(8)), Column("message", Text), Column("article_id", String),
    Column("at", String),
)


def default_url() -> str:
    from platformdirs import user_data_dir

    base = Path(os.environ.get("EVENTWIRE_HOME") or user_data_dir("eventwire"))
    base.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{base / 'eventwire.sqlite'}"


class Store:
    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        self.engine: Engine = create_engine(self.url, future=True)
        metadata.create_all(self.engine)

    def has(self, article_id: str, content_hash: str) -> bool:
        with self.engine.connect() as c:
            row = c.execute(select(articles.c.content_hash).where(articles.c.id == article_id)).first()
        return row is not None and row[0] == content_hash

    def save(self, res: ArticleResult) -> bool:
        """Store one coded article in one transaction; False when the same article is already stored."""
        art = res.article
        chash = content_hash(art.title, art.text)
        if self.has(art.id, chash):
            return False
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self.engine.begin() as c:
            old = [r[0] for r in c.execute(select(events.c.id).where(events.c.article_id == art.id))]
            if old:
                c.execute(mentions.delete().where(mentions.c.event_id.in_(old)))
                c.execute(events.delete().where(events.c.article_id == art.id))
            c.execute(quotes.delete().where(quotes.c.article_id == art.id))
            c.execute(articles.delete().where(articles.c.id == art.id))
            c.execute(articles.insert().values(
                id=art.id, content_hash=chash, path=art.path, url=art.url, outlet=art.outlet, title=art.title,
                lang=art.lang, published=art.published, text=art.text, pipeline=res.pipeline,
                diagnostics=json.dumps(res.diagnostics, ensure_ascii=False), coded_at=now))
            for ev in res.events:
                d = ev.to_dict()
                c.execute(events.insert().values(
                    id=ev.id, article_id=art.id, type=ev.type, mode=ev.mode, cameo=ev.cameo, score=ev.score,
                    quad_class=ev.quad_class, date=ev.date,
                    actor_codes=" ".join(sorted({e.code for e in ev.actor if e.code})),
                    recipient_codes=" ".join(sorted({e.code for e in ev.recipient if e.code})),
                    initiator=ev.initiator, negated=ev.negated, hypothetical=ev.hypothetical,
                    json=json.dumps(d, ensure_ascii=False)))
                for m in ev.mentions:
                    c.execute(mentions.insert().values(
                        event_id=ev.id, article_id=m.article_id, field=m.field, start=m.start, end=m.end,
                        text=m.text, trigger=m.trigger,
                        attribution=json.dumps(m.attribution, ensure_ascii=False) if m.attribution else None))
            for q in res.quotes:
                c.execute(quotes.insert().values(
                    article_id=art.id, speaker_name=q.speaker.name, speaker_code=q.speaker.code, text=q.text,
                    start=q.start, end=q.end, attribution=q.attribution))
        return True

    def reject(self, rej: Reject) -> None:
        with self.engine.begin() as c:
            c.execute(rejects.insert().values(source=rej.source, code=rej.code, message=rej.message,
                                              article_id=rej.article_id,
                                              at=datetime.now(UTC).isoformat(timespec="seconds")))

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return {t.name: c.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (articles, events, mentions, quotes, rejects)}


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(((title or "") + "\n" + text).encode("utf-8")).hexdigest()
