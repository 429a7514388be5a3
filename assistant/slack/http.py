"""Slack's HTTP transport inside the FastAPI server: `POST /slack/events`.

Bolt's dispatch is synchronous (signature check, de-duplication, ack); it runs on the thread
pool so a slow moment never stalls the event loop for other requests.
"""

from __future__ import annotations

from fastapi import FastAPI, Request
from slack_bolt import App
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool


def mount_slack(app: FastAPI, slack_app: App) -> None:
    @app.post("/slack/events", include_in_schema=False)
    async def slack_events(request: Request):
        body = await request.body()
        response = await run_in_threadpool(slack_app.dispatch, to_bolt_request(request, body))
        return to_starlette_response(response)
