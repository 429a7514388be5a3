"""Letter -> passages: one per body paragraph, long paragraphs cut at sentence boundaries.

Every passage records `start`/`end` into the letter's stored text, so its text is always
`letter.text[start:end]`: the basis of every citation Missive shows.
"""

from __future__ import annotations

from indexer.models import Letter, Passage
from indexer.sentences import sentence_spans

# all-MiniLM-L6-v2 reads 256 word pieces (about 1,000 characters of English); passages stay
# under that so nothing is cut off unseen by the model.
DEFAULT_MAX_CHARS = 900


def split_passages(letter: Letter, max_chars: int = DEFAULT_MAX_CHARS) -> list[Passage]:
    passages: list[Passage] = []
    for paragraph, (start, end) in enumerate(letter.body_spans, start=1):
        for s, e in _windows(letter.text, start, end, max_chars):
            passages.append(
                Passage(
                    passage_id=f"{letter.letter_id}.p{len(passages) + 1}",
                    letter_id=letter.letter_id,
                    paragraph=paragraph,
                    start=s,
                    end=e,
                    text=letter.text[s:e],
                    page=letter.page_at(s),
                )
            )
    return passages


def _windows(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """Cut [start, end) into runs of whole sentences of at most max_chars, each run after
    the first repeating the previous run's last sentence, so no sentence loses its context."""
    if end - start <= max_chars:
        return [(start, end)]
    sentences = sentence_spans(text, start, end)
    windows: list[tuple[int, int]] = []
    first = 0
    while first < len(sentences):
        last = first
        while last + 1 < len(sentences) and sentences[last + 1][1] - sentences[first][0] <= max_chars:
            last += 1
        windows.append((sentences[first][0], sentences[last][1]))
        if last + 1 >= len(sentences):
            break
        overlap_fits = last > first and sentences[last + 1][1] - sentences[last][0] <= max_chars
        first = last if overlap_fits else last + 1  # repeat one sentence when it fits
    return windows
