"""The letters as records, as the Assistant serves them to every interface: pages of
letters, a letter with its reply links, summaries, reply threads and the ledger (built by
`assistant.browse`), each read through the caller's view of the store."""

from __future__ import annotations

import threading
from collections import OrderedDict

from assistant import browse, schemas
from indexer.store import LetterFilter, Store


class LetterRecords:
    """Part of `assistant.service.Assistant`, which sets what it reads: the view's store
    and collections, and the thread groupings kept per version of the records."""

    store: Store
    collections: frozenset[str] | None
    _thread_indexes: OrderedDict[tuple, browse.ThreadIndex]
    _query_lock: threading.Lock

    def letters(self, where: LetterFilter | None = None, limit: int = 50, offset: int = 0,
                newest_first: bool = False) -> schemas.LetterList:
        """Letters by date, filtered, a page at a time."""
        return browse.letter_list(self.store, where or LetterFilter(), limit, offset,
                                  newest_first)

    def summaries(self, letter_ids: list[str]) -> dict[str, schemas.LetterSummary]:
        """The summaries of those of these letters the caller can see, by id (read from
        their headers: no letter's text is read)."""
        return {h.letter_id: browse.header_summary(h)
                for h in self.store.headers_of(list(dict.fromkeys(letter_ids)))}

    def letter(self, letter_id: str) -> schemas.LetterDetail | None:
        """The whole letter with its reply links; None when the caller cannot see it."""
        letter = self.store.letter(letter_id)
        return browse.letter_detail(self.store, letter) if letter is not None else None

    def threads(self, limit: int = 100, offset: int = 0) -> schemas.ThreadList:
        """Reply threads, earliest first: letters linked to the letters they answer, with the
        evidence. Made from every link the caller sees once per change of the records."""
        key = (self.collections, self.store.records_version())
        with self._query_lock:
            index = self._thread_indexes.get(key)
        if index is None:
            index = browse.thread_index(self.store)
            with self._query_lock:
                self._thread_indexes[key] = index
                while len(self._thread_indexes) > 16:
                    self._thread_indexes.popitem(last=False)
        return browse.thread_list(index, limit, offset)

    def ledger(self, where: LetterFilter | None = None, limit: int = 100,
               offset: int = 0) -> schemas.Ledger:
        """The commitments and requests ledger of the letters `where` selects."""
        return browse.ledger_of(self.store, where or LetterFilter(), limit, offset)

    def sees_all(self, letter_ids: list[str]) -> bool:
        """Whether every one of these letters is one this view may show: an answer given in
        one place is checked again before it is shown in another."""
        return len(self.store.letter_collections(letter_ids)) == len(set(letter_ids))
