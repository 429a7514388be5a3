"""A read view of a store limited to some collections: what one caller may see.

Every read of letters, passages or search results goes through the backend with the
caller's collections added to its `LetterFilter` (so SQLite, the FAISS post-filter and
pgvector each apply them in the query itself), or is checked against the letters'
collections before it is returned. A letter outside the view reads as absent, exactly like
a letter that does not exist.

The view is closed by default: only the methods below exist on it. Records (conversations,
Slack event claims, feedback) and index bookkeeping pass through, because they are kept per
caller by the interfaces or hold no letter; a read method added to `Store` is missing here
until it is scoped, so it fails loudly instead of leaking.
"""

from __future__ import annotations

import numpy as np

from indexer.models import LedgerSentence, Letter, Passage, ReplyLink
from indexer.store.base import LetterFilter, LetterHeader, Store

# Methods that hold no letter content, or records the interfaces already keep per caller.
PASSED_THROUGH = frozenset({
    "location", "stats", "close", "passage_count", "document_frequencies", "cached_vectors",
    "sentence_model",
    "cache_vectors", "conversation", "add_turn", "claim_event", "event_done", "add_feedback",
    "feedback", "records_version",
})


class ScopedStore:
    """`store` as seen by a caller allowed `collections` (a non-empty or empty set)."""

    def __init__(self, store: Store, collections: frozenset[str]):
        self.inner = store
        self.collections = frozenset(collections)

    def __getattr__(self, name: str):
        if name in PASSED_THROUGH:
            return getattr(self.inner, name)
        raise AttributeError(f"{name!r} is not readable through a collection-scoped store")

    def _narrow(self, where: LetterFilter | None) -> LetterFilter:
        return (where or LetterFilter()).in_collections(self.collections)

    def _visible(self, letter_ids: list[str]) -> set[str]:
        return {letter_id for letter_id, collection
                in self.inner.letter_collections(list(dict.fromkeys(letter_ids))).items()
                if collection in self.collections}

    def letter(self, letter_id: str) -> Letter | None:
        letter = self.inner.letter(letter_id)
        return letter if letter is not None and letter.collection in self.collections else None

    def letters(self, where: LetterFilter | None = None, limit: int = 100,
                offset: int = 0, newest_first: bool = False) -> list[Letter]:
        return self.inner.letters(self._narrow(where), limit, offset, newest_first)

    def letters_by_id(self, letter_ids: list[str]) -> list[Letter]:
        return [x for x in self.inner.letters_by_id(letter_ids) if x.collection in self.collections]

    def count_letters(self, where: LetterFilter | None = None) -> int:
        return self.inner.count_letters(self._narrow(where))

    def letter_collections(self, letter_ids: list[str]) -> dict[str, str]:
        return {letter_id: collection for letter_id, collection
                in self.inner.letter_collections(letter_ids).items()
                if collection in self.collections}

    def letters_with_message_ids(self, message_ids: list[str]) -> list[str]:
        found = self.inner.letters_with_message_ids(message_ids)
        visible = self._visible(found)
        return [letter_id for letter_id in found if letter_id in visible]

    def letters_of_file(self, source_path: str) -> list[str]:
        found = self.inner.letters_of_file(source_path)
        visible = self._visible(found)
        return [letter_id for letter_id in found if letter_id in visible]

    def letter_passages(self, letter_id: str) -> list[Passage]:
        return self.inner.letter_passages(letter_id) if self._visible([letter_id]) else []

    def passages(self, passage_ids: list[str]) -> list[Passage]:
        found = self.inner.passages(passage_ids)
        visible = self._visible([p.letter_id for p in found])
        return [p for p in found if p.letter_id in visible]

    def letter_headers(self, names: list[list[str]], days: list[tuple[str, str]],
                       where: LetterFilter | None = None,
                       limit: int = 1000) -> list[LetterHeader]:
        return self.inner.letter_headers(names, days, self._narrow(where), limit)

    def reply_links(self, reply_ids: list[str] | None = None,
                    original_ids: list[str] | None = None, min_confidence: float = 0.0,
                    collections: frozenset[str] | None = None) -> list[ReplyLink]:
        allowed = self.collections if collections is None else self.collections & collections
        return self.inner.reply_links(reply_ids, original_ids, min_confidence, allowed)

    def headers_of(self, letter_ids: list[str],
                   collections: frozenset[str] | None = None) -> list[LetterHeader]:
        allowed = self.collections if collections is None else self.collections & collections
        return self.inner.headers_of(letter_ids, allowed)

    def ledger_entries(self, where: LetterFilter | None = None, limit: int = 100,
                       offset: int = 0) -> list[tuple[LedgerSentence, LetterHeader]]:
        return self.inner.ledger_entries(self._narrow(where), limit, offset)

    def count_ledger_entries(self, where: LetterFilter | None = None) -> int:
        return self.inner.count_ledger_entries(self._narrow(where))

    def correspondent_words(self, collections: frozenset[str] | None = None) -> set[str]:
        allowed = self.collections if collections is None else self.collections & collections
        return self.inner.correspondent_words(allowed)

    def dense_search(self, vector: np.ndarray, k: int,
                     where: LetterFilter | None = None) -> list[tuple[str, float]]:
        return self.inner.dense_search(vector, k, self._narrow(where))

    def lexical_search(self, query: str, k: int,
                       where: LetterFilter | None = None) -> list[tuple[str, float]]:
        return self.inner.lexical_search(query, k, self._narrow(where))


def scoped(store: Store, collections: frozenset[str] | None) -> Store:
    """The store as a caller allowed `collections` sees it (None: everything, the store
    itself)."""
    return store if collections is None else ScopedStore(store, collections)
