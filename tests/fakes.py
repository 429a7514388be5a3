"""Stand-ins for the fast unit layer: an embedder without a model, and a small real index
built with it. Bag-of-words vectors keep one property the tests rely on: texts sharing
words point the same way."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np

from indexer.pipeline import IndexPipeline
from indexer.store import LocalStore


class FakeEmbedder:
    """Each word hashed to one of 64 dimensions, counted, normalised: no model, microseconds."""

    name = "fake-bag-of-words-64"
    dimension = 64

    def encode(self, texts: list[str], on_batch=None) -> np.ndarray:
        rows = np.zeros((len(texts), self.dimension), dtype="float32")
        for row, text in zip(rows, texts):
            for word in re.findall(r"\w+", text.lower()):
                row[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1
            row /= max(float(np.linalg.norm(row)), 1e-9)
        return rows

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode([text])[0]

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts)


LETTERS = {
    "2024-03-04_bridge.txt": "4 March 2024\n\nDear Ms Patel,\n\nThe bridge on Mill Lane will "
                             "reopen in June after repairs costing £2.4 million.\n\nYours "
                             "sincerely,\n\nKim Lee\nCity Engineer\n",
    "2024-03-20_reply.txt": "20 March 2024\n\nDear Mr Lee,\n\nThank you for your letter of 4 "
                            "March 2024. I will tell residents that the bridge reopens in "
                            "June.\n\nYours sincerely,\n\nPriya Patel\nCouncillor\n",
    "2024-05-02_parks.txt": "2 May 2024\n\nDear Mr Khan,\n\nThe parks budget for 2024 is "
                            "£300,000, and the new playground opens in August.\n\nYours "
                            "sincerely,\n\nAnn Other\nParks Officer\n",
}


def small_index(folder: Path) -> tuple[LocalStore, FakeEmbedder]:
    """Three short letters indexed into a real SQLite + FAISS store with the fake embedder."""
    corpus = folder / "corpus"
    corpus.mkdir(parents=True)
    for name, text in LETTERS.items():
        (corpus / name).write_text(text)
    embedder = FakeEmbedder()
    store = LocalStore(folder / "index", embedder.name, embedder.dimension)
    IndexPipeline(store, embedder).run(corpus)
    return store, embedder
