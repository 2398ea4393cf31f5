"""One class owns database access; every write goes through `Store.save` / `Store.reject`.

An article is saved in one transaction (its row, its reports, mentions, quotes and learned actors, and the
events they join), so a batch killed at any point loses at most the article being written, and running it
again adds nothing twice (articles are keyed by id and content hash).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from operator import itemgetter
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, delete, event, func, insert, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.engine import Connection, Engine, create_engine

from eventwire.errors import EventwireError
from eventwire.model import ArticleResult, Reject
from eventwire.store.cluster import (
    NEWS_WINDOW,
    Report,
    ReportKey,
    aggregate,
    cluster,
    compatible,
    dumps,
    loads,
    report_key,
    type_group,
)
from eventwire.store.schema import (
    TABLES,
    articles,
    dyads,
    entities,
    events,
    learned_actors,
    mentions,
    participants,
    quotes,
    rejects,
    report_codes,
    reports,
)

# statements built once and executed with parameters (no per-call compilation)
_REPORTS_OF = (select(reports, articles.c.published, articles.c.outlet)
               .join(articles, articles.c.id == reports.c.article_id)
               .where(reports.c.event_id.in_(bindparam("eids", expanding=True))))
_nc, _oc = report_codes.alias("nc"), report_codes.alias("oc")
# stored reports that may be the same happening as a given one: a code in common, a type of its group, days
# within the window a publication-dated report covers, from another article (cluster.compatible decides). The
# shared code is necessary (compatible() needs overlapping participants) and makes the candidates a handful
# however many events a day holds (ix_report_codes_group_code_day).
_CANDIDATES = (select(_nc.c.report_id.label("nid"), _oc.c.report_id.label("oid")).distinct()
               .join(_oc, (_oc.c.type_group == _nc.c.type_group) & (_oc.c.code == _nc.c.code)
                     & (_oc.c.match_day >= _nc.c.match_day - NEWS_WINDOW)
                     & (_oc.c.match_day <= _nc.c.match_day + NEWS_WINDOW) & (_oc.c.article_id != _nc.c.article_id))
               .where(_nc.c.report_id.in_(bindparam("ids", expanding=True)))).subquery("p")
_KEY_COLUMNS = [reports.c[k] for k in (
    "id", "event_id", "article_id", "type", "mode", "match_date", "date_precise", "symmetric", "negated",
    "hypothetical", "actor_codes", "recipient_codes", "persons")]
_PAIRS = select(_CANDIDATES.c.nid, *_KEY_COLUMNS).join(reports, reports.c.id == _CANDIDATES.c.oid)
# the same on PostgreSQL, from the codes of the given reports passed as arrays: its planner, given a list of
# report ids, scans report_codes and reports whole (30 ms for 500 reports in a store of 15,000, growing with it)
_PAIRS_PG = (
    "SELECT p.nid, " + ", ".join(f"r.{c.name}" for c in _KEY_COLUMNS) + " FROM (SELECT DISTINCT n.nid, "
    "oc.report_id AS oid FROM unnest(%(nid)s::text[], %(grp)s::text[], %(code)s::text[], %(day)s::int[], "
    "%(art)s::text[]) AS n(nid, grp, code, day, art) JOIN report_codes oc ON oc.type_group = n.grp AND "
    f"oc.code = n.code AND oc.match_day BETWEEN n.day - {NEWS_WINDOW} AND n.day + {NEWS_WINDOW} AND "
    "oc.article_id <> n.art) p JOIN reports r ON r.id = p.oid")
MAX_NEIGHBOURHOOD = 400  # reports re-clustered together at most when a batch touches a dense region
_MOVE_REPORT = update(reports).where(reports.c.id == bindparam("rid")).values(event_id=bindparam("eid"))
_MOVE_MENTIONS = update(mentions).where(mentions.c.report_id == bindparam("rid")).values(event_id=bindparam("eid"))
_DROP = [delete(t).where(col.in_(bindparam("eids", expanding=True))) for t, col in (
    (dyads, dyads.c.event_id), (participants, participants.c.event_id), (events, events.c.id))]


class StoreError(EventwireError):
    """The store cannot be opened or read (bad URL, missing directory, server down, not a database)."""

    code = "E202"


class StoreWriteError(StoreError):
    """The store cannot be written (full disk, read-only file or database, no permission): the transaction
    was rolled back, so no article is half-written."""

    code = "E204"


_WRITE_FAILURES = ("readonly", "read-only", "read only", "disk is full", "disk full", "no space left",
                   "permission denied", "disk i/o error", "could not extend file", "quota")
WRITE_LOCK = 7_355_813  # PostgreSQL advisory lock key taken by every write transaction of eventwire


def store_error(e: BaseException) -> StoreError | None:
    """The coded store error for a database exception (None when `e` is not one)."""
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(e, StoreError):
        return e
    if not isinstance(e, SQLAlchemyError | sqlite3.Error):
        try:
            import psycopg
        except ImportError:  # pragma: no cover - psycopg is a dependency
            return None
        if not isinstance(e, psycopg.Error):
            return None
    orig = getattr(e, "orig", None) or e
    msg = (str(orig).strip().splitlines() or [type(orig).__name__])[0]
    if any(k in msg.lower() for k in _WRITE_FAILURES):
        return StoreWriteError(f"the store cannot be written: {msg}")
    return StoreError(f"store error: {msg}")


def default_url() -> str:
    from platformdirs import user_data_dir

    base = Path(os.environ.get("EVENTWIRE_HOME") or user_data_dir("eventwire"))
    base.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{base / 'eventwire.sqlite'}"


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    # 64 MB of page cache instead of 2 MB: the indexes a batch writes into stay in memory as the store grows
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA temp_store=MEMORY")
    # checkpoint the write-ahead log every ~40 MB instead of ~4 MB: each checkpoint writes the pages a batch
    # touched back into the file, and in a large store the same index pages are touched by every batch
    cur.execute("PRAGMA wal_autocheckpoint=10000")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


class Store:
    def __init__(self, url: str | None = None, *, migrate: bool = True) -> None:
        self.url = url or default_url()
        try:
            sqlite = self.url.startswith("sqlite")
            # a second process writing waits for the first (up to a minute) instead of failing at once
            self.engine: Engine = create_engine(self.url, future=True,
                                                connect_args={"timeout": 60} if sqlite else {})
        except Exception as e:  # noqa: BLE001 - bad URL or missing driver
            raise StoreError(f"cannot open store {self.url!r}: {e}") from None
        shown = self.engine.url.render_as_string(hide_password=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        if migrate:
            from eventwire.store.migrate import upgrade

            try:
                upgrade(self.engine)
            except EventwireError:
                raise
            except Exception as e:  # noqa: BLE001
                err = store_error(e)
                if err is None:
                    raise
                raise type(err)(f"cannot open store {shown}: {err.message.split(': ', 1)[-1]}") from None
        self._entity_ids: dict[str, int] = {}

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """A write transaction that serialises writers (SQLite BEGIN IMMEDIATE; a PostgreSQL advisory lock), so
        two processes ingesting into one store neither double an article nor cluster against a stale view;
        database failures come out as coded store errors (E202, E204), after the rollback."""
        try:
            with self.engine.begin() as c:
                if self.engine.dialect.name == "sqlite":
                    c.exec_driver_sql("BEGIN IMMEDIATE")
                elif self.engine.dialect.name == "postgresql":
                    c.execute(sql_text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
                yield c
        except EventwireError:
            raise
        except Exception as e:
            err = store_error(e)
            if err is None:
                raise
            raise err from None

    # ------------------------------------------------------------------ articles
    def stored_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        out: dict[str, str] = {}
        with self.engine.connect() as c:
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                rows = c.execute(select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(chunk)))
                out.update((r[0], r[1]) for r in rows)
        return out

    def save(self, res: ArticleResult | dict[str, Any], text: str | None = None) -> bool:
        """Store one coded article (an ArticleResult or its contract dict plus the text); False if already stored."""
        if isinstance(res, ArticleResult):
            return self.save_many([res]) == 1
        return self.save_many([(res, text or "", [])]) == 1

    def save_many(self, items: Iterable[ArticleResult | tuple[dict[str, Any], str, list[dict]]]) -> int:
        """Store several coded articles in ONE transaction (all or none); returns how many were new.

        Batching is what makes bulk ingest fast (a commit, and a statement per row, cost more than the
        merging itself): rows are collected in memory and written with one executemany per table at the end.
        A batch killed before its commit is simply coded and stored again by the next run.
        """
        try:
            with self.writing() as c:
                batch = _Batch(self, c)
                docs = [(i.to_dict(), i.article.text, _learned(i)) if isinstance(i, ArticleResult) else i
                        for i in items]
                ids = [d["article"]["id"] for d, _, _ in docs]
                for k in range(0, len(ids), 500):
                    batch.stored.update((r[0], r[1]) for r in c.execute(
                        select(articles.c.id, articles.c.content_hash).where(articles.c.id.in_(ids[k:k + 500]))))
                for d, text, learned in docs:
                    batch.add(d, text, learned)
                batch.flush()
                return batch.added
        except BaseException:
            self._entity_ids.clear()  # ids of rows that were rolled back
            raise

    def _reports_with_events(self, c: Connection, event_ids: Iterable[str]) -> list[tuple[Report, str]]:
        ids = sorted(set(event_ids))
        out = []
        for i in range(0, len(ids), 500):
            for r in c.execute(_REPORTS_OF, {"eids": ids[i:i + 500]}).mappings():
                ev = loads(r["json"])
                out.append((Report(report_key(ev, r["article_id"], r["published"]), ev, r["published"], r["lang"],
                                   r["outlet"]), r["event_id"]))
        return out

    def _reports_of(self, c: Connection, event_ids: Iterable[str]) -> list[Report]:
        return [rep for rep, _ in self._reports_with_events(c, event_ids)]

    def _drop_events(self, c: Connection, ids: Iterable[str]) -> None:
        ids = sorted(ids)
        for i in range(0, len(ids), 500):  # one statement per table and 500 events, not one per event
            for stmt in _DROP:
                c.execute(stmt, {"eids": ids[i:i + 500]})

    def _entity_ids_for(self, c: Connection, ents: list[dict[str, Any]]) -> dict[str, int]:
        """Ids of the entity rows for these entities (inserting the missing ones in one executemany)."""
        keys = {_entity_key(e): e for e in ents}
        missing = [k for k in keys if k not in self._entity_ids]
        for i in range(0, len(missing), 500):
            chunk = missing[i:i + 500]
            self._entity_ids.update((r[0], r[1]) for r in c.execute(
                select(entities.c.key, entities.c.id).where(entities.c.key.in_(chunk))))
        new = [k for k in keys if k not in self._entity_ids]
        if new:
            c.execute(insert(entities), [{"key": k, "code": keys[k].get("code"), "name": keys[k].get("name"),
                                          "kind": keys[k].get("kind"), "sector": keys[k].get("sector"),
                                          "wikidata": keys[k].get("wikidata")} for k in new])
            for i in range(0, len(new), 500):
                chunk = new[i:i + 500]
                self._entity_ids.update((r[0], r[1]) for r in c.execute(
                    select(entities.c.key, entities.c.id).where(entities.c.key.in_(chunk))))
        return self._entity_ids

    def _remove_article(self, c: Connection, aid: str) -> None:
        """Take an article's reports out of their events (re-coding a changed article), re-clustering the rest."""
        touched = {r[0] for r in c.execute(select(reports.c.event_id).where(reports.c.article_id == aid))}
        c.execute(delete(mentions).where(mentions.c.article_id == aid))
        c.execute(delete(report_codes).where(report_codes.c.report_id.in_(
            select(reports.c.id).where(reports.c.article_id == aid))))
        c.execute(delete(reports).where(reports.c.article_id == aid))
        c.execute(delete(quotes).where(quotes.c.article_id == aid))
        c.execute(delete(learned_actors).where(learned_actors.c.article_id == aid,
                                               learned_actors.c.status == "pending"))
        c.execute(delete(articles).where(articles.c.id == aid))
        if not touched:
            return
        rest = self._reports_of(c, touched)
        self._drop_events(c, touched)
        by_id = {r.key.id: r for r in rest}
        out = _Rows()
        for group in cluster([r.key for r in rest]):
            eid = group[0].id
            ids = [k.id for k in group]
            c.execute(update(reports).where(reports.c.id.in_(ids)).values(event_id=eid))
            c.execute(update(mentions).where(mentions.c.report_id.in_(ids)).values(event_id=eid))
            out.event(eid, [by_id[i] for i in ids])
        out.write(self, c)

    # ------------------------------------------------------------------ rejects, learned, counts
    def reject(self, rej: Reject) -> None:
        """Record an input that could not be coded; the same source and code are recorded once."""
        with self.writing() as c:
            c.execute(delete(rejects).where(rejects.c.source == rej.source, rejects.c.code == rej.code))
            c.execute(insert(rejects).values(source=rej.source, code=rej.code, message=rej.message,
                                             article_id=rej.article_id, at=_now()))

    def clear_rejects(self, sources: list[str]) -> None:
        """Forget earlier rejects of inputs that have now been stored."""
        if sources:
            with self.writing() as c:
                c.execute(delete(rejects).where(rejects.c.source == bindparam("src")), [{"src": x} for x in sources])

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as c:
            return {t.name: c.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}

    def learned(self, status: str | None = None) -> list[dict[str, Any]]:
        q = select(learned_actors).order_by(learned_actors.c.name, learned_actors.c.date)
        if status:
            q = q.where(learned_actors.c.status == status)
        with self.engine.connect() as c:
            return [dict(r) for r in c.execute(q).mappings()]

    def set_learned_status(self, ids: list[int], status: str) -> int:
        with self.writing() as c:
            return c.execute(update(learned_actors).where(learned_actors.c.id.in_(ids))
                             .values(status=status)).rowcount


