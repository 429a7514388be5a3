"""A letter's text cut into plain and highlighted pieces at exact offsets.

The page shows `letter.text[start:end]` for each cited span, so what is highlighted is, by
construction, the stored text at the offsets the citation gives."""

from __future__ import annotations

import re
from dataclasses import dataclass

SPAN = re.compile(r"^(\d{1,9})-(\d{1,9})$")


@dataclass(frozen=True)
class Piece:
    text: str
    highlighted: bool
    first: bool = False  # the first highlighted piece: scrolled into view


def parse_spans(values: list[str], length: int) -> list[tuple[int, int]]:
    """'start-end' strings as spans inside a text of `length`; malformed or out-of-range
    ones are dropped (a stale link still shows the letter)."""
    spans = []
    for value in values:
        match = SPAN.match(value.strip())
        if match:
            start, end = int(match[1]), int(match[2])
            if 0 <= start < end <= length:
                spans.append((start, end))
    return spans


def pieces(text: str, spans: list[tuple[int, int]]) -> list[Piece]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    found, at = [], 0
    for n, (start, end) in enumerate(merged):
        if start > at:
            found.append(Piece(text[at:start], False))
        found.append(Piece(text[start:end], True, first=n == 0))
        at = end
    if at < len(text):
        found.append(Piece(text[at:], False))
    return found
