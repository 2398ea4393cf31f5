"""The store's tables (SQLAlchemy Core). Alembic migrations in `store/migrations/` create and change them.

Vocabulary: an *event* is one happening; a *report* is what one article says about it (the article-level event
object of the JSON contract); a *mention* is one sentence of an article that tells it. Reports of the same
happening in several articles, in any language, point to one event (see `store/cluster.py`).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

articles = Table(
    "articles", metadata,
    Column("id", String, primary_key=True),
    Column("content_hash", String(64), nullable=False),
    Column("path", Text), Column("url", Text), Column("outlet", Text), Column("title", Text),
    Column("lang", String(8)), Column("published", String(10)),
    Column("text", Text, nullable=False),
    Column("pipeline", String), Column("diagnostics", Text), Column("coded_at", String(32)),
)

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String(16), nullable=False), Column("mode", String(32)),
    Column("cameo", String(8)), Column("score", Float), Column("quad_class", Integer),
    Column("date", String(10)), Column("date_precise", Boolean, nullable=False, default=False),
    Column("symmetric", Boolean, nullable=False, default=False),
    Column("actor_codes", String), Column("recipient_codes", String), Column("initiator", String(16)),
    Column("context", String), Column("negated", Boolean, nullable=False, default=False),
    Column("hypothetical", Boolean, nullable=False, default=False),
    Column("n_reports", Integer, nullable=False, default=0), Column("n_articles", Integer, nullable=False, default=0),
    Column("n_mentions", Integer, nullable=False, default=0), Column("langs", String),
    Column("n_outlets", Integer), Column("outlets", Text),  # the outlets that report it ('; '-separated)
    Column("json", Text, nullable=False),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_date", "date"),
)

reports = Table(
    "reports", metadata,
    Column("id", String(40), primary_key=True),
    Column("event_id", String(40), nullable=False, index=True),  # rebuilt with its event
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("type", String(16), nullable=False), Column("mode", String(32)),
    Column("date", String(10)), Column("match_date", String(10)),
    Column("match_day", Integer),  # match_date as a day number (proleptic ordinal), for portable +-1 day joins
    Column("date_precise", Boolean, nullable=False, default=False),
    Column("symmetric", Boolean, nullable=False, default=False),
    Column("negated", Boolean, nullable=False, default=False),
    Column("hypothetical", Boolean, nullable=False, default=False),
    Column("actor_codes", String), Column("recipient_codes", String), Column("persons", Text),
    Column("lang", String(8)), Column("json", Text, nullable=False),
    Column("type_group", String(80)),  # the types this report may merge with (cluster.type_group)
)  # candidates are found through report_codes; no query reads reports by type or day (migration 0004)

# one row per code of a report: the index that finds the stored reports a new one may be the same happening as
# (a shared code in the same type group within the date window) without reading every report of those days
report_codes = Table(
    "report_codes", metadata,
    Column("report_id", String(40), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("code", String(16), nullable=False),
    Column("type_group", String(80), nullable=False),
    Column("match_day", Integer, nullable=False),
    Column("article_id", String, nullable=False),
    Index("ix_report_codes_group_code_day", "type_group", "code", "match_day"),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", String(40), ForeignKey("reports.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("article_id", String, nullable=False, index=True),
    Column("field", String(8)), Column("start", Integer), Column("end", Integer), Column("text", Text),
    Column("trigger", String), Column("rule", String), Column("source", Text), Column("attribution", Text),
    Column("lang", String(8)),
)

entities = Table(
    "entities", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String, nullable=False, unique=True),
    Column("code", String(16), index=True), Column("name", String, index=True), Column("kind", String(16)),
    Column("sector", String(8)), Column("wikidata", String(16)),
)

participants = Table(
    "participants", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("role", String(10), nullable=False),  # actor | recipient
    Column("code", String(16)), Column("name", String), Column("sector", String(8)), Column("office", String),
    Column("entity_id", Integer, ForeignKey("entities.id")),
    Index("ix_participants_code", "code", "event_id"),
)  # names are searched with a substring LIKE, which no index serves (migration 0004)

# one row per ordered pair of codes (actor -> recipient; both orders for symmetric events): the dyad index
dyads = Table(
    "dyads", metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("a", String(16), nullable=False), Column("b", String(16), nullable=False), Column("date", String(10)),
    Index("ix_dyads_a_b_date", "a", "b", "date"),
    Index("ix_dyads_event", "event_id"),
)

quotes = Table(
    "quotes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("article_id", String, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("speaker_name", String), Column("speaker_code", String(16)),
    Column("text", Text), Column("start", Integer), Column("end", Integer), Column("attribution", String),
)

learned_actors = Table(
    "learned_actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String, nullable=False, index=True), Column("code", String(16)), Column("role", String),
    Column("sector", String(8)), Column("lang", String(8)), Column("date", String(10)),
    Column("article_id", String, nullable=False), Column("evidence", Text),
    Column("status", String(10), nullable=False, default="pending"),  # pending | accepted | rejected
    UniqueConstraint("name", "code", "role", "article_id", name="uq_learned"),
)

rejects = Table(
    "rejects", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", Text, nullable=False), Column("code", String(8), nullable=False), Column("message", Text),
    Column("article_id", String), Column("at", String(32)),
)

TABLES = (articles, events, reports, mentions, entities, participants, dyads, quotes, learned_actors, rejects)
