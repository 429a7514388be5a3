"""The approximate-nearest-neighbour interface the local store uses: vectors keyed by int64 id.

One short file per FAISS index type, chosen by `create()`; adding a type touches one file
and the factory's table.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path

import faiss
import numpy as np


class ANN(ABC):
    """Inner-product search over normalised vectors (so scores are cosine similarities)."""

    kind: str

    def __init__(self, index: faiss.Index):
        self.index = index

    @classmethod
    @abstractmethod
    def empty(cls, dimension: int) -> "ANN": ...

    @property
    def size(self) -> int:
        return self.index.ntotal

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids):
            self.index.add_with_ids(np.ascontiguousarray(vectors, dtype="float32"),
                                    np.asarray(ids, dtype="int64"))

    @abstractmethod
    def remove(self, ids: np.ndarray) -> bool:
        """Remove ids; False when this index type cannot, so the caller rebuilds it."""

    def search(self, vector: np.ndarray, k: int, allowed: np.ndarray | None = None):
        """(scores, ids) of the k nearest; with `allowed`, only among those ids."""
        query = np.ascontiguousarray(vector.reshape(1, -1), dtype="float32")
        k = min(k, self.size if allowed is None else min(self.size, len(allowed)))
        if k <= 0:
            return np.empty(0, dtype="float32"), np.empty(0, dtype="int64")
        params = None
        if allowed is not None:
            params = self._params(faiss.IDSelectorBatch(np.asarray(allowed, dtype="int64")))
        scores, ids = self.index.search(query, k, params=params)
        keep = ids[0] >= 0
        return scores[0][keep], ids[0][keep]

    def _params(self, selector: faiss.IDSelector) -> faiss.SearchParameters:
        return faiss.SearchParameters(sel=selector)

    def save(self, path: Path) -> None:
        faiss.write_index(self.index, str(path))
