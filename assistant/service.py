"""The Assistant: the one entry point every interface (CLI, HTTP, Slack) calls."""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Literal

from assistant import schemas
from assistant.cues import read_cues
from assistant.retrieval.base import Ranking, RetrievalQuery
from assistant.retrieval.cue_rerank import CueReranker
from assistant.retrieval.dense import DenseRetriever
from assistant.retrieval.fusion import ReciprocalRankFusion
from assistant.retrieval.letter_scope import LetterScopeRetriever
from assistant.retrieval.lexical import LexicalRetriever
from indexer.embedder import Embedder, load_embedder
from indexer.models import Letter, Passage
from indexer.settings import Settings
from indexer.store import LetterFilter, LocalStore

Mode = Literal["hybrid", "dense", "bm25"]
MODES: tuple[str, ...] = ("hybrid", "dense", "bm25")
# Each retriever is asked for this many candidates per result wanted (at least FETCH_MIN), so
# fusion and de-duplication have enough to choose from.
FETCH_FACTOR, FETCH_MIN = 4, 40


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
            source_path=letter.source_path)


class Assistant:
    def __init__(self, store: LocalStore, embedder: Embedder):
        self.store = store
        self.embedder = embedder
        self.dense = DenseRetriever(store, embedder)
        self.lexical = LexicalRetriever(store)
        self.fusion = ReciprocalRankFusion()
        self.letter_scope = LetterScopeRetriever(store, embedder)
        self.reranker = CueReranker()
        self.started = time.monotonic()

    @classmethod
    def open(cls, settings: Settings) -> "Assistant":
        embedder = load_embedder(settings.model, settings.batch_size, settings.torch_threads)
        store = LocalStore(settings.index_dir, embedder.name, embedder.dimension,
                           settings.faiss_index)
        return cls(store, embedder)

    # -- retrieval ------------------------------------------------------------------------

    def retrieve(self, text: str, k: int = 10, where: LetterFilter | None = None,
                 mode: Mode = "hybrid") -> list[Hit]:
        """The k best passages for `text`: dense and/or BM25 candidates, fused, re-ranked by
        the question's cues, overlapping windows merged. `mode` picks the retrievers."""
        cues = read_cues(text)
        depth = max(k * FETCH_FACTOR, FETCH_MIN)
        rankings = []
        if mode in ("hybrid", "dense"):
            rankings.append(self.dense.run(RetrievalQuery(text, depth, where)))
        if mode in ("hybrid", "bm25"):
            rankings.append(self.lexical.run(RetrievalQuery(cues.search_text(), depth, where)))
        if mode == "hybrid":
            scoped = self.letter_scope.run(RetrievalQuery(text, depth, where), cues)
            if scoped.candidates:
                rankings.append(scoped)
        ranking = rankings[0] if len(rankings) == 1 else self.fusion.run(rankings)
        hits = self._hydrate(ranking)
        if mode == "hybrid":
            hits = self.reranker.run(hits, cues)
        return self._merge_overlaps(hits)[:k]

    def _hydrate(self, ranking: Ranking) -> list[Hit]:
        passages = {p.passage_id: p for p in
                    self.store.passages([c.passage_id for c in ranking.candidates])}
        letters: dict[str, Letter | None] = {}
        hits = []
        for candidate in ranking.candidates:
            passage = passages.get(candidate.passage_id)
            if passage is None:  # removed by an index run since the search began
                continue
            if passage.letter_id not in letters:
                letters[passage.letter_id] = self.store.letter(passage.letter_id)
            letter = letters[passage.letter_id]
            if letter is not None:
                hits.append(Hit(passage, letter, candidate.score))
        return hits

    @staticmethod
    def _merge_overlaps(hits: list[Hit]) -> list[Hit]:
        """Overlapping passages of one letter (windows of a long paragraph) become one hit,
        at the better one's rank, spanning both."""
        kept: list[Hit] = []
        for hit in hits:
            twin = next((k for k in kept if k.letter.letter_id == hit.letter.letter_id
                         and k.passage.start < hit.passage.end
                         and hit.passage.start < k.passage.end), None)
            if twin is None:
                kept.append(hit)
                continue
            start = min(twin.passage.start, hit.passage.start)
            end = max(twin.passage.end, hit.passage.end)
            twin.passage = Passage(twin.passage.passage_id, twin.passage.letter_id,
                                   min(twin.passage.paragraph, hit.passage.paragraph),
                                   start, end, twin.letter.text[start:end])
        return kept

    def search(self, query: str, k: int = 10, where: LetterFilter | None = None,
               mode: Mode = "hybrid") -> schemas.SearchResponse:
        hits = self.retrieve(query, k, where, mode)
        return schemas.SearchResponse(
            query=query, results=[hit.to_schema(rank) for rank, hit in enumerate(hits, start=1)])

    def health(self) -> schemas.Health:
        stats = self.store.stats()
        return schemas.Health(status="ok", letters=stats.letters, passages=stats.passages,
                              generation=stats.generation, model=self.embedder.name,
                              uptime_seconds=round(time.monotonic() - self.started, 1))
