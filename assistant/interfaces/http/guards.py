"""Two guards around the application, as plain ASGI middleware so they act before FastAPI
reads a body and after everything else has failed.

- `BodyGuard`: a write endpoint's key, and every body's declared size, are checked from the
  headers before a byte of the body is read; a body that runs past its limit without
  declaring its length is cut off there. Otherwise a 100 MB upload without a key is spooled
  to disk before the 401.
- `CatchUnexpected`: an exception no handler took becomes the JSON 500, logged with its
  trace, as a response like any other: the access log and metrics see it, and the client's
  kept-alive connection stays open (an exception reaching the server closes it).
"""

from __future__ import annotations

import logging

from fastapi import HTTPException, Request
from starlette.middleware.body_limit import RequestBodyLimitMiddleware

from assistant.interfaces.http.auth import ApiKeys
from assistant.interfaces.http.errors import UNEXPECTED, error_response

log = logging.getLogger("missive.http")

# Requests that change the corpus or index: their key is checked before their body is read.
WRITES = {("POST", "/letters"), ("POST", "/reindex"), ("DELETE", "/letters")}
# The largest body of any other request (a question with 50 history turns fits many times).
MAX_OTHER_BODY = 4 * 1024 * 1024
# Multipart framing around the uploaded files themselves.
UPLOAD_OVERHEAD = 64 * 1024


class BodyGuard:
    def __init__(self, app, keys: ApiKeys, max_upload_mb: int):
        self.keys = keys
        self.max_upload = max_upload_mb * 1024 * 1024 + UPLOAD_OVERHEAD
        # Starlette's own limit for bodies that do not say their length (chunked): it stops
        # reading at the limit, and FastAPI answers its 413 through our error handler.
        self.uploads = RequestBodyLimitMiddleware(app, self.max_upload)
        self.others = RequestBodyLimitMiddleware(app, MAX_OTHER_BODY)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.others(scope, receive, send)
        method, path = scope["method"], scope["path"].rstrip("/") or "/"
        if (method, path) in WRITES or (method == "DELETE" and path.startswith("/letters/")):
            try:
                self.keys.check(Request(scope), write=True)
            except HTTPException as refused:
                return await _refuse(refused.status_code, refused.detail, scope, receive, send,
                                     refused.headers)
        upload = (method, path) == ("POST", "/letters")
        limit = self.max_upload if upload else MAX_OTHER_BODY
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            return await _refuse(413, f"the request body is larger than "
                                      f"{limit // (1024 * 1024)} MB", scope, receive, send)
        await (self.uploads if upload else self.others)(scope, receive, send)


async def _refuse(status: int, detail: str, scope, receive, send, headers=None) -> None:
    await error_response(status, str(detail), headers)(scope, receive, send)


class CatchUnexpected:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def tracking(message):
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, tracking)
        except Exception:
            log.exception("unexpected error on %s %s", scope["method"], scope["path"])
            if started:  # the response is half sent: nothing better can be done
                raise
            await error_response(500, UNEXPECTED)(scope, receive, send)
