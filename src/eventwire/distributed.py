"""Coding on a Dask cluster: workers code, one writer stores.

`code_on_dask` starts a local cluster of worker processes (`ingest --workers N`) or connects to a running one
(`--scheduler tcp://host:8786`), sends the articles to the workers in chunks, and yields each article's result
back in input order, so that the caller (ingest.py) stores them in order and in bulk, as it does without Dask.
Each worker process loads its models and knowledge base once (a cached Pipeline per process) and is pinned,
loosely, to the languages it has already loaded, so that a worker holds one or two models, not all of them.

A worker that dies mid-chunk (killed, out of memory) loses nothing: the scheduler gives its chunks to another
worker (Dask's retries), the writer receives each chunk's results exactly once, and the store keeps one article
per id and content anyway. At most a few chunks per worker are in flight, so memory in the writer stays bounded
however many articles a run has.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import asdict
from typing import Any

from eventwire import errors
from eventwire.errors import EventwireError, UsageError
from eventwire.model import Article

IN_FLIGHT_PER_WORKER = 3
_PIPELINES: dict[tuple[str, bool], Any] = {}  # in each worker process: (learned actors' digest, prefilter) -> Pipeline


def code_chunk(rows: list[dict[str, Any]], learned: list[dict[str, Any]], prefilter: bool) -> list[tuple]:
    """Run on a worker: code the articles of one chunk. Each result is ("ok", contract dict, text, learned
    actors) or ("error", code, message, source)."""
    from eventwire.store.db import _learned

    pipe = _pipeline(learned, prefilter)
    arts = [Article(**r) for r in rows]
    out: list[tuple] = []
    for art, res in zip(arts, pipe.code_many(arts), strict=True):
        if isinstance(res, EventwireError):
            out.append(("error", res.code, res.message, res.source or art.path or art.id))
        else:
            out.append(("ok", res.to_dict(), art.text, _learned(res)))
    return out


def _pipeline(learned: list[dict[str, Any]], prefilter: bool):
    key = (hashlib.sha1(json.dumps(learned, sort_keys=True, default=str).encode()).hexdigest(), prefilter)
    if key not in _PIPELINES:
        from eventwire.actors.kb import KnowledgeBase
        from eventwire.pipeline import Pipeline

        kb = KnowledgeBase()
        kb.add_learned(learned)
        _PIPELINES.clear()  # one pipeline per worker process
        _PIPELINES[key] = Pipeline(kb, prefilter=prefilter)
    return _PIPELINES[key]


def worker_memory() -> int:
    """Run on a worker: its resident memory now and at its peak (bytes)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _error(code: str, message: str, source: str | None) -> EventwireError:
    """The coded error a worker reported, as its own class."""
    for cls in _subclasses(EventwireError):
        if getattr(cls, "code", None) == code:
            return cls(message, source=source)
    return errors.InternalError(message, source=source)


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _client(workers: int | None, scheduler: str | None, memory_limit: str | None):
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as e:  # pragma: no cover - dask is a dependency
        raise UsageError("--workers and --scheduler need dask[distributed]") from e
    if scheduler:
        try:
            return Client(scheduler, timeout="20s"), None
        except OSError as e:
            raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {e}") from None
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    _quiet_resource_tracker()
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           memory_limit=memory_limit or "2GiB", dashboard_address=None,
                           silence_logs=logging.ERROR)
    return Client(cluster), cluster


def _quiet_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with its stderr on /dev/null: when a worker is killed, the tracker
    (a helper process the workers share) prints a traceback about the semaphores the dead worker never released,
    which says nothing to a user of eventwire — the lost work is redone and nothing is lost."""
    import os
    from multiprocessing import resource_tracker

    saved, devnull = os.dup(2), os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        resource_tracker.ensure_running()
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def code_on_dask(todo: list[Article], learned: list[dict[str, Any]], *, workers: int | None = None,
                 scheduler: str | None = None, chunk: int = 32, prefilter: bool = False,
                 memory_limit: str | None = None, stats: dict[str, Any] | None = None
                 ) -> Iterator[tuple[Article, Any]]:
    """(article, (contract dict, text, learned actors) or coded error) for each article, in input order."""
    client, cluster = _client(workers, scheduler, memory_limit)
    stats = stats if stats is not None else {}
    t0 = time.perf_counter()
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 1))
        run = f"{time.time_ns():x}"
        # chunks of one language each, so that a worker loads few models
        chunks: list[list[Article]] = []
        for art in todo:
            if chunks and len(chunks[-1]) < chunk and chunks[-1][-1].lang == art.lang:
                chunks[-1].append(art)
            else:
                chunks.append([art])
        addresses = sorted(client.scheduler_info().get("workers", {}))
        langs = sorted({a.lang or "und" for a in todo})
        home = {lang: addresses[k % len(addresses)] for k, lang in enumerate(langs)} if addresses else {}
        window: deque = deque()
        queued = iter(enumerate(chunks))

        def submit() -> bool:
            nxt = next(queued, None)
            if nxt is None:
                return False
            k, arts = nxt
            rows = [asdict(a) for a in arts]
            fut = client.submit(code_chunk, rows, learned, prefilter, key=f"eventwire-chunk-{run}-{k}",
                                retries=3, pure=False, workers=[home[arts[0].lang or "und"]] if home else None,
                                allow_other_workers=True)
            window.append((arts, fut))
            return True

        for _ in range(IN_FLIGHT_PER_WORKER * n_workers):
            if not submit():
                break
        while window:
            arts, fut = window.popleft()
            results = fut.result()  # in order: a failed worker's chunks are retried elsewhere by the scheduler
            submit()
            for art, r in zip(arts, results, strict=True):
                yield art, ((r[1], r[2], r[3]) if r[0] == "ok" else _error(r[1], r[2], r[3]))
        peaks = client.run(worker_memory)
        stats.update(workers=len(peaks), peak_mb={w: round(v / 2 ** 20) for w, v in peaks.items()},
                     seconds=round(time.perf_counter() - t0, 1))
        stats["line"] = (f"coded on {len(peaks)} Dask worker(s), peak memory per worker "
                         f"{max(stats['peak_mb'].values(), default=0)} MB")
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