class _Rows:
    """Event rows (with participants and dyads) collected for one executemany per table."""

    def __init__(self) -> None:
        self.events: list[dict[str, Any]] = []
        self.participants: list[tuple[dict[str, Any], dict[str, Any]]] = []
        self.dyads: list[dict[str, Any]] = []

    def event(self, event_id: str, members: list[Report]) -> None:
        agg = aggregate(event_id, members, with_mentions=False)
        self.events.append(dict(
            id=event_id, type=agg["type"], mode=agg["mode"], cameo=agg["cameo"], score=agg["score"],
            quad_class=agg["quad_class"], date=agg["date"], date_precise=agg["date_precise"],
            symmetric=agg["symmetric"], actor_codes=_codes(agg["actor"]), recipient_codes=_codes(agg["recipient"]),
            initiator=agg["initiator"], context=" ".join(agg["context"]), negated=agg["negated"],
            hypothetical=agg["hypothetical"], n_reports=len(agg["reports"]), n_articles=len(agg["articles"]),
            n_mentions=agg["n_mentions"], langs=" ".join(agg["langs"]), n_outlets=len(agg["outlets"]),
            outlets="; ".join(agg["outlets"]),
            json=dumps(agg)))  # mentions: read from their table
        for role in ("actor", "recipient"):
            for ent in agg[role]:
                self.participants.append(({"event_id": event_id, "role": role, "code": ent.get("code"),
                                           "name": ent.get("name"), "sector": ent.get("sector"),
                                           "office": ent.get("role")}, ent))
        a_codes = sorted({e["code"] for e in agg["actor"] if e.get("code")})
        r_codes = sorted({e["code"] for e in agg["recipient"] if e.get("code")})
        if agg["symmetric"]:
            pairs = {(x, y) for x in a_codes for y in a_codes if x != y}
        else:
            pairs = {(x, y) for x in a_codes for y in r_codes if x != y}
        self.dyads += [{"event_id": event_id, "a": a, "b": b, "date": agg["date"]} for a, b in sorted(pairs)]

    def write(self, store: Store, c: Connection) -> None:
        bulk_insert(c, events, self.events)
        if self.participants:
            ids = store._entity_ids_for(c, [ent for _, ent in self.participants])
            bulk_insert(c, participants, [{**row, "entity_id": ids[_entity_key(ent)]}
                                          for row, ent in self.participants])
        bulk_insert(c, dyads, self.dyads)


