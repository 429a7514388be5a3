"""Lexical retrieval: BM25 over the store's full-text index, within the filter's letters.

Names, dates and figures ("Recommendation One", "3869", "Dame Sara") are where BM25 beats
dense vectors on letters.
"""

from __future__ import annotations

from assistant.retrieval.base import Candidate, Ranking, RetrievalQuery
from indexer.store import Store


class LexicalRetriever:
    name = "bm25"

    def __init__(self, store: Store):
        self.store = store

    def run(self, query: RetrievalQuery) -> Ranking:
        hits = self.store.lexical_search(query.text, query.k, query.where)
        return Ranking(self.name, [Candidate(pid, score) for pid, score in hits])
