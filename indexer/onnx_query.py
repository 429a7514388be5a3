"""A fast encoder for single queries: the same model, exported to ONNX and run by ONNX
Runtime on one thread.

PyTorch spends about 10 ms on a twelve-word query on this machine, most of it overhead; ONNX
Runtime spends about 4 ms and gives the same vector (to 1e-7). The export is made once from
the installed model files and cached; if it cannot be made, queries go through PyTorch.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import os
import threading
import warnings
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)
INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def _cache_key(model_dir: Path) -> str:
    import torch

    digest = hashlib.sha256(torch.__version__.encode())
    for path in sorted(model_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(model_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


class OnnxQueryEncoder:
    def __init__(self, session, tokenizer, max_length: int):
        self.session = session
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.inputs = [i.name for i in session.get_inputs()]
        self._lock = threading.Lock()  # request threads share this tokenizer

    @classmethod
    def load(cls, sentence_transformer, model_dir: Path, cache_dir: Path) -> "OnnxQueryEncoder":
        import onnxruntime

        path = cache_dir / f"query-encoder-{_cache_key(model_dir)}.onnx"
        if not path.exists():
            cache_dir.mkdir(parents=True, exist_ok=True)
            _export(sentence_transformer, path)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1  # one query at a time: a second thread only waits
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        session = onnxruntime.InferenceSession(str(path), options,
                                               providers=["CPUExecutionProvider"])
        # its own tokenizer: the model's is used by index runs on other threads
        return cls(session, copy.deepcopy(sentence_transformer.tokenizer),
                   sentence_transformer.max_seq_length)

    def encode(self, texts: list[str]) -> np.ndarray:
        """One row per text. Short texts go in one call (a question's nine words cost about
        a third of nine calls); padding is masked out of the pooling, so each row is the
        vector the text has alone."""
        with self._lock:  # a few hundred microseconds: the session runs outside it
            features = self.tokenizer(texts, return_tensors="np", truncation=True,
                                      padding=True, max_length=self.max_length)
        feed = {name: features[name].astype("int64") for name in self.inputs}
        return self.session.run(None, feed)[0].astype("float32")


def _export(sentence_transformer, path: Path) -> None:
    """Export transformer + mean pooling + normalisation, as the sentence-transformers model
    computes them, to `path` (written to a temporary name, then renamed)."""
    import torch

    sample = sentence_transformer.tokenizer(["a sample query"], return_tensors="pt")
    names = [name for name in INPUTS if name in sample]  # MPNet's tokenizer gives no types

    class Pooled(torch.nn.Module):
        def __init__(self, transformer):
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids, attention_mask, *rest):
            hidden = self.transformer(input_ids=input_ids, attention_mask=attention_mask,
                                      **dict(zip(names[2:], rest))).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(pooled, dim=-1)

    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    partial = path.with_suffix(f".{os.getpid()}.partial")
    with warnings.catch_warnings(), torch.inference_mode():
        warnings.simplefilter("ignore")
        torch.onnx.export(Pooled(sentence_transformer[0].auto_model.eval()),
                          tuple(sample[name] for name in names), str(partial),
                          input_names=names, output_names=["embedding"],
                          dynamic_axes={**axes, "embedding": {0: "batch"}}, opset_version=17,
                          dynamo=False)
    os.replace(partial, path)