class _Batch:
    """The articles of one transaction. Rows are collected in memory; `flush` writes them with one executemany
    per table, finds the stored reports that could be the same happening with one join per 500 reports, and
    re-clusters the events they belong to without chaining (see cluster.py)."""

    def __init__(self, store: Store, c: Connection) -> None:
        self.store, self.c = store, c
        self.added = 0
        self.seen: dict[str, str] = {}  # article id -> hash, within this batch
        self.stored: dict[str, str] = {}  # article id -> hash in the database before this batch
        self._reset()

    def _reset(self) -> None:
        self.keys: dict[str, Report] = {}  # new report id -> report
        self.articles: list[dict] = []
        self.reports: list[dict] = []
        self.codes: list[dict] = []
        self.mentions: list[dict] = []
        self.quotes: list[dict] = []
        self.learned: list[dict] = []

    def add(self, d: dict[str, Any], text: str, learned: list[dict]) -> None:
        art = d["article"]
        aid = art["id"]
        chash = content_hash(art.get("title"), text)
        if self.seen.get(aid) == chash:
            return
        old = self.stored.get(aid)
        if old == chash and aid not in self.seen:
            return
        kept_learned: set[tuple] = set()
        if old is not None or aid in self.seen:  # a changed article: write what we have, then re-cluster
            self.flush()
            self._reset()
            self.store._remove_article(self.c, aid)
            kept_learned = {(r[0], r[1], r[2]) for r in self.c.execute(
                select(learned_actors.c.name, learned_actors.c.code, learned_actors.c.role)
                .where(learned_actors.c.article_id == aid))}
        self.seen[aid] = chash
        self.added += 1
        published, lang = art.get("published"), art.get("lang")
        self.articles.append(dict(
            id=aid, content_hash=chash, path=art.get("path"), url=art.get("url"), outlet=art.get("outlet"),
            title=art.get("title"), lang=lang, published=published, text=text,
            pipeline=d.get("pipeline"), diagnostics=dumps(d.get("diagnostics") or []),
            coded_at=_now()))
        for ev in d.get("events") or []:
            key = report_key(ev, aid, published)
            self.keys[key.id] = Report(key, ev, published, lang, art.get("outlet"))
            group, day = type_group(key.type), _day_number(key.match_date)
            self.reports.append(dict(
                id=key.id, event_id=key.id, article_id=aid, type=key.type, type_group=group,
                mode=key.mode, date=ev.get("date"),
                match_date=key.match_date, match_day=day, date_precise=key.date_precise,
                symmetric=key.symmetric, negated=key.negated, hypothetical=key.hypothetical,
                actor_codes=" ".join(sorted(key.actors)), recipient_codes=" ".join(sorted(key.recipients)),
                persons=dumps({c_: sorted(n) for c_, n in key.persons}), lang=lang, json=dumps(ev)))
            self.codes += _code_rows(key)
            self.mentions += [{"report_id": key.id, "event_id": key.id, "article_id": m.get("article_id") or aid,
                               "field": m.get("field"), "start": m.get("start"), "end": m.get("end"),
                               "text": m.get("text"), "trigger": m.get("trigger"),
                               "rule": (ev.get("evidence") or {}).get("rule"),
                               "source": (m.get("attribution") or {}).get("source"),
                               "attribution": dumps(m["attribution"]) if m.get("attribution") else None,
                               "lang": m.get("lang") or lang}
                              for m in ev.get("mentions") or []]
        self.quotes += [{"article_id": aid, "speaker_name": (q.get("speaker") or {}).get("name"),
                         "speaker_code": (q.get("speaker") or {}).get("code"), "text": q.get("text"),
                         "start": q.get("start"), "end": q.get("end"), "attribution": q.get("attribution")}
                        for q in d.get("quotes") or []]
        keys = set(kept_learned)
        for r in learned:
            k = (r["name"], r["code"], r["role"])
            if k not in keys:
                keys.add(k)
                self.learned.append({**r, "article_id": aid, "status": "pending"})

    def flush(self) -> None:
        c = self.c
        for table, rows in ((articles, self.articles), (reports, self.reports), (report_codes, self.codes),
                            (mentions, self.mentions),
                            (quotes, self.quotes), (learned_actors, self.learned)):
            bulk_insert(c, table, rows)
        if not self.keys:
            return
        # 1. the neighbourhood: the new reports, every stored event holding a report compatible with one of
        # them, and (once more) the events compatible with those events' reports — what the new reports may
        # change. Re-clustered from scratch, it gives the same events whatever order the articles came in.
        members: dict[str, Report] = dict(self.keys)
        old_event: dict[str, str] = {}
        held: set[str] = set()  # stored events already in the neighbourhood
        frontier = list(self.keys)
        for _round in range(2):
            touched: set[str] = set()
            for i in range(0, len(frontier), 500):
                for r in _candidates(c, [members[k].key for k in frontier[i:i + 500]]):
                    if r["id"] in members or r["event_id"] in held or r["event_id"] in touched:
                        continue
                    if compatible(members[r["nid"]].key, _key_of(r)):
                        touched.add(r["event_id"])
            if not touched or len(members) >= MAX_NEIGHBOURHOOD:
                break
            held |= touched
            frontier = []
            for rep, eid in self.store._reports_with_events(c, touched):
                members[rep.key.id] = rep
                old_event[rep.key.id] = eid
                frontier.append(rep.key.id)
        # 2. events without chaining (cluster.py), named by their smallest report id
        final: dict[str, str] = {}
        groups = cluster([r.key for r in members.values()])
        for g in groups:
            for k in g:
                final[k.id] = g[0].id
        moved = [{"rid": rid, "eid": final[rid]} for rid in members if final[rid] != old_event.get(rid, rid)]
        move_reports(c, moved)
        # 3. stored events whose reports are exactly those they had stay as they are; the others are rewritten
        before: dict[str, set[str]] = {}
        for rid, eid in old_event.items():
            before.setdefault(eid, set()).add(rid)
        same = {g[0].id for g in groups if before.get(g[0].id) == {k.id for k in g}}
        self.store._drop_events(c, set(before) - same)
        out = _Rows()
        for g in groups:
            if g[0].id not in same:
                out.event(g[0].id, [members[k.id] for k in g])
        out.write(self.store, c)


