"""Slack's HTTP transport inside the FastAPI server: `POST /slack/events`.

The signature is checked here, on the raw bytes, before anything reads the body: an unsigned
request is a 401 whatever it holds, and a signed body Bolt cannot parse is a 400, never a
500. Bolt's dispatch is synchronous (de-duplication, ack); it runs on the thread pool so a
slow moment never stalls the event loop for other requests.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from slack_sdk.signature import SignatureVerifier
from starlette.concurrency import run_in_threadpool


def mount_slack(app: FastAPI, slack_app: App, signing_secret: str) -> None:
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request):
        body = await request.body()
        if verifier is not None and not _signed(verifier, body, request):
            return JSONResponse({"detail": "invalid or missing Slack signature"}, status_code=401)
        try:  # Bolt parses the body as it builds its request
            bolt_request = to_bolt_request(request, body)
        except (ValueError, AttributeError, TypeError):  # not JSON, a JSON list, ...
            return JSONResponse({"detail": "not a Slack request body"}, status_code=400)
        response = await run_in_threadpool(slack_app.dispatch, bolt_request)
        return to_starlette_response(response)


def _signed(verifier: SignatureVerifier, body: bytes, request: Request) -> bool:
    try:
        return verifier.is_valid(body, request.headers.get("x-slack-request-timestamp"),
                                 request.headers.get("x-slack-signature"))
    except ValueError:  # a timestamp that is not a number
        return False
