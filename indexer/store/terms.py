"""Words as the lexical side of search sees them, shared by both backends: passage text
without footnote marks, a user's words worth searching for, and which of them to search.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from indexer.layout import SUPERSCRIPTS

# BM25 scores every passage that holds any query word, so a query's cost is the number of
# passages its words occur in. Words are searched rarest first until this budget is spent
# (always at least MIN_QUERY_WORDS): on a small corpus every word is searched; on a large one
# the words in most passages, which say little about any of them, are left out.
POSTING_BUDGET = 5_000
MIN_QUERY_WORDS = 2

_FOOTNOTE_MARKS = re.compile(rf"[{SUPERSCRIPTS}]+|\[\d{{1,3}}\]")


def lexical_text(text: str) -> str:
    """Passage text as BM25 indexes it: footnote marks removed ('slavery¹' is 'slavery')."""
    return _FOOTNOTE_MARKS.sub(" ", text)


_TOKEN = re.compile(r"\w+", re.UNICODE)
_STOPWORDS = frozenset(
    "a an and are as at be been but by did do does for from had has have he her his how i in "
    "is it its me my of on or our she so than that the their them they this to was we were "
    "what when where which who whom why will with would you your".split()
)


def query_words(text: str) -> list[str]:
    """A user's words worth searching for: lower-cased, no stop words, no repeats."""
    words: list[str] = []
    for token in _TOKEN.findall(lexical_text(text).lower()):
        if token not in _STOPWORDS and token not in words:
            words.append(token)
    return words


def rarest_first(frequencies: list[tuple[str, int]]) -> list[str]:
    """The terms to search, given (term, passages holding it): rarest first, within
    POSTING_BUDGET."""
    kept: list[str] = []
    postings = 0
    for term, frequency in sorted(frequencies, key=lambda item: item[1]):
        if len(kept) >= MIN_QUERY_WORDS and postings + frequency > POSTING_BUDGET:
            break
        kept.append(term)
        postings += frequency
    return kept


def word_frequencies(words: list[str],
                     token_frequencies: Callable[[list[str]], dict[str, int]]) -> dict[str, int]:
    """In how many passages each word occurs, given a backend's count per token. A word the
    tokenizer splits ('anti-slavery') counts as its rarest part."""
    parts = {word: query_words(word) for word in words}
    tokens = sorted({token for found in parts.values() for token in found})
    counts = token_frequencies(tokens) if tokens else {}
    return {word: min((counts.get(t, 0) for t in found), default=0)
            for word, found in parts.items()}


def meaning_words(text: str) -> list[str]:
    """The words of a text matched by meaning to a question's words the letters never use
    (`assistant.retrieval.expansion`): searchable words of three letters or more, no figures.
    The index keeps a vector for each, beside its passages' and sentences'."""
    return [w for w in query_words(text) if len(w) >= 3 and w.isalpha()]
