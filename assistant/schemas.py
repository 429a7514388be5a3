"""The JSON contract shared by the CLI (`--json`), the HTTP API and Slack.

These pydantic models are the API's documentation: FastAPI renders them at /docs.
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Passage(BaseModel):
    """A retrieved passage. `text` is exactly the letter's stored text from `start` to `end`."""

    rank: int = Field(description="1 for the best match.")
    score: float = Field(description="Relevance; higher is better. Comparable within one response.")
    passage_id: str
    letter_id: str
    text: str
    start: int = Field(description="Offset of the passage in the letter's stored text.")
    end: int = Field(description="Offset just past the passage's last character.")
    title: str | None = None
    date: str | None = Field(None, description="ISO date; partial ('2022', '2024-01') if the "
                                               "letter gives no full date.")
    sender: str | None = Field(None, description="Who wrote the letter: 'Name (role)', joined.")
    recipient: str | None = Field(None, description="Who received it: 'Name (role)', joined.")
    source_path: str = Field(description="The letter's file, relative to the corpus folder.")


class SearchResponse(BaseModel):
    query: str
    results: list[Passage]


class Health(BaseModel):
    status: str = Field(description="'ok' when the index can be searched.")
    letters: int
    passages: int
    generation: int = Field(description="Advances each time an index run changes the index.")
    model: str
    uptime_seconds: float


class ErrorResponse(BaseModel):
    detail: str
