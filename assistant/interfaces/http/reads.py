"""Read endpoints: health, search, ask, metrics."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response

from assistant import schemas
from assistant.interfaces.http.deps import (
    ERRORS,
    Collection,
    DateFrom,
    DateTo,
    Reader,
    Recipient,
    Sender,
    assistant_for,
    checked_filter,
    read_access,
)
from assistant.service import MODES, Mode

router = APIRouter(dependencies=[Depends(read_access)], responses=ERRORS)
service = APIRouter(responses=ERRORS)  # /health: open to all when the access file is set


@service.get("/health", response_model=schemas.Health, tags=["service"])
def health(request: Request) -> schemas.Health:
    """Whether the index can be searched, and what it holds; where it is, to a caller with an
    operator's API key. With an access file, open to all and counts only."""
    keys = request.app.state.keys
    if keys.access is None:
        keys.check(request, write=False)
    health = request.app.state.assistant.health()
    if not keys.holds_key(request):
        health.index = None
    return health


@router.get("/search", response_model=schemas.SearchResponse, tags=["search"])
def search(
    request: Request, caller: Reader,
    q: Annotated[str, Query(min_length=1, max_length=schemas.MAX_QUESTION_CHARS,
                            description="What to look for.")],
    k: Annotated[int, Query(ge=1, le=100, description="How many passages.")] = 10,
    sender: Sender = None, recipient: Recipient = None,
    date_from: DateFrom = None, date_to: DateTo = None, collection: Collection = None,
    mode: Annotated[Mode, Query(description="Retrievers: " + ", ".join(MODES) + ".")] = "hybrid",
) -> schemas.SearchResponse:
    """Passages that match `q`, best first, each with its letter's date, sender and recipient:
    the same object as `missive search --json`."""
    where = checked_filter(sender, recipient, date_from, date_to, collection)
    return assistant_for(request, caller).search(q, k=k, where=where, mode=mode)


@router.post("/ask", response_model=schemas.AskResponse, tags=["ask"])
def ask(request: Request, caller: Reader, body: schemas.AskRequest) -> schemas.AskResponse:
    """Answer a question from the letters, quoting them verbatim with citations, or say
    plainly (`no_answer: true`) that they do not answer it: the same object as
    `missive ask --json`."""
    f = body.filters or schemas.Filters()
    where = checked_filter(f.sender, f.recipient, f.date_from, f.date_to, f.collection)
    kept = None
    if body.conversation_id:  # in the namespace of the key that asks: see Caller
        kept = f"http:{caller.namespace}:{body.conversation_id}"
    response = assistant_for(request, caller).ask(body.question, history=body.history,
                                                  conversation_id=kept, where=where)
    response.conversation_id = body.conversation_id
    return response


@router.get("/metrics", tags=["service"], response_class=Response,
            responses={200: {"content": {"text/plain": {}}, "description": "Prometheus text"}})
def metrics(request: Request) -> Response:
    """Request counts and latency per route, index size, and the last re-index."""
    return request.app.state.metrics.render(request.app.state.assistant.stats())
