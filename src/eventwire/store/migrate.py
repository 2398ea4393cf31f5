"""Schema migrations with Alembic, run programmatically when a store is opened (no alembic.ini needed).

`eventwire db upgrade|current|history` (cli) and `Store(url)` both call `upgrade`. A database whose tables were
made by eventwire 0.1 (before migrations existed) has no version table and an incompatible layout: it is
refused with a clear error instead of being changed in place.
"""

from __future__ import annotations

import time
from importlib import resources

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from eventwire.errors import EventwireError


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
    """Bring the store to `revision`. Two processes opening a new store at once may race to create it: the
    loser waits and finds it made."""
    for attempt in range(6):
        try:
            _upgrade(engine, revision)
            return
        except DBAPIError:
            if attempt == 5:
                raise
            time.sleep(0.2 * (attempt + 1))
            if revision == "head" and current(engine) == head(engine):
                return


def _upgrade(engine: Engine, revision: str) -> None:
    rev = current(engine)
    if rev is None and "articles" in inspect(engine).get_table_names():
        raise LegacyStore(f"{engine.url.render_as_string(hide_password=True)} was created by eventwire 0.1 "
                          "without migrations; ingest into a new store (--db) and delete the old file")
    if rev == head(engine) and revision == "head":
        return
    command.upgrade(config(engine), revision)
