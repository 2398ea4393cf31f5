"""The HTTP API and the dashboard (FastAPI): `create_app(db)`; `eventwire serve` runs it on uvicorn."""

from eventwire.api.app import create_app

__all__ = ["create_app"]
