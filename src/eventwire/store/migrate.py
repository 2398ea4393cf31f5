"""Schema migrations with Alembic, run programmatically when a store is opened (no alembic.ini needed).

`eventwire db upgrade|current|history` (cli) and `Store(url)` both call `upgrade`. A database whose tables were
made by eventwire 0.1 (before migrations existed) has no version table and an incompatible layout: it is
refused with a clear error instead of being changed in place.
"""

from __future__ import annotations

import fcntl
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine

from eventwire.errors import EventwireError

MIGRATION_LOCK = 7_355_814  # PostgreSQL advisory lock key held while a store is created or migrated


class LegacyStore(EventwireError):
    code = "E203"


def config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("eventwire.store") / "migrations"))
    cfg.attributes["engine"] = engine
    return cfg


def current(engine: Engine) -> str | None:
    with engine.connect() as c:
        return MigrationContext.configure(c).get_current_revision()


def head(engine: Engine) -> str | None:
    return ScriptDirectory.from_config(config(engine)).get_current_head()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the store to `revision`. Processes opening one store at once take turns (a lock file beside a
    SQLite file, an advisory lock in PostgreSQL): the second finds the store made, never half made."""
    with _migration_lock(engine):
        _upgrade(engine, revision)


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    if engine.dialect.name == "postgresql":
        with engine.connect() as c:
            c.execute(text("SELECT pg_advisory_lock(:k)"), {"k": MIGRATION_LOCK})
            try:
                yield
            finally:
                c.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": MIGRATION_LOCK})
                c.commit()
        return
    path = engine.url.database if engine.dialect.name == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:"):
        yield
        return
    try:
        fh = open(f"{path}.lock", "a")  # noqa: SIM115 - held for the duration of the migration
    except OSError:  # a read-only directory: nothing can be migrated there anyway
        yield
        return
    with fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def _upgrade(engine: Engine, revision: str) -> None:
    rev = current(engine)
    if rev is None and "articles" in inspect(engine).get_table_names():
        raise LegacyStore(f"{engine.url.render_as_string(hide_password=True)} was created by eventwire 0.1 "
                          "without migrations; ingest into a new store (--db) and delete the old file")
    if rev == head(engine) and revision == "head":
        return
    command.upgrade(config(engine), revision)
