"""Dense retrieval: the query's vector against the index's passage vectors (FAISS, or pgvector
on PostgreSQL), within the filter's letters."""

from __future__ import annotations

from assistant.retrieval.base import Candidate, Ranking, RetrievalQuery
from indexer.embedder import Embedder
from indexer.store import Store


class DenseRetriever:
    name = "dense"

    def __init__(self, store: Store, embedder: Embedder):
        self.store = store
        self.embedder = embedder

    def run(self, query: RetrievalQuery) -> Ranking:
        vector = query.vector if query.vector is not None else self.embedder.encode_query(query.text)
        hits = self.store.dense_search(vector, query.k, query.where)
        return Ranking(self.name, [Candidate(pid, score) for pid, score in hits])
