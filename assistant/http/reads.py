"""Read endpoints: health, search, ask, metrics."""

from __future__ import annotations

import re
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from assistant import schemas
from assistant.http.auth import Caller
from assistant.service import MODES, Assistant
from indexer.dates import normalise_date
from indexer.store import LetterFilter

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
ERRORS = {401: {"model": schemas.Error, "description": "A key is needed and missing or wrong."},
          403: {"model": schemas.Error, "description": "Keys are needed but none configured."},
          422: {"model": schemas.Error, "description": "A parameter is missing or malformed."}}


def read_access(request: Request) -> Caller:
    """The caller of a read endpoint (FastAPI caches it per request; pages show it)."""
    request.state.caller = request.app.state.keys.caller(request, write=False)
    return request.state.caller


Reader = Annotated[Caller, Depends(read_access)]


def assistant_for(request: Request, caller: Caller) -> Assistant:
    """The assistant as this caller sees the letters: their collections only."""
    return request.app.state.assistant.scoped(caller.collections)


router = APIRouter(dependencies=[Depends(read_access)], responses=ERRORS)
service = APIRouter(responses=ERRORS)  # /health: open to all when the access file is set


def checked_filter(sender: str | None, recipient: str | None, date_from: str | None,
                   date_to: str | None, collection: str | None = None) -> LetterFilter:
    """The filter, or a 422 for a date that is not a calendar day written YYYY-MM-DD (the
    query parameters check the form too; the web page's form fields rely on this)."""
    for value in (date_from, date_to):
        if value and not re.match(ISO_DAY, value):
            raise HTTPException(422, f"{value} is not a date (YYYY-MM-DD)")
        if value and normalise_date(value) is None:
            raise HTTPException(422, f"{value} is not a calendar date")
    if collection and not re.match(schemas.COLLECTION_PATTERN, collection):
        raise HTTPException(422, f"{collection!r} is not a collection name")
    return LetterFilter(sender=sender, recipient=recipient, date_from=date_from, date_to=date_to,
                        collections=frozenset({collection}) if collection else None)


Sender = Annotated[str | None, Query(max_length=schemas.MAX_NAME_CHARS,
                                     description="Letters whose sender contains this.")]
Recipient = Annotated[str | None, Query(max_length=schemas.MAX_NAME_CHARS,
                                        description="Letters whose recipient contains this.")]
DateFrom = Annotated[str | None, Query(pattern=ISO_DAY, description="YYYY-MM-DD")]
DateTo = Annotated[str | None, Query(pattern=ISO_DAY, description="YYYY-MM-DD")]
Collection = Annotated[str | None, Query(pattern=schemas.COLLECTION_PATTERN,
                                         description="Only letters of this collection.")]


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
    mode: Annotated[str, Query(pattern="^(" + "|".join(MODES) + ")$")] = "hybrid",
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
    return request.app.state.metrics.render(request.app.state.assistant.store.stats())
