"""Every error is JSON `{"error": code, "detail": message}`: a 4xx that says what was wrong,
and for the unexpected a 500 that logs the trace on the server and shows none."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from indexer.corpus_writer import BadFileName, CorpusRefused, IndexBusy, NothingIndexed, UnsupportedFile
from indexer.store import StoreUnavailable

log = logging.getLogger("missive.http")

CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
         405: "method_not_allowed", 409: "conflict", 413: "too_large",
         415: "unsupported_type", 422: "invalid_request", 500: "internal_error",
         503: "unavailable"}


REFUSALS = {IndexBusy: 409, CorpusRefused: 409, BadFileName: 400, UnsupportedFile: 415,
            NothingIndexed: 422}

UNEXPECTED = "the server failed to handle this request; it has been logged"


def error_response(status: int, detail: str, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": CODES.get(status, "error"), "detail": detail},
                        status_code=status, headers=headers)


def _refused(status: int):
    async def handler(_: Request, exc: Exception) -> JSONResponse:
        return error_response(status, str(exc))
    return handler


def _describe(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
        parts.append(f"{where or 'request'}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return error_response(422, _describe(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if (exc.status_code == 401 and "text/html" in request.headers.get("accept", "")
                and request.app.state.keys.sessions is not None):
            return RedirectResponse("/login", status_code=303)  # a browser signs in first
        return error_response(exc.status_code, str(exc.detail), getattr(exc, "headers", None))

    # what the corpus writer refuses, each with the status that says why
    for refusal, status in REFUSALS.items():
        app.add_exception_handler(refusal, _refused(status))

    @app.exception_handler(StoreUnavailable)
    async def unavailable(_: Request, exc: StoreUnavailable) -> JSONResponse:
        log.warning("%s", exc)
        return error_response(503, str(exc), {"Retry-After": "5"})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, UNEXPECTED)