def _candidates(c: Connection, keys: list[ReportKey]) -> list[Any]:
    """Stored reports that may tell the same happening as one of these (a code in common, a type of the group,
    days within the window), each with `nid`, the id of the given report it may match."""
    if c.dialect.name != "postgresql":
        return list(c.execute(_PAIRS, {"ids": [k.id for k in keys]}).mappings())
    rows = [r for k in keys for r in _code_rows(k)]  # the report_codes rows these reports have
    if not rows:
        return []
    cols = {name: [r[col] for r in rows] for name, col in (("nid", "report_id"), ("grp", "type_group"),
                                                           ("code", "code"), ("day", "match_day"),
                                                           ("art", "article_id"))}
    return list(c.exec_driver_sql(_PAIRS_PG, cols).mappings())


def _code_rows(key: ReportKey) -> list[dict[str, Any]]:
    """A report's rows of `report_codes`: one per code, with its type group and match day (none without a day)."""
    day = _day_number(key.match_date)
    if day is None:
        return []
    group = type_group(key.type)
    return [{"report_id": key.id, "code": code, "type_group": group, "match_day": day, "article_id": key.article_id}
            for code in sorted(key.codes)]


_INSERT_SQL: dict[tuple[str, str, tuple[str, ...]], tuple[str, tuple[str, ...] | None]] = {}


