"""HNSW graph search: sub-linear queries for large corpora, at some recall and memory cost.

FAISS cannot delete from an HNSW graph, so removals make the store rebuild the index from
its stored vectors.
"""

from __future__ import annotations

import faiss
import numpy as np

from indexer.store.local.ann.base import ANN

NEIGHBOURS = 32
EF_SEARCH = 128


class HnswANN(ANN):
    kind = "hnsw"

    @classmethod
    def empty(cls, dimension: int) -> "HnswANN":
        graph = faiss.IndexHNSWFlat(dimension, NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
        graph.hnsw.efSearch = EF_SEARCH
        return cls(faiss.IndexIDMap2(graph))

    def remove(self, ids: np.ndarray) -> bool:
        return not len(ids)

    def _params(self, selector: faiss.IDSelector) -> faiss.SearchParameters:
        return faiss.SearchParametersHNSW(sel=selector, efSearch=EF_SEARCH)
