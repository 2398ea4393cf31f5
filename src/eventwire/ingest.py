"""Ingest: read inputs, skip what is already stored, code the rest, store each article in its own transaction.

Resumable by construction: an article is either wholly stored (its transaction committed) or not at all, and
a rerun skips every article whose id and content hash are already in the store, so a batch killed at any
point and run again loses nothing and doubles nothing. Bad inputs go to the `rejects` table with their code.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from eventwire.errors import EventwireError, Superseded
from eventwire.model import Article, ArticleResult, Reject
from eventwire.sources.readers import ReadOptions, read_inputs
from eventwire.store.db import Store, content_hash


@dataclass
class Summary:
    read: int = 0
    added: int = 0
    skipped: int = 0
    rejected: int = 0
    events_before: int = 0
    totals: dict[str, int] = field(default_factory=dict)
    errors: list[EventwireError] = field(default_factory=list)
    workers: dict[str, object] = field(default_factory=dict)  # Dask runs: workers, their peak memory, retries

    def line(self, url: str) -> str:
        t = self.totals
        return (f"stored in {url}: {self.added} new article(s), {self.skipped} already stored, "
                f"{self.rejected} rejected; totals: {t.get('articles', 0)} articles, {t.get('events', 0)} events "
                f"({t.get('events', 0) - self.events_before:+d}), {t.get('reports', 0)} reports, "
                f"{t.get('mentions', 0)} mentions, {t.get('learned_actors', 0)} learned actors, "
                f"{t.get('rejects', 0)} rejects" + (f"; {self.workers['line']}" if self.workers.get("line") else ""))


# coded articles stored per transaction: each transaction re-clusters the events its reports may join, so on
# dense coverage (a story told by hundreds of outlets) fewer, larger transactions cost far less (1,000 articles of
# one news day: 401 s of storing in transactions of 32, 28 s in transactions of 200); a run killed mid-way codes
# the unstored ones again
STORE_BATCH = 200


def ingest(paths: Iterable[str], store: Store, opts: ReadOptions | None = None, *, progress: bool = False,
           on_error: Callable[[EventwireError], None] | None = None,
           on_result: Callable[[ArticleResult], None] | None = None, use_learned: bool = True,
           batch_size: int = 32, prefilter: bool = False, workers: int | None = None,
           scheduler: str | None = None, memory_limit: str | None = None, store_batch: int = STORE_BATCH) -> Summary:
    """Read, code and store. With `workers` (a local Dask cluster of that many processes) or `scheduler` (the
    address of a running Dask cluster) the articles are coded on Dask workers (distributed.py) and stored here,
    in input order, by this one writer; otherwise they are coded in this process."""
    from eventwire.pipeline import supported_languages

    s = Summary(events_before=store.counts()["events"])
    opts = opts or ReadOptions()
    if opts.languages is None:
        opts.languages = supported_languages()
    items = list(read_inputs(paths, opts))
    arts = [a for a in items if isinstance(a, Article)]
    s.read = len(arts)

    def rejected(err: EventwireError, article_id: str | None = None) -> None:
        s.rejected += 1
        s.errors.append(err)
        store.reject(Reject(err.source or "?", err.code, err.message, article_id))
        if on_error:
            on_error(err)

    for err in (i for i in items if isinstance(i, EventwireError)):
        rejected(err)
    stored = store.stored_hashes(a.id for a in arts)
    todo, seen, last = [], set(), {}
    for a in arts:
        h = content_hash(a.title, a.text)
        if stored.get(a.id) == h or (a.id, h) in seen:
            s.skipped += 1
        else:
            seen.add((a.id, h))
            todo.append(a)
            last[a.id] = a
    # one id, several texts in one run: the last one read is the article (as if each were ingested in turn,
    # a changed text replacing the stored one); the earlier versions are recorded, not silently dropped
    for a in [a for a in todo if last[a.id] is not a]:
        todo.remove(a)
        rejected(Superseded(f"article id {a.id!r} comes again later in this run with another text, which "
                            f"replaces this one", source=a.path or a.id), a.id)
    if todo:
        learned = store.learned() if use_learned else []
        if workers or scheduler:
            from eventwire.distributed import code_on_dask

            coded = code_on_dask(todo, learned, workers=workers, scheduler=scheduler, chunk=batch_size,
                                 prefilter=prefilter, memory_limit=memory_limit, stats=s.workers)
        else:
            coded = _code_here(todo, learned, batch_size, prefilter)
        bar = _progress(len(todo)) if progress else None
        pending: list = []

        def flush() -> None:
            added = store.save_many(pending)  # one transaction per batch: all of it is stored, or none
            s.added += added
            s.skipped += len(pending) - added
            store.clear_rejects([_path(p) for p in pending if _path(p)])
            pending.clear()

        try:
            for art, res in coded:
                if isinstance(res, EventwireError):
                    rejected(res, art.id)
                    if bar:
                        bar[0].advance(bar[1], 1)
                    continue
                pending.append(res)
                if bar:
                    bar[0].advance(bar[1], 1)
                if on_result and isinstance(res, ArticleResult):
                    on_result(res)
                if len(pending) >= store_batch:
                    flush()
            if pending:
                flush()
        finally:
            if bar:
                bar[0].stop()
    s.totals = store.counts()
    return s


def _code_here(todo: list[Article], learned: list[dict], batch_size: int, prefilter: bool):
    """(article, ArticleResult or coded error) in input order, coded in this process."""
    from eventwire.actors.kb import KnowledgeBase
    from eventwire.pipeline import Pipeline

    kb = KnowledgeBase()
    kb.add_learned(learned)
    yield from zip(todo, Pipeline(kb, prefilter=prefilter).code_many(todo, batch_size=batch_size), strict=True)


def _path(item) -> str | None:
    return item.article.path if isinstance(item, ArticleResult) else item[0]["article"].get("path")


def _progress(total: int):
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    p = Progress(TextColumn("coding"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                 console=Console(file=sys.stderr), transient=False)
    p.start()
    return p, p.add_task("articles", total=total)
