"""Shared fixtures: the real model, loaded once per test run, and the shipped corpus
indexed once into a temporary folder."""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from indexer.embedder import Embedder, embedder_for  # noqa: E402
from indexer.pipeline import IndexPipeline, IndexSummary  # noqa: E402
from indexer.settings import Settings  # noqa: E402
from indexer.store import LocalStore  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEED = "2021-10-27_thornton-baird-maclean-hidden-victims.txt"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return embedder_for(Settings())


def make_store(index_dir: Path, embedder: Embedder) -> LocalStore:
    return LocalStore(index_dir, embedder.name, embedder.dimension)


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("corpus")
    shutil.copytree(CORPUS, target, dirs_exist_ok=True)
    return target


@pytest.fixture(scope="session")
def shipped_index(tmp_path_factory, embedder, corpus_copy) -> tuple[LocalStore, IndexSummary]:
    """The shipped corpus, indexed once for every test that only reads it."""
    store = make_store(tmp_path_factory.mktemp("index"), embedder)
    summary = IndexPipeline(store, embedder).run(corpus_copy)
    return store, summary


@pytest.fixture
def fresh_index(tmp_path, embedder):
    """An empty corpus folder and index for tests that change letters."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    store = make_store(tmp_path / "index", embedder)
    return corpus, store, IndexPipeline(store, embedder)


@pytest.fixture(scope="session")
def assistant(shipped_index, embedder):
    from assistant.service import Assistant

    return Assistant(shipped_index[0], embedder)


@contextlib.contextmanager
def serve(app):
    """Run an app on a real uvicorn server on 127.0.0.1 and a free port; yields its URL."""
    import socket
    import threading
    import time

    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(assistant):
    """The real app over the shipped corpus on a live server, for the whole test run."""
    from assistant.http.app import create_app

    with serve(create_app(assistant)) as url:
        yield url