def bulk_insert(c: Connection, table, rows: list[dict[str, Any]]) -> None:
    """INSERT many rows with one driver-level executemany (no per-row SQLAlchemy parameter processing: the
    store's column types need none). The statement is compiled once per dialect, table and column set."""
    if not rows:
        return
    cols = tuple(rows[0])
    key = (c.dialect.name, table.name, cols)
    if key not in _INSERT_SQL:
        compiled = insert(table).values({k: bindparam(k) for k in cols}).compile(dialect=c.dialect)
        _INSERT_SQL[key] = (str(compiled), tuple(compiled.positiontup) if compiled.positional else None)
    sql, order = _INSERT_SQL[key]
    if c.dialect.name == "postgresql":  # COPY: one stream instead of a statement per row
        row_of = _row_getter(cols)
        with c.connection.driver_connection.cursor() as cur, cur.copy(_copy_sql(table.name, cols)) as cp:
            for r in rows:
                cp.write_row(row_of(r))
        return
    c.exec_driver_sql(sql, list(map(_row_getter(order), rows)) if order else rows)


def _row_getter(cols: tuple[str, ...]):
    """A row dict -> the tuple of its values in `cols` order (itemgetter: C speed; building these tuples in Python
    took a tenth of the store's write time)."""
    get = itemgetter(*cols)
    return get if len(cols) > 1 else lambda r: (get(r),)


