"""Exact search: every vector compared. The default; right up to a few hundred thousand passages."""

from __future__ import annotations

import faiss
import numpy as np

from indexer.store.local.ann.base import ANN


class FlatANN(ANN):
    kind = "flat"

    @classmethod
    def empty(cls, dimension: int) -> "FlatANN":
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dimension)))

    def remove(self, ids: np.ndarray) -> bool:
        if len(ids):
            self.index.remove_ids(np.asarray(ids, dtype="int64"))
        return True
