"""Meaning at sentence level: vectors for the sentences an answer may quote, from the same
model that embeds passages and questions.

all-MiniLM-L6-v2 was trained on paraphrase pairs: it matches a question to a sentence in
other words ("what did the regulator make of the figures" to "the statistics do not support
the claims") far better than shared words do, and far better at sentence level than against
a whole passage. The index keeps a vector for every quotable sentence (`indexer.pipeline`),
so asking costs a cache read, not ~9 ms of encoding per sentence. Vectors read are
remembered in memory (retrieval and answer selection ask for the same sentences within one
question); texts the cache lacks (an index built before it kept them) are encoded here.

Single words have meaning too: "repeats" lies close to "duplications". `WordVectors` gives
the letters' words as index runs kept them and a question's words through the query
encoder, for query expansion (`retrieval.expansion`) and for counting a question's word as
half-present in a sentence that says it in other words (`answer`).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from indexer.embedder import Embedder, text_hash
from indexer.store import Store
from indexer.store.terms import meaning_words

# Vectors kept in memory (about 30 MB at 384 dimensions).
MEMORY = 20_000


class TextVectors:
    """Unit vectors for texts: the index's cache first, then this process's memory, then the
    model."""

    def __init__(self, store: Store, embedder: Embedder, memory: int = MEMORY,
                 model: str | None = None):
        self.store = store
        self.embedder = embedder
        self.model = model  # the cache's name for the embedder's vectors (None: the index's)
        self.memory = memory
        self._known: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, texts: list[str]) -> np.ndarray:
        """One row per text, in order."""
        if not texts:
            return np.empty((0, self.embedder.dimension), dtype="float32")
        hashes = [text_hash(t) for t in texts]
        with self._lock:
            found = {h: self._known[h] for h in hashes if h in self._known}
        wanted = sorted({h for h in hashes if h not in found})
        fresh = self.store.cached_vectors(wanted, self.model) if wanted else {}
        missing = list(dict.fromkeys(t for t, h in zip(texts, hashes)
                                     if h not in found and h not in fresh))
        if missing:
            fresh.update(zip((text_hash(t) for t in missing), self.embedder.encode(missing)))
        if fresh:
            found.update(fresh)
            with self._lock:
                self._known.update(fresh)
                while len(self._known) > self.memory:
                    self._known.popitem(last=False)
        return np.vstack([found[h] for h in hashes]).astype("float32", copy=False)


class WordVectors:
    """Vectors of single words: a text's words as index runs kept them (never encoded while a
    user waits: of an index made before words had vectors, none), and a question's words
    through `encode` (the fast query encoder). Texts' words and words' vectors are remembered
    here, by word, apart from `TextVectors`' memory: the candidates' words, a thousand or
    more a question, would crowd out the sentences' vectors there."""

    def __init__(self, store: Store, dimension: int, encode: Callable[[list[str]], np.ndarray],
                 memory: int = MEMORY):
        self.store = store
        self.dimension = dimension
        self.encode = encode
        self.memory = memory
        self._words: OrderedDict[str, list[str]] = OrderedDict()  # by text
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()  # by word
        self._lock = threading.Lock()

    def words_in(self, text: str) -> list[str]:
        """`meaning_words(text)`, remembered."""
        with self._lock:
            words = self._words.get(text)
        if words is None:
            words = meaning_words(text)
            with self._lock:
                _remember(self._words, {text: words}, self.memory)
        return words

    def kept(self, words: list[str]) -> tuple[list[str], np.ndarray]:
        """The words whose vectors the index kept, and their vectors; none encoded."""
        with self._lock:
            found = {w: self._vectors[w] for w in words if w in self._vectors}
        missing = {text_hash(w): w for w in words if w not in found}
        if missing:
            fresh = {missing[h]: v for h, v in self.store.cached_vectors(sorted(missing)).items()}
            found.update(fresh)
            with self._lock:
                _remember(self._vectors, fresh, self.memory)
        held = [w for w in words if w in found]
        if not held:
            return [], np.empty((0, self.dimension), dtype="float32")
        return held, np.vstack([found[w] for w in held])

    def asked(self, words: list[str]) -> np.ndarray:
        """A question's words, one row each: as index runs kept them when some letter holds
        the word (the query encoder gives the same vector, to 1e-7), the rest through
        `encode` (remembered, or encoded in one batch). Most of a question's words are the
        letters' own, and encoding them took the encoder's time beside the searches, on the
        same two cores."""
        if not words:
            return np.empty((0, self.dimension), dtype="float32")
        held, vectors = self.kept(words)
        found = dict(zip(held, vectors))
        missing = [w for w in dict.fromkeys(words) if w not in found]
        if missing:
            found.update(zip(missing, self.encode(missing)))
        return np.vstack([found[w] for w in words])

    def unkept(self, words: list[str]) -> list[str]:
        """Those of `words` no letter's vectors hold: the ones a question must encode."""
        held = set(self.kept(words)[0])
        return [w for w in words if w not in held]

    def closeness(self, asked: list[str], texts: list[str]) -> np.ndarray:
        """For each text (row) and asked word (column), the word's closeness in meaning to
        the text's closest word whose vector the index kept (0 where it kept none)."""
        said = np.zeros((len(texts), len(asked)), dtype="float32")
        if not asked:
            return said
        in_text = [self.words_in(t) for t in texts]
        held, vectors = self.kept(sorted({w for found in in_text for w in found}))
        if not held:
            return said
        closeness = self.asked(asked) @ vectors.T
        column = {w: i for i, w in enumerate(held)}
        for row, found in enumerate(in_text):
            columns = [column[w] for w in found if w in column]
            if columns:
                said[row] = closeness[:, columns].max(axis=1)
        return said


def _remember(memory: OrderedDict, fresh: dict, limit: int) -> None:
    memory.update(fresh)
    while len(memory) > limit:
        memory.popitem(last=False)


def similarities(question: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Cosine similarity of each row to the question (all vectors are unit length)."""
    return vectors @ question if len(vectors) else np.empty(0, dtype="float32")
