"""What the HTTP endpoints and the web pages share, as typed FastAPI dependencies: the
caller (their key's grant) and the assistant as they may see the letters, the checked
filters, and the query parameters' contract."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import Depends, HTTPException, Query, Request

from assistant import schemas
from assistant.interfaces.http.auth import Caller
from assistant.service import Assistant
from indexer.dates import normalise_date
from indexer.store import LetterFilter

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"
ERRORS: dict[int | str, dict[str, Any]] = {401: {"model": schemas.Error, "description": "A key is needed and missing or wrong."},
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
# A page of a listing that can be long (threads, the ledger).
Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Items to skip.")]
PageSize = Annotated[int, Query(ge=1, le=1000, description="Items in this page ('total' in the "
                                                           "response counts them all).")]
