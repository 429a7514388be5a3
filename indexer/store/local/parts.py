"""What the parts of the local store share, declared once: the index folder and model, one
SQLite connection with its lock and transactions, and the generation. Each part (FAISS
files, BM25, records) is a mixin of LocalStore that inherits these declarations, so what it
relies on is written down and type-checked rather than assumed."""

from __future__ import annotations

import sqlite3
import threading
from collections import OrderedDict
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np


class LocalParts:
    index_dir: Path
    model: str
    dimension: int
    faiss_index: str
    _conn: sqlite3.Connection
    _lock: threading.RLock
    _allowed: OrderedDict[tuple, np.ndarray]  # passage ids a filter allows, per generation

    def _transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def _meta(self, key: str) -> str | None:
        raise NotImplementedError

    @property
    def generation(self) -> int:
        raise NotImplementedError
