"""How close in meaning each sentence an answer may quote comes to the question, by each
model the sentences are read by (`answer.SentenceSelector`): the sentence model's and the
passages' own, averaged.

The sentences' vectors are what index runs kept; the question's come from the query
encoders (`query_vectors`), the sentence model's last of all: it is still encoding the
question's subject when the search is done. So the selector reads the sentences' vectors
and weighs their words first, and asks for the question's vectors only when nothing else is
left to do.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from assistant.cues import QuestionCues
from assistant.meaning import TextVectors, similarities
from assistant.sentence_weights import CONTEXT_WEIGHT


def closeness_in_meaning(cues: QuestionCues, models: list[TextVectors],
                         sentences: list[np.ndarray],
                         question_vectors: Callable[[], list[np.ndarray]],
                         passages: list[str], letters: list[str], asked: bool) -> np.ndarray:
    """Each sentence's closeness in meaning to the question, averaged over the models (the
    sentence model's and the passages' own: tuning 877, session 53: citations 81.7% by the
    sentence model alone, 82.0% by half of each, 81.8% and 81.7% at 0.3 and 0.7 of
    MiniLM's). `sentences`: each model's vectors of the sentences (one row each, in the
    order of `passages` and `letters`, the passage and letter each is read from);
    `question_vectors`: the question's, one per model, awaited here. `asked`: whether the
    question says what it asks in words of its own."""
    return np.mean([
        _closeness(cues, model, vectors, question_vector, passages, letters, asked)
        for model, vectors, question_vector in zip(models, sentences, question_vectors())],
        axis=0)


def _closeness(cues: QuestionCues, model: TextVectors, vectors: np.ndarray,
               question_vector: np.ndarray, passages: list[str], letters: list[str],
               asked: bool) -> np.ndarray:
    """Each sentence's closeness in meaning to the question, by one model."""
    if cues.asks_response and cues.quoted_text and not asked:
        # "Did she say yes?" after the Commissioners' offer was quoted: the reply's
        # sentence taking up what was quoted
        question_vector = _toward(question_vector, model.of(cues.quoted_text))
    if cues.asks_gist:
        return _central(vectors, letters)
    return in_context(question_vector, vectors, passages)


def in_context(question_vector: np.ndarray, vectors: np.ndarray,
                passages: list[str]) -> np.ndarray:
    """Each sentence's closeness in meaning to the question, read half alone and half with
    the sentences either side of it in its passage (at CONTEXT_WEIGHT): a sentence often takes
    its subject from the one before ("This would allow ..."). Chosen
    on the tuning set: citations 56.1% -> 58.1% (alone 56.1%; the better of alone and in
    context 57.4%; context at 0.3 or 1.0 57.4%)."""
    context = vectors.copy()
    for i in range(len(vectors)):
        for j in (i - 1, i + 1):
            if 0 <= j < len(vectors) and passages[j] == passages[i]:
                context[i] += CONTEXT_WEIGHT * vectors[j]
    context /= np.linalg.norm(context, axis=1, keepdims=True)
    return (similarities(question_vector, vectors) + similarities(question_vector, context)) / 2


def _toward(question_vector: np.ndarray, quoted: np.ndarray) -> np.ndarray:
    """The question's vector and the quoted sentences' mean, as one unit vector."""
    joined = question_vector + quoted.mean(axis=0)
    return joined / (np.linalg.norm(joined) or 1.0)


def _central(vectors: np.ndarray, letters: list[str]) -> np.ndarray:
    """Each sentence's closeness in meaning to the rest of its letter (the mean of its
    letter's sentences among the candidates): what a letter says as a whole, for a question
    asking for that ("Summarise X's letter") and naming nothing its sentences could be
    matched to. Greetings, thanks and asides sit far from the mean."""
    central = np.zeros(len(vectors), dtype="float32")
    for letter in set(letters):
        rows = [i for i, x in enumerate(letters) if x == letter]
        mean = vectors[rows].mean(axis=0)
        mean /= np.linalg.norm(mean) or 1.0
        central[rows] = vectors[rows] @ mean
    return central