def _copy_sql(table: str, cols: tuple[str, ...]) -> str:
    quoted = ", ".join('"' + k + '"' for k in cols)
    return f'COPY "{table}" ({quoted}) FROM STDIN'


def move_reports(c: Connection, moved: list[dict[str, str]]) -> None:
    """Give reports (and their mentions) their new event ids: one UPDATE per table on PostgreSQL (the pairs as
    two arrays), an executemany on SQLite (in-process, where a statement per row costs little)."""
    if not moved:
        return
    if c.dialect.name == "postgresql":
        rids, eids = [m["rid"] for m in moved], [m["eid"] for m in moved]
        for table, col in (("reports", "id"), ("mentions", "report_id")):
            c.exec_driver_sql(f"UPDATE {table} SET event_id = m.eid FROM unnest(%(r)s::text[], %(e)s::text[]) "
                              f"AS m(rid, eid) WHERE {table}.{col} = m.rid", {"r": rids, "e": eids})
        return
    c.execute(_MOVE_REPORT, moved)
    c.execute(_MOVE_MENTIONS, moved)


def _day_number(day: str | None) -> int | None:
    return date.fromisoformat(day).toordinal() if day else None


def _entity_key(ent: dict[str, Any]) -> str:
    return f"{ent.get('code') or ''}|{ent.get('name') or ''}|{ent.get('kind') or ''}"


