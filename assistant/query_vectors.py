"""The vectors of what is asked (questions, their subjects, their single words), by text.

A question needs several encodings: the whole question (for search), each of its words no
letter holds (the rest are read as index runs kept them, `meaning.WordVectors`; for counting
a word the sentence says otherwise, `answer.SentenceSelector`) and, when it names people, its
subject without them (`Assistant._closeness`). They are encoded on one encoder thread while
SQLite and FAISS run on the request's, in that order; the words go in one batch (one model
call for nine words costs about a third of nine calls). A request that needs a
text already on its way waits for it instead of encoding it a second time beside it, which
on two cores only slowed both. The last few hundred texts are remembered.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

import numpy as np
from threadpoolctl import ThreadpoolController

from indexer.embedder import Embedder

# Texts remembered (questions, subjects and words: about 0.8 MB at 384 dimensions).
MEMORY = 512


@cache
def one_blas_thread() -> None:
    """Limit OpenBLAS (numpy's matrix products) to one thread, for the whole process, once.
    An answer multiplies small matrices (a question's vector by a few hundred sentences',
    its words by a few thousand), too small to share; OpenBLAS's spare threads still wake
    for each and spin between them, on the cores the encoder threads and SQLite need. At
    100k passages on two cores, ask p50 89 ms with OpenBLAS on both, 65 ms on one
    (`eval/bench_search.py`, session 57). PyTorch's own threads, which encode an index
    run's batches, are not OpenBLAS's."""
    ThreadpoolController().select(internal_api="openblas").limit(limits=1)


class QueryVectors:
    def __init__(self, embedder: Embedder, memory: int = MEMORY):
        self.embedder = embedder
        self.memory = memory
        self._known: OrderedDict[str, np.ndarray] = OrderedDict()
        self._pending: dict[str, Future] = {}
        self._lock = threading.Lock()  # request threads and the encoder thread share both
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="query-encoder")

    def ahead(self, texts: list[str]) -> None:
        """Start encoding, in one batch on the encoder thread, those of `texts` neither
        remembered nor already on their way."""
        with self._lock:
            wanted = [t for t in dict.fromkeys(texts)
                      if t not in self._known and t not in self._pending]
            if wanted:
                future = self._thread.submit(self._encode, wanted)
                self._pending.update((t, future) for t in wanted)

    def of(self, text: str) -> np.ndarray:
        """The text's vector: remembered, awaited from the encoder thread, or encoded here."""
        return self.many([text])[0]

    def many(self, texts: list[str]) -> np.ndarray:
        """One row per text, in order; those not remembered nor on their way are encoded
        here, in one batch."""
        found: dict[str, np.ndarray] = {}
        waiting: dict[str, Future] = {}
        with self._lock:
            for text in texts:
                if text in self._known:
                    found[text] = self._known[text]
                elif text in self._pending:
                    waiting[text] = self._pending[text]
        missing = [t for t in dict.fromkeys(texts) if t not in found and t not in waiting]
        if missing:
            found.update(self._encode(missing))
        for text, future in waiting.items():
            found[text] = future.result()[text]
        return np.vstack([found[t] for t in texts]) if texts else np.empty(
            (0, self.embedder.dimension), dtype="float32")

    def _encode(self, texts: list[str]) -> dict[str, np.ndarray]:
        try:
            vectors = dict(zip(texts, self.embedder.encode_queries(texts)))
            with self._lock:
                self._known.update(vectors)
                while len(self._known) > self.memory:
                    self._known.popitem(last=False)
            return vectors
        finally:
            with self._lock:
                for text in texts:
                    self._pending.pop(text, None)
