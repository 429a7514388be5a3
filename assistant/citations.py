"""The verbatim check every quote passes before it leaves Missive: fail closed.

A quote is kept only if the letter's stored text, read again from the store, holds exactly
that quote at exactly its offsets. Anything else (a stale index, an offset bug, a tampered
object) drops the quote rather than show words the letter does not contain there.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from assistant import schemas
from indexer.models import Letter
from indexer.store import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Quote:
    letter_id: str
    passage_id: str
    start: int
    end: int
    text: str


def verify_quotes(quotes: list[Quote], store: Store) -> list[Quote]:
    """The quotes that are verbatim in their stored letters at their offsets."""
    texts: dict[str, str | None] = {}
    verified = []
    for quote in quotes:
        if quote.letter_id not in texts:
            letter = store.letter(quote.letter_id)
            texts[quote.letter_id] = letter.text if letter else None
        text = texts[quote.letter_id]
        if (text is not None and 0 <= quote.start < quote.end <= len(text)
                and text[quote.start : quote.end] == quote.text):
            verified.append(quote)
        else:
            log.warning("dropped a quote that is not verbatim in %s at %d-%d",
                        quote.letter_id, quote.start, quote.end)
    return verified


def highlight_link(letter_id: str, start: int, end: int, version: str | None = None) -> str:
    """Where a citation opens (the web page and Slack link to it): the letter, its words
    highlighted and scrolled to; with the letter's version, so a letter changed since is
    shown as changed, not mis-highlighted."""
    return f"/letters/{letter_id}?hl={start}-{end}" + (f"&v={version}" if version else "") + "#hl"


def citation(n: int, letter: Letter, quote: Quote) -> schemas.Citation:
    """Citation [n]: a verified quote with its letter's facts."""
    return schemas.Citation(
        n=n, letter_id=letter.letter_id, passage_id=quote.passage_id, quote=quote.text,
        start=quote.start, end=quote.end, title=letter.title, date=letter.date,
        sender=letter.sender, sender_named_by_reply=letter.writer_named_by_reply,
        recipient=letter.recipient, source_path=letter.source_path,
        collection=letter.collection, page=letter.page_at(quote.start),
        letter_version=letter.version, letter_complete=letter.complete)