def _key_of(r: Any) -> ReportKey:
    persons = loads(r["persons"] or "{}")
    return ReportKey(
        id=r["id"], article_id=r["article_id"], type=r["type"], mode=r["mode"], match_date=r["match_date"],
        date_precise=bool(r["date_precise"]), symmetric=bool(r["symmetric"]), negated=bool(r["negated"]),
        hypothetical=bool(r["hypothetical"]), actors=frozenset((r["actor_codes"] or "").split()),
        recipients=frozenset((r["recipient_codes"] or "").split()),
        persons=tuple(sorted((c, frozenset(n)) for c, n in persons.items())))


def _codes(ents: list[dict[str, Any]]) -> str:
    return " ".join(sorted({e["code"] for e in ents if e.get("code")}))


def _learned(res: ArticleResult) -> list[dict[str, Any]]:
    """Persons whose role the article itself states (apposition, title) and the knowledge base did not know."""
    out, seen = [], set()
    text = res.article.text
    for e in res.entities:
        if e.kind != "person" or e.source != "article" or not e.name or not e.code:
            continue
        k = (e.name, e.code, e.role)
        if k in seen:
            continue
        seen.add(k)
        src = text if e.field == "text" else (res.article.title or "")
        lo, hi = max(0, e.start - 100), min(len(src), e.end + 100)
        out.append({"name": e.name, "code": e.code, "role": e.role, "sector": e.sector, "lang": res.article.lang,
                    "date": res.article.published, "evidence": src[lo:hi] if e.start >= 0 else None})
    return out


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def content_hash(title: str | None, text: str) -> str:
    return hashlib.sha256(((title or "") + "\n" + text).encode("utf-8")).hexdigest()
