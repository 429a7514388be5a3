"""The watched folder: a letter dropped in is searchable within a bounded wait, a removed one
disappears, a file still being written is not read half-way, and the server serves them."""

import shutil
import time

from fastapi.testclient import TestClient

from assistant.interfaces.http.app import create_app
from assistant.service import Assistant
from indexer.watch import CorpusWatcher

LETTER = ("4 April 2024\n\nDear Ms Patel,\n\nThe lighthouse on the north pier will be repainted "
          "in {month}.\n\nYours sincerely,\n\nAnn Other\nHarbour Master\n")


def wait_until(check, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


def letter_text(store, letter_id):
    letter = store.letter(letter_id)
    return letter.text if letter else ""


def test_dropped_changed_and_removed_letters_follow(fresh_index):
    corpus, store, pipeline = fresh_index
    runs = []
    watcher = CorpusWatcher(corpus, lambda paths: runs.append(pipeline.run(corpus, paths=paths)),
                            quiet_seconds=0.5)
    watcher.start()
    try:
        for n in range(3):  # a burst of files: batched into few runs
            (corpus / f"pier-{n}.txt").write_text(LETTER.format(month=f"month {n}"))
        assert wait_until(lambda: store.stats().letters == 3)
        assert len(runs) <= 2
        (corpus / "pier-0.txt").write_text(LETTER.format(month="August"))
        assert wait_until(lambda: "August" in letter_text(store, "pier-0-txt.1"))
        (corpus / "pier-1.txt").unlink()
        assert wait_until(lambda: store.letter("pier-1-txt.1") is None)
    finally:
        watcher.stop()


def test_a_folder_moved_in_and_then_removed_is_followed(fresh_index, tmp_path):
    corpus, store, pipeline = fresh_index
    outside = tmp_path / "incoming"
    outside.mkdir()
    for n in range(2):
        (outside / f"quay-{n}.txt").write_text(LETTER.format(month=f"month {n}"))
    watcher = CorpusWatcher(corpus, lambda paths: pipeline.run(corpus, paths=paths),
                            quiet_seconds=0.5).start()
    try:
        shutil.move(outside, corpus / "incoming")  # one event for the folder, none per file
        assert wait_until(lambda: store.stats().letters == 2)
        shutil.rmtree(corpus / "incoming")
        assert wait_until(lambda: store.stats().letters == 0)
    finally:
        watcher.stop()


def test_a_growing_file_is_read_only_when_complete(fresh_index):
    corpus, store, pipeline = fresh_index
    watcher = CorpusWatcher(corpus, lambda paths: pipeline.run(corpus, paths=paths),
                            quiet_seconds=0.6).start()
    try:
        text = LETTER.format(month="May")
        with open(corpus / "slow.txt", "w") as handle:
            for i in range(0, len(text), 20):  # written over about 2 s
                handle.write(text[i : i + 20])
                handle.flush()
                time.sleep(0.2)
        assert wait_until(lambda: store.letter("slow-txt.1") is not None)
        assert store.letter("slow-txt.1").text.rstrip().endswith("Harbour Master")
    finally:
        watcher.stop()


def test_the_server_serves_letters_dropped_in_without_a_restart(tmp_path, embedder, backend,
                                                                   make_store):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    store = make_store(tmp_path / "index", embedder)
    settings = backend.settings(tmp_path / "index", corpus_dir=corpus, watch=True)
    with TestClient(create_app(Assistant(store, embedder), settings)) as client:
        (corpus / "pier.txt").write_text(LETTER.format(month="June"))

        def found():
            results = client.get("/search", params={"q": "lighthouse repainted"}).json()["results"]
            return bool(results) and results[0]["letter_id"] == "pier-txt.1"

        assert wait_until(found)
