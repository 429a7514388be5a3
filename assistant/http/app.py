"""The FastAPI application. Pydantic models in `assistant.schemas` are the contract; /docs
renders them. Handlers translate a request into one Assistant call."""

from __future__ import annotations

from typing import Annotated

from fastapi import FastAPI, HTTPException, Query

from assistant import schemas
from assistant.service import MODES, Assistant
from indexer.dates import normalise_date
from indexer.store import LetterFilter

ISO_DAY = r"^\d{4}-\d{2}-\d{2}$"


def create_app(assistant: Assistant) -> FastAPI:
    app = FastAPI(
        title="Missive",
        summary="Ask questions of a body of letters; every answer cites the letters verbatim.",
        version="0.1.0",
    )
    app.state.assistant = assistant

    @app.get("/health", response_model=schemas.Health, tags=["service"])
    def health() -> schemas.Health:
        """Whether the index can be searched, and what it holds."""
        return assistant.health()

    @app.get("/search", response_model=schemas.SearchResponse, tags=["search"],
             responses={422: {"description": "A parameter is missing or malformed."}})
    def search(
        q: Annotated[str, Query(min_length=1, max_length=2000, description="What to look for.")],
        k: Annotated[int, Query(ge=1, le=100, description="How many passages.")] = 10,
        sender: Annotated[str | None, Query(description="Letters whose sender contains this.")] = None,
        recipient: Annotated[str | None, Query(description="Letters whose recipient contains this.")] = None,
        date_from: Annotated[str | None, Query(pattern=ISO_DAY, description="YYYY-MM-DD")] = None,
        date_to: Annotated[str | None, Query(pattern=ISO_DAY, description="YYYY-MM-DD")] = None,
        mode: Annotated[str, Query(pattern="^(" + "|".join(MODES) + ")$")] = "hybrid",
    ) -> schemas.SearchResponse:
        """Passages that match `q`, best first, each with its letter's date, sender and recipient."""
        for value in (date_from, date_to):
            if value and normalise_date(value) is None:
                raise HTTPException(422, f"{value} is not a calendar date")
        where = LetterFilter(sender=sender, recipient=recipient, date_from=date_from,
                             date_to=date_to)
        return assistant.search(q, k=k, where=where, mode=mode)

    @app.post("/ask", response_model=schemas.AskResponse, tags=["ask"],
              responses={422: {"description": "The request body is missing or malformed."}})
    def ask(request: schemas.AskRequest) -> schemas.AskResponse:
        """Answer a question from the letters, quoting them verbatim with citations, or say
        plainly (`no_answer: true`) that they do not answer it."""
        filters = request.filters or schemas.Filters()
        where = LetterFilter(sender=filters.sender, recipient=filters.recipient,
                             date_from=filters.date_from, date_to=filters.date_to)
        return assistant.ask(request.question, history=request.history,
                             conversation_id=request.conversation_id, where=where)

    return app
