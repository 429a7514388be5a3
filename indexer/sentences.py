"""Sentence boundaries as character spans, so every sentence can be quoted at exact offsets."""

from __future__ import annotations

import re
from functools import lru_cache

from indexer.embedder import text_hash

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "nos", "vol", "rt", "hon", "cllr", "sr", "jr",
    "e.g", "i.e", "etc", "cf", "vs", "approx", "para", "paras", "rec", "fig", "p", "pp", "ch",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
}
# A sentence ends at . ! ? (and any closing quotes, brackets or footnote marks), then space,
# then something that can start a sentence.
_BOUNDARY = re.compile(
    r"(?<=[.!?…])[\"”’')\]¹²³⁴⁵⁶⁷⁸⁹⁰]*(?:\[\d+\])?\s+(?=[\"“‘'(\[]?[A-Z0-9£•\-–])"
)
_WORD_BEFORE = re.compile(r"([A-Za-z.]+)\.$")
# Shorter spans (a heading, "Dear Ed,") answer nothing: they are never quoted as an answer.
MIN_QUOTABLE_CHARS = 25


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans (absolute offsets) of the sentences in text[start:end], whitespace trimmed.
    A line break always ends a sentence: in letters it closes a heading or a list item."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    line_start = start
    for line_end in [i for i in range(start, end) if text[i] == "\n"] + [end]:
        spans += _line_sentences(text, line_start, line_end)
        line_start = line_end + 1
    return spans


def _line_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        head = text[cursor : match.start()].rstrip()
        abbreviation = _WORD_BEFORE.search(head[-12:])
        if abbreviation and abbreviation.group(1).lower() in _ABBREVIATIONS:
            continue
        if re.search(r"\b[A-Z]\.$", head):  # an initial: "J. Smith"
            continue
        spans.append((cursor, match.start() + len(match.group(0).rstrip())))
        cursor = match.end()
    spans.append((cursor, end))
    return [_trim(text, s, e) for s, e in spans if text[s:e].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quotable_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of text[start:end] long enough to answer a question: the units answers
    quote, and whose vectors the index keeps (see `indexer.pipeline`)."""
    return [(s, e) for s, e in sentence_spans(text, start, end)
            if e - s >= MIN_QUOTABLE_CHARS and not _lead_in(text[s:e])]


def _lead_in(sentence: str) -> bool:
    """A short line ending in a colon introduces what follows ("Conflicting claims by
    government Ministers:"): a heading, not an answer."""
    return sentence.endswith(":") and len(sentence.split()) < 8


def passage_sentences(passage_text: str, offset: int = 0) -> list[tuple[int, int]]:
    """A passage's quotable sentences, as spans of its letter when the passage starts at
    `offset`: read from the passage's own text, so the index run that embeds them and the
    question that looks their vectors up always cut the same sentences."""
    return [(offset + s, offset + e) for s, e in _passage_spans(passage_text)]


@lru_cache(maxsize=4096)
def _passage_spans(passage_text: str) -> tuple[tuple[int, int], ...]:
    """Cut once per passage text: a question reads the same passages' sentences several
    times (retrieval's sentence ranking, the answer's, its quotes read whole), and
    questions keep finding the same passages."""
    return tuple(quotable_spans(passage_text))


def sentence_hashes(passage_texts: list[str]) -> set[str]:
    """The vector-cache keys of the passages' quotable sentences: what an index run embeds
    beside each passage, and what the store forgets when the passage goes."""
    return {text_hash(text[s:e]) for text in passage_texts for s, e in passage_sentences(text)}
