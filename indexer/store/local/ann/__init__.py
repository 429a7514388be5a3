"""FAISS index types by name: `create("flat", 384)`, `load(path, "flat")`."""

from __future__ import annotations

from pathlib import Path

import faiss

from indexer.store.local.ann.base import ANN
from indexer.store.local.ann.flat import FlatANN
from indexer.store.local.ann.hnsw import HnswANN

KINDS: dict[str, type[ANN]] = {cls.kind: cls for cls in (FlatANN, HnswANN)}


def create(kind: str, dimension: int) -> ANN:
    try:
        return KINDS[kind].empty(dimension)
    except KeyError:
        raise ValueError(f"unknown FAISS index type {kind!r}; choose one of {sorted(KINDS)}") from None


def load(path: Path, kind: str) -> ANN:
    return KINDS[kind](faiss.read_index(str(path)))


__all__ = ["ANN", "KINDS", "create", "load"]
