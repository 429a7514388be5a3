"""Sentence-level ranking: each candidate passage scored by its sentence closest in meaning
to the question.

A passage's own vector averages all its sentences, so a question that paraphrases one of
them ("what did the regulator make of the figures?") lands near the passage only when the
rest of it is on the same subject. Ranking the fused candidates by their best sentence,
with the vectors the index keeps for every sentence, finds the paraphrased sentence wherever
it stands; the ranking joins the others in fusion.
"""

from __future__ import annotations

import numpy as np

from assistant.meaning import TextVectors, similarities
from assistant.retrieval.base import Candidate, Hit, Ranking
from indexer.sentences import passage_sentences


class SentenceRanker:
    name = "sentences"

    def __init__(self, vectors: TextVectors):
        self.vectors = vectors

    def run(self, hits: list[Hit], question_vector: np.ndarray) -> Ranking:
        spans = [(hit, [hit.passage.text[s:e] for s, e in passage_sentences(hit.passage.text)]
                  or [hit.passage.text]) for hit in hits]
        texts = [t for _, sentences in spans for t in sentences]
        scores = similarities(question_vector, self.vectors.of(texts))
        best, first = [], 0
        for hit, sentences in spans:
            best.append((float(scores[first : first + len(sentences)].max()), hit.passage.passage_id))
            first += len(sentences)
        best.sort(key=lambda item: (-item[0], item[1]))
        return Ranking(self.name, [Candidate(pid, score) for score, pid in best])
