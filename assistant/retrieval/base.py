"""Typed inputs and outputs shared by the retrieval components: a query, ranked candidates,
and the hits (passage with its letter) that answers are made from."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assistant import schemas
from indexer.models import Letter, Passage
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


@dataclass
class Hit:
    """A retrieved passage with its letter: what answers and citations are made from."""

    passage: Passage
    letter: Letter
    score: float

    def to_schema(self, rank: int) -> schemas.Passage:
        p, letter = self.passage, self.letter
        return schemas.Passage(
            rank=rank, score=round(self.score, 6), passage_id=p.passage_id,
            letter_id=p.letter_id, text=p.text, start=p.start, end=p.end, title=letter.title,
            date=letter.date, sender=letter.sender, recipient=letter.recipient,
            source_path=letter.source_path, collection=letter.collection, page=p.page)
