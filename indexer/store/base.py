"""The store interface: small enough that two backends (SQLite + FAISS in a folder, and
PostgreSQL + pgvector) stand behind it. The pipeline writes whole files' worth of letters
in one atomic `write`, then saves what it derives from them (reply links, ledger
sentences); the assistant reads letters, passages and those records and runs dense and
lexical searches."""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np

from indexer.models import LedgerSentence, Letter, Passage, ReplyLink


class StoreError(Exception):
    """The index cannot be used as asked; the message says why and what to do."""


class IndexModelMismatch(StoreError):
    pass


class StoreUnavailable(StoreError):
    """The index's database cannot be reached now; the same request may succeed later."""


@dataclass
class FileChange:
    """A source file's new contents: its letters, their passages and one vector per passage."""

    source_path: str
    sha256: str
    size: int
    letters: list[Letter]
    passages: list[Passage]
    vectors: np.ndarray
    mtime_ns: int = 0  # the file's modification time when read: unchanged files are not reread


@dataclass
class LetterFilter:
    """Which letters a search may return. Strings match names and roles, case-insensitively;
    dates are ISO days and a partially dated letter matches when its span overlaps the range.
    `collections` is the set of collections allowed (None: all; empty: none): a caller's
    access and a request's `collection=` both narrow it, and every backend applies it in the
    same query as the rest, so no read returns a letter outside it."""

    sender: str | None = None
    recipient: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    letter_ids: list[str] = field(default_factory=list)
    collections: frozenset[str] | None = None

    def within(self, letter_ids: list[str]) -> "LetterFilter":
        """The same filter, narrowed to these letters."""
        return replace(self, letter_ids=[i for i in letter_ids
                                         if not self.letter_ids or i in self.letter_ids])

    def in_collections(self, allowed: frozenset[str] | None) -> LetterFilter:
        """The same filter, narrowed to the collections allowed (None: no narrowing)."""
        if allowed is None:
            return self
        return replace(self, collections=allowed if self.collections is None
                       else self.collections & allowed)

    def without_collections(self) -> LetterFilter:
        return replace(self, collections=None)

    def is_empty(self) -> bool:
        return not (self.sender or self.recipient or self.date_from or self.date_to
                    or self.letter_ids or self.collections is not None)


@dataclass(frozen=True)
class FileState:
    sha256: str
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class LetterHeader:
    """Who, to whom and when: enough to decide whether a question points at a letter, and
    (where read by `headers_of`) to list it, without its text."""

    letter_id: str
    date: str | None
    sender: str | None
    recipient: str | None
    title: str | None = None
    subject: str | None = None
    source_path: str | None = None
    collection: str | None = None


@dataclass(frozen=True)
class IndexStats:
    letters: int
    passages: int
    files: int
    generation: int
    model: str | None
    dimension: int | None


class Store(Protocol):
    """What the pipeline and the assistant ask of an index, whichever backend keeps it. Both
    backends declare it (`class LocalStore(..., Store)`), so the type check holds each to
    all of it."""

    location: str  # where the index is, for messages: a folder, or a database schema

    def stats(self) -> IndexStats: ...

    def writer(self) -> AbstractContextManager: ...  # one index run at a time

    def close(self) -> None: ...

    def file_states(self, paths: list[str] | None = None) -> dict[str, FileState]: ...

    def retime_files(self, mtimes: dict[str, int]) -> None: ...

    # The vectors of texts by hash; `model` names another model's (the sentence model's)
    def cached_vectors(self, text_hashes: list[str],
                       model: str | None = None) -> dict[str, np.ndarray]: ...

    def cache_vectors(self, vectors: dict[str, np.ndarray], model: str | None = None) -> None: ...

    # The sentence model whose vectors the cache holds for every passage's sentences ("": none)
    def sentence_model(self) -> str: ...

    def set_sentence_model(self, model: str) -> None: ...

    def write(self, changes: list[FileChange], removed: list[str]) -> int: ...

    def letter(self, letter_id: str) -> Letter | None: ...

    def letters(self, where: LetterFilter | None = None, limit: int = 100,
                offset: int = 0, newest_first: bool = False) -> list[Letter]: ...

    def count_letters(self, where: LetterFilter | None = None) -> int: ...

    def letters_with_message_ids(self, message_ids: list[str]) -> list[str]: ...

    def letters_of_file(self, source_path: str) -> list[str]: ...

    def letter_collections(self, letter_ids: list[str]) -> dict[str, str]: ...

    def letters_by_id(self, letter_ids: list[str]) -> list[Letter]: ...  # in order given

    def letter_passages(self, letter_id: str) -> list[Passage]: ...

    def passages(self, passage_ids: list[str]) -> list[Passage]: ...

    def letter_headers(self, names: list[list[str]], days: list[tuple[str, str]],
                       where: LetterFilter | None = None,
                       limit: int = 1000) -> list[LetterHeader]: ...

    def correspondent_words(self, collections: frozenset[str] | None = None
                            ) -> set[str]: ...  # every word of the lines, lower-cased

    def dense_search(self, vector: np.ndarray, k: int,
                     where: LetterFilter | None = None) -> list[tuple[str, float]]: ...

    def lexical_search(self, query: str, k: int,
                       where: LetterFilter | None = None) -> list[tuple[str, float]]: ...

    def document_frequencies(self, words: list[str]) -> dict[str, int]: ...

    def passage_count(self) -> int: ...  # cheap: asked on every question

    # records index runs derive from the letters (indexer.store.derived, indexer.derive)

    def reply_links(self, reply_ids: list[str] | None = None,
                    original_ids: list[str] | None = None, min_confidence: float = 0.0,
                    collections: frozenset[str] | None = None) -> list[ReplyLink]: ...

    def headers_of(self, letter_ids: list[str],
                   collections: frozenset[str] | None = None) -> list[LetterHeader]: ...

    def ledger_entries(self, where: LetterFilter | None = None, limit: int = 100,
                       offset: int = 0) -> list[tuple[LedgerSentence, LetterHeader]]: ...

    def count_ledger_entries(self, where: LetterFilter | None = None) -> int: ...

    def records_version(self) -> tuple[int, int]: ...

    def pending_derivations(self) -> list[tuple[str, bool]]: ...

    def save_derivations(self, links: dict[str, list[ReplyLink]],
                         ledger: dict[str, list[LedgerSentence]], done: list[str]) -> None: ...

    # records the interfaces keep

    def conversation(self, conversation_id: str) -> list[dict]: ...

    def add_turn(self, conversation_id: str, turn: dict) -> None: ...

    def claim_event(self, event_id: str, ttl_seconds: float, stale_seconds: float = 120) -> bool: ...

    def event_done(self, event_id: str) -> None: ...

    def add_feedback(self, record: dict, once_per: str | None = None) -> None: ...

    def feedback(self) -> list[dict]: ...
