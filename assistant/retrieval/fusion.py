"""Reciprocal-rank fusion: combine rankings by position, not by their incomparable scores."""

from __future__ import annotations

from assistant.retrieval.base import Candidate, Ranking

# The usual constant (Cormack et al., 2009): damps the head so one retriever's first place
# does not drown the other's near-misses.
RRF_K = 60


class ReciprocalRankFusion:
    name = "hybrid"

    def __init__(self, weights: dict[str, float] | None = None, k: int = RRF_K):
        self.weights = weights or {}
        self.k = k

    def run(self, rankings: list[Ranking]) -> Ranking:
        scores: dict[str, float] = {}
        for ranking in rankings:
            weight = self.weights.get(ranking.source, 1.0)
            for position, candidate in enumerate(ranking.candidates, start=1):
                scores[candidate.passage_id] = (scores.get(candidate.passage_id, 0.0)
                                                + weight / (self.k + position))
        ordered = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        return Ranking(self.name, [Candidate(pid, score) for pid, score in ordered])
