"""Typed inputs and outputs shared by the retrieval components."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from indexer.store import LetterFilter


@dataclass(frozen=True)
class RetrievalQuery:
    text: str
    k: int = 10
    where: LetterFilter | None = None
    # The query's embedding, computed once and shared by the retrievers that need it.
    vector: np.ndarray | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Candidate:
    passage_id: str
    score: float


@dataclass
class Ranking:
    """Candidates, best first, from one retriever (or a fusion of several)."""

    source: str
    candidates: list[Candidate] = field(default_factory=list)


class Retriever(Protocol):
    name: str

    def run(self, query: RetrievalQuery) -> Ranking: ...
