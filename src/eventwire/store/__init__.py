"""The event store: SQLite by default (a file under the user's data directory), any SQLAlchemy URL."""

from eventwire.store.db import Store, default_url

__all__ = ["Store", "default_url"]
