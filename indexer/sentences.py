"""Sentence boundaries as character spans, so every sentence can be quoted at exact offsets."""

from __future__ import annotations

import re

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
