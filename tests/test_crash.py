"""A kill at any moment of an index run leaves the previous index loadable; a re-run finishes."""

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

PARAGRAPH = ("Paragraph {i} of letter {n}: the department will publish revised figures on "
             "case {i} for region {n} and will write again when the review of item {i} ends.")


def write_letter(path, n, paragraphs=30):
    body = "\n\n".join(PARAGRAPH.format(i=i, n=n) for i in range(paragraphs))
    path.write_text(f"{n % 28 + 1} March 2023\n\nDear Committee,\n\n{body}\n\nYours sincerely,\n\nA Writer\n")


def embeddings_cached(backend, index_dir) -> int:
    """Vectors the index keeps, read from outside the store (as another process would)."""
    if backend.database_url:
        import psycopg

        with psycopg.connect(backend.database_url) as conn:
            return conn.execute(f"SELECT (SELECT count(*) FROM {backend.schema(index_dir)}.passages)"
                                f" + (SELECT count(*) FROM {backend.schema(index_dir)}.pending_vectors)"
                                ).fetchone()[0]
    with sqlite3.connect(index_dir / "missive.sqlite3", timeout=30) as conn:
        return conn.execute("SELECT count(*) FROM embeddings").fetchone()[0]


@pytest.mark.slow
def test_kill_mid_index_keeps_previous_index_and_rerun_completes(tmp_path, embedder, backend,
                                                                 make_store):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    write_letter(corpus / "first.txt", 0, paragraphs=3)
    store = make_store(index_dir, embedder)
    from indexer.pipeline import IndexPipeline

    before = IndexPipeline(store, embedder).run(corpus)
    assert before.passages == 3
    initial = embeddings_cached(backend, index_dir)  # its passages' and words' vectors
    for n in range(1, 41):  # 1,200 new passages: the run takes long enough to be killed
        write_letter(corpus / f"bulk-{n:02d}.txt", n)

    env = dict(os.environ, **backend.env(index_dir), MISSIVE_CORPUS_DIR=str(corpus))
    child = subprocess.Popen([sys.executable, "-m", "assistant.interfaces.cli", "index", "--json"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while embeddings_cached(backend, index_dir) <= initial and child.poll() is None:
        assert time.monotonic() < deadline, "indexing never started embedding"
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    reader = make_store(index_dir, embedder)
    stats = reader.stats()
    assert (stats.generation, stats.letters, stats.passages) == (before.generation, 1, 3)
    assert reader.dense_search(embedder.encode_query("revised figures"), 3)

    cached = embeddings_cached(backend, index_dir)
    after = IndexPipeline(reader, embedder).run(corpus)
    assert len(after.added) == 40 and after.letters == 41 and after.passages == 1203
    assert after.embedded == 1200 - (cached - initial)  # vectors computed before the kill are kept
    assert after.generation == before.generation + 1


def _descendants(pid: int) -> set[int]:
    """Every process below `pid`, read from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def test_sigterm_ends_the_server_and_its_file_reading_worker(tmp_path):
    """After the server read a Word file, its reader process (and the resource tracker
    beside it) end with the server instead of living on as orphans."""
    import httpx
    from conftest import CORPUS, SEED, free_port, start_server, wait_ready
    from test_formats import seed_docx

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED).write_text((CORPUS / SEED).read_text())
    env = dict(os.environ, MISSIVE_DATABASE_URL="", MISSIVE_INDEX_DIR=str(tmp_path / "index"),
               MISSIVE_CORPUS_DIR=str(corpus), MISSIVE_API_KEYS="key-0123456789")
    subprocess.run([sys.executable, "-m", "assistant.interfaces.cli", "index"], env=env, check=True,
                   capture_output=True)
    port = free_port()
    server = start_server(env, port)
    try:
        wait_ready(f"http://127.0.0.1:{port}", server)
        upload = httpx.post(f"http://127.0.0.1:{port}/letters", timeout=60,
                            headers={"X-API-Key": "key-0123456789"},
                            files=[("files", ("seed.docx", seed_docx()))])
        assert upload.status_code == 201, upload.text
        workers = _descendants(server.pid)
        assert workers, "reading a .docx starts a worker process"
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.2)
    assert not [pid for pid in workers if Path(f"/proc/{pid}").exists()]
