"""The FastAPI application: pydantic models in `assistant.schemas` are the contract and /docs
renders them. Handlers are thin: one Assistant call (reads) or one index run (writes).

Handlers are plain `def`s, so FastAPI runs them on its thread pool and the model, FAISS and
SQLite never block the event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware

from assistant.access import AccessFile
from assistant.interfaces.http import letters, reads
from assistant.interfaces.http.auth import ApiKeys
from assistant.interfaces.http.errors import install_error_handlers
from assistant.interfaces.http.guards import BodyGuard, CatchUnexpected
from assistant.interfaces.http.metrics import Metrics
from assistant.interfaces.http.sessions import Sessions, session_secret
from assistant.interfaces.settings import Settings, get_settings
from assistant.interfaces.web import login, pages
from assistant.service import Assistant
from indexer.corpus_writer import CorpusWriter

access_log = logging.getLogger("missive.access")
log = logging.getLogger("missive.http")


def create_app(assistant: Assistant, settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=_lifespan,
        title="Missive",
        summary="Ask questions of a body of letters; every answer cites the letters verbatim.",
        description="Read endpoints need an API key only when MISSIVE_REQUIRE_KEY=1 or an "
                    "access file is set (then a key sees only its collections); write "
                    "endpoints always do (`Authorization: Bearer KEY` or `X-API-Key: KEY`). "
                    "Errors are `{\"error\": code, \"detail\": message}`.",
        version="0.1.0",
    )
    metrics = Metrics()
    app.state.assistant = assistant
    app.state.settings = settings
    access = AccessFile(settings.access_file) if settings.access_file else None
    sessions = (Sessions(session_secret(settings.session_secret, settings.index_dir))
                if access is not None else None)
    app.state.keys = ApiKeys(settings.api_keys, settings.require_key, access, sessions)
    app.state.metrics = metrics
    app.state.indexer = CorpusWriter(settings, assistant.embedder,
                                       assistant.sentence_embedder, metrics.record_reindex)
    install_error_handlers(app)
    app.add_middleware(CatchUnexpected)  # innermost: the others see its 500 as a response
    metrics.install(app)
    _install_access_log(app)
    # a key and a body's size are checked before anything reads the body; the refusal is
    # logged, counted and sent with the security headers like any response
    app.add_middleware(BodyGuard, keys=app.state.keys, max_upload_mb=settings.max_upload_mb)
    _install_security_headers(app)
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    if origins:
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["*"],
                           allow_headers=["*"])
    app.include_router(pages.router)
    app.include_router(reads.service)
    app.include_router(reads.router)
    app.include_router(letters.router)
    if settings.slack_bot_token and settings.slack_signing_secret:
        from assistant.interfaces.slack.bot import build_slack_app
        from assistant.interfaces.slack.http import mount_slack

        mount_slack(app, build_slack_app(assistant, settings, access),
                    settings.slack_signing_secret)
    if sessions is not None:
        app.include_router(login.router)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI):
    """Records an earlier run left due (an index made by an older Missive) are derived
    before the first request, so threads and the ledger are whole. With MISSIVE_WATCH=1,
    letters dropped into the corpus folder are served without a restart. At shutdown the
    corpus writer's connection is closed."""
    runner = app.state.indexer
    linked = await asyncio.to_thread(runner.derive_due)
    if linked:
        log.info("derived the reply links and ledger of %d letters left due", linked)
    watcher = None
    if app.state.settings.watch:
        from indexer.watch import CorpusWatcher

        watcher = CorpusWatcher(runner.corpus_dir, runner.run_exclusive).start()
    try:
        yield
    finally:
        if watcher:
            watcher.stop()
        runner.close()


def _install_access_log(app: FastAPI) -> None:
    """One JSON line per request: method, path, status, milliseconds."""

    @app.middleware("http")
    async def log_access(request: Request, call_next):
        began = time.perf_counter()
        response = await call_next(request)
        access_log.info(json.dumps({
            "method": request.method, "path": request.url.path,
            "status": response.status_code,
            "ms": round((time.perf_counter() - began) * 1000, 1),
            "client": request.client.host if request.client else None}))
        return response


# Pages load nothing from elsewhere and may not be framed; /docs and /redoc load FastAPI's
# Swagger UI and ReDoc from their CDN.
PAGE_POLICY = ("default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
DOCS_POLICY = ("default-src 'self'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
               "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net https://fonts.googleapis.com; "
               "font-src https://fonts.gstatic.com; img-src 'self' data: https://fastapi.tiangolo.com "
               "https://cdn.redoc.ly; worker-src blob:; object-src 'none'; frame-ancestors 'none'")


def _install_security_headers(app: FastAPI) -> None:
    """Every response says not to sniff types or be framed; HTML gets a Content-Security-
    Policy, so markup that slipped into a page could still load and run nothing."""

    @app.middleware("http")
    async def security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "same-origin"
        if response.headers.get("content-type", "").startswith("text/html"):
            docs = request.url.path in ("/docs", "/redoc")
            response.headers["Content-Security-Policy"] = DOCS_POLICY if docs else PAGE_POLICY
        return response


def app_from_environment() -> FastAPI:
    """The app as `missive serve --workers N` starts it in each worker process."""
    settings = get_settings()
    return create_app(Assistant.open(settings), settings)
