"""The FastAPI application: the read API over the store, the token-guarded ingest, the dashboard and the docs.

`create_app(db)` opens the store (running its migrations, as every command does) and returns the app; `eventwire
serve` runs it on uvicorn. Everything the pages need is served from the package itself (the dashboard from
`eventwire/web/`, Swagger UI's script and style from the pinned `fastapi-offline` wheel): nothing is fetched
from a CDN, so the dashboard and `/docs` work without internet.

Errors are JSON objects with a `code` and a `message`, never a traceback: a bad parameter is a 4xx (422 for a
value the schema refuses, 400 for one the library refuses, E100), a store that cannot be read or written is a
503 with its code (E202, E204), an internal error a 500 (E300).
"""

from __future__ import annotations

import logging
import os
import threading
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire import __version__
from eventwire.errors import EventwireError
from eventwire.store.db import Store, store_error

log = logging.getLogger("eventwire.api")

# the dashboard's page may load nothing but what eventwire serves, and runs no inline script
DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                 "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
HTTP_CODES = {401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
              413: "E007", 415: "E005"}
DEFAULT_MAX_REQUEST = 20 * 1024 * 1024


def web_dir() -> Path:
    return Path(str(resources.files("eventwire.web")))


def _docs_assets() -> Path:
    return Path(str(resources.files("fastapi_offline") / "static"))


def _database_errors() -> list[type[Exception]]:
    import sqlite3

    from sqlalchemy.exc import SQLAlchemyError

    out: list[type[Exception]] = [SQLAlchemyError, sqlite3.Error]
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is a dependency
        return out
    return [*out, psycopg.Error]


def error(status: int, code: str, message: str, **extra) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, **extra}, status_code=status)


def create_app(db: str | None = None, *, store: Store | None = None, token: str | None = None,
               max_request_bytes: int | None = None) -> FastAPI:
    """The app over the store at URL `db` (default store when None). Ingest is enabled when `token` (else
    $EVENTWIRE_API_TOKEN) is set; requests larger than `max_request_bytes` (else $EVENTWIRE_MAX_BYTES, else
    20 MB) are refused with 413."""
    from eventwire.api.routes import router

    store = store or Store(db)
    app = FastAPI(
        title="eventwire", version=__version__, docs_url=None, redoc_url=None,
        description="PLOVER political events coded from news articles, one event per happening with every report "
                    "of it as a mention; each row traceable to its sentence. Read endpoints are open; "
                    "`POST /api/ingest` needs `Authorization: Bearer <EVENTWIRE_API_TOKEN>`.")
    app.state.store = store
    token = token if token is not None else os.environ.get("EVENTWIRE_API_TOKEN")
    app.state.token = token or None
    app.state.max_request_bytes = max_request_bytes or int(os.environ.get("EVENTWIRE_MAX_BYTES") or
                                                           DEFAULT_MAX_REQUEST)
    app.state.ingest_lock = threading.Lock()
    app.state.kb = None
    app.state.kb_lock = threading.Lock()

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), custom_encoder={Exception: str})
        parts = []
        for e in errors:
            where = ".".join(str(x) for x in e.get("loc", ()) if x not in ("query", "path", "body"))
            parts.append(f"{where}: {e.get('msg')}" if where else str(e.get("msg")))
        return error(422, "E100", "; ".join(parts) or "invalid request", detail=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        resp = error(exc.status_code, HTTP_CODES.get(exc.status_code, f"http_{exc.status_code}"), message)
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

    @app.exception_handler(EventwireError)
    async def _coded(_request: Request, exc: EventwireError) -> JSONResponse:
        if exc.code.startswith("E1"):
            return error(400, exc.code, exc.message)
        return error(503, exc.code, exc.message)  # E2xx: the store or a model is unusable

    async def _database(_request: Request, exc: Exception) -> JSONResponse:
        err = store_error(exc)
        if err is None:  # pragma: no cover - every database exception class maps to a store error
            return error(500, "E300", f"internal error: {type(exc).__name__} (please report it)")
        return error(503, err.code, err.message)

    for cls in _database_errors():  # answered here, not re-raised as a server error
        app.add_exception_handler(cls, _database)

    @app.exception_handler(Exception)
    async def _other(_request: Request, exc: Exception) -> JSONResponse:
        err = store_error(exc)
        if err is not None:
            return error(503, err.code, err.message)
        log.exception("internal error")
        return error(500, "E300", f"internal error: {type(exc).__name__} (please report it)")

    @app.middleware("http")
    async def _headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if request.url.path == "/":
            response.headers["Content-Security-Policy"] = DASHBOARD_CSP
            response.headers["Cache-Control"] = "no-cache"
        return response

    app.include_router(router)

    @app.api_route("/", methods=["GET", "HEAD"], include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(web_dir() / "index.html", media_type="text/html")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return get_swagger_ui_html(openapi_url=app.openapi_url or "/openapi.json", title="eventwire API",
                                   swagger_js_url="/static/docs/swagger-ui-bundle.js",
                                   swagger_css_url="/static/docs/swagger-ui.css",
                                   swagger_favicon_url="/static/favicon.svg",
                                   swagger_ui_parameters={"validatorUrl": None})  # no call to an online validator

    app.mount("/static/docs", StaticFiles(directory=_docs_assets()), name="docs-assets")
    app.mount("/static", StaticFiles(directory=web_dir()), name="static")
    return app
