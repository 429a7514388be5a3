"""Incremental indexing with the real model: add, change, remove, bad files, model mismatch."""

import shutil

import pytest
from conftest import CORPUS, SEED

from indexer.embedder import text_hash
from indexer.pipeline import IndexPipeline
from indexer.sentences import sentence_hashes
from indexer.store import IndexModelMismatch, LocalStore, open_store
from indexer.store.terms import meaning_words

LETTER = """Dear Ms Patel,

The harbour authority will dredge the northern channel in {month}, and the ferry timetable
will change while the work is under way.

Yours sincerely,

Ann Other
Harbour Master
"""


def top_letter(store, embedder, query):
    hits = store.dense_search(embedder.encode_query(query), 1)
    return hits[0][0].rsplit(".", 2)[0] if hits else None


def test_add_change_remove_follow_in_search(fresh_index, embedder):
    corpus, store, pipeline = fresh_index
    shutil.copy(CORPUS / SEED, corpus / SEED)
    (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
    first = pipeline.run(corpus)
    assert sorted(first.added) == sorted([SEED, "harbour.txt"]) and first.letters == 3
    query = "When will the northern channel be dredged?"
    assert top_letter(store, embedder, query) == "harbour-txt"
    assert "March" in store.letter("harbour-txt.1").text
    read = store.letters_by_id(["missing", "harbour-txt.1", "harbour-txt.1"])
    assert [x.letter_id for x in read] == ["harbour-txt.1"] and "March" in read[0].text
    assert store.passage_count() == first.passages

    (corpus / "harbour.txt").write_text(LETTER.format(month="September"))
    second = pipeline.run(corpus)
    assert second.updated == ["harbour.txt"] and second.unchanged == 1
    assert second.embedded == 1  # only the changed paragraph is embedded again
    assert "September" in store.letter("harbour-txt.1").text
    assert "September" in store.letters_by_id(["harbour-txt.1"])[0].text

    (corpus / "harbour.txt").unlink()
    third = pipeline.run(corpus)
    assert third.removed == ["harbour.txt"] and third.letters == 2
    assert store.passage_count() == third.passages < first.passages
    assert store.letter("harbour-txt.1") is None
    assert store.letters_by_id(["harbour-txt.1"]) == []
    assert all(not pid.startswith("harbour") for pid, _ in
               store.dense_search(embedder.encode_query(query), 50))
    assert all(not pid.startswith("harbour") for pid, _ in store.lexical_search("dredge", 50))


NOTE = """---
title: "A note"
date: "{date}"
from: "{sender}"
to: "Jo Bloggs, Clerk to the Harbour Board"
---
Dear Jo,

The channel survey is enclosed.

Yours sincerely,

{sender}
"""


def test_letters_by_correspondent_follow_each_index_run(fresh_index):
    """Names are matched against the correspondents' lines the store remembers: a writer an
    index run adds is found by name after it, and not after the run that removes them."""
    corpus, store, pipeline = fresh_index
    (corpus / "a.md").write_text(NOTE.format(date="2024-03-01", sender="Ann Quayle"))
    pipeline.run(corpus)
    senders = lambda names, days=(): sorted(
        h.sender for h in store.letter_headers(names, list(days)))
    assert senders([["quayle"]]) == senders([["Ann", "Quayle"]]) == ["Ann Quayle"]
    assert senders([["Ann", "Rudd"]]) == senders([["Tern"]]) == []

    (corpus / "b.md").write_text(NOTE.format(date="2024-05-09", sender="Ben Tern"))
    pipeline.run(corpus)
    assert senders([["Tern"]]) == ["Ben Tern"]
    assert senders([["bloggs"]]) == ["Ann Quayle", "Ben Tern"]  # the recipient's line too
    assert senders([["Tern"]], [("2024-03-01", "2024-03-01")]) == ["Ann Quayle", "Ben Tern"]
    assert senders([["harbour", "board"]], [("2024-03-01", "2024-03-01")]) == [
        "Ann Quayle", "Ben Tern"]

    (corpus / "b.md").unlink()
    pipeline.run(corpus)
    assert senders([["Tern"]]) == []
    assert senders([["Nobody"]], [("2024-03-01", "2024-03-31")]) == ["Ann Quayle"]


def test_second_run_over_unchanged_corpus_embeds_nothing(shipped_index, embedder, corpus_copy):
    store, first = shipped_index
    assert first.failed == [] and first.letters == 26
    summary = IndexPipeline(store, embedder).run(corpus_copy)
    assert summary.embedded == 0 and summary.unchanged == 25
    assert summary.added == summary.updated == summary.removed == []
    assert summary.generation == first.generation  # nothing changed, nothing written


def test_bad_files_are_reported_and_good_ones_indexed(fresh_index):
    corpus, store, pipeline = fresh_index
    (corpus / "good.txt").write_text(LETTER.format(month="May"))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (corpus / "broken.md").write_text("---\ntitle: [oops\n---\nDear A,\n\nText.\n")
    (corpus / "scan.pdf").write_bytes(b"%PDF-1.4 binary")
    (corpus / "notes.pages").write_bytes(b"PK\x03\x04 not ours")
    (corpus / "README.md").write_text("# About these letters\n")
    (corpus / ".hidden.txt").write_text("ignored")
    summary = pipeline.run(corpus)
    reasons = {f.path: f.reason for f in summary.failed}
    assert set(reasons) == {"empty.txt", "binary.txt", "broken.md", "scan.pdf", "notes.pages"}
    assert reasons["empty.txt"] == "empty file"
    assert "binary" in reasons["binary.txt"]
    assert reasons["broken.md"].startswith("malformed front matter")
    assert reasons["scan.pdf"].startswith("corrupt or truncated PDF")
    assert reasons["notes.pages"] == "unsupported file type .pages"
    assert summary.added == ["good.txt"] and summary.letters == 1


def test_symbolic_links_are_reported_and_never_followed(fresh_index, tmp_path):
    """A link in the corpus could serve any file the server can read: it is skipped, with
    the reason, whether the link is a file, a folder, or a folder on a given path's way."""
    corpus, store, pipeline = fresh_index
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Dear Jo,\n\nThe vault code is 4321.\n\nYours,\n\nSam\n")
    (corpus / "linked.txt").symlink_to(outside / "secret.txt")
    (corpus / "folder").symlink_to(outside, target_is_directory=True)
    summary = pipeline.run(corpus)
    skipped = {f.path: f.reason for f in summary.failed}
    assert set(skipped) == {"linked.txt", "folder"}
    assert all("symbolic link" in reason for reason in skipped.values())
    through = pipeline.run(corpus, paths=["folder/secret.txt"])
    assert [f.path for f in through.failed] == ["folder/secret.txt"] and not through.added
    assert not any("4321" in letter.text for letter in store.letters(limit=1000))


def test_a_file_that_breaks_keeps_what_was_indexed_from_it(fresh_index):
    corpus, store, pipeline = fresh_index
    (corpus / "good.txt").write_text(LETTER.format(month="May"))
    pipeline.run(corpus)
    (corpus / "good.txt").write_bytes(b"\x00\x01\x02" * 100)
    summary = pipeline.run(corpus)
    assert [f.path for f in summary.failed] == ["good.txt"]
    assert summary.letters == 1 and "May" in store.letter("good-txt.1").text


def test_index_refuses_another_model(tmp_path, embedder, backend, make_store):
    make_store(tmp_path, embedder)
    with pytest.raises(IndexModelMismatch, match="cannot be mixed"):
        open_store(backend.settings(tmp_path), "another-model", embedder.dimension)


def test_missing_or_stale_faiss_file_is_rebuilt_from_sqlite(local_index, embedder):
    corpus, store, pipeline = local_index
    (corpus / "good.txt").write_text(LETTER.format(month="May"))
    pipeline.run(corpus)
    for path in store.index_dir.glob("vectors-*.faiss"):
        path.unlink()
    reader = LocalStore(store.index_dir, embedder.name, embedder.dimension)  # a new process opening the index
    hits = reader.dense_search(embedder.encode_query("dredging the channel"), 3)
    assert hits and hits[0][0].startswith("good-txt.1")


def test_a_run_over_given_paths_touches_those_alone(fresh_index):
    corpus, store, pipeline = fresh_index
    (corpus / "a.txt").write_text(LETTER.format(month="March"))
    (corpus / "sub").mkdir()
    (corpus / "sub" / "b.txt").write_text(LETTER.format(month="April"))
    pipeline.run(corpus)
    (corpus / "a.txt").write_text(LETTER.format(month="May"))  # changed, but not named
    (corpus / "c.txt").write_text(LETTER.format(month="June"))
    (corpus / ".hidden.txt").write_text(LETTER.format(month="July"))
    (corpus / "sub" / "b.txt").unlink()
    summary = pipeline.run(corpus, paths=["c.txt", "sub", ".hidden.txt", "../a.txt", "gone.txt"])
    assert (summary.added, summary.updated, summary.removed) == (["c.txt"], [], ["sub/b.txt"])
    assert "March" in store.letter("a-txt.1").text
    assert pipeline.run(corpus, paths=[""]).updated == ["a.txt"]  # "" is the whole folder


def test_a_new_letter_is_logged_not_written_into_a_new_faiss_file(local_index, embedder, monkeypatch):
    """Adding a letter costs the letter, not the index: the FAISS snapshot stays, readers old
    and new apply the change log, and a long log is folded into a new snapshot."""
    from indexer.store.local import vector_files

    corpus, store, pipeline = local_index
    shutil.copy(CORPUS / SEED, corpus / SEED)
    pipeline.run(corpus)
    [snapshot] = store.index_dir.glob("vectors-*.faiss")
    written = snapshot.stat().st_mtime_ns
    query = embedder.encode_query("When will the northern channel be dredged?")
    reader = LocalStore(store.index_dir, embedder.name, embedder.dimension)  # another process, already serving
    assert not reader.dense_search(query, 1)[0][0].startswith("harbour")

    (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
    pipeline.run(corpus)
    assert list(store.index_dir.glob("vectors-*.faiss")) == [snapshot]
    assert snapshot.stat().st_mtime_ns == written
    for searcher in (store, reader, LocalStore(store.index_dir, embedder.name, embedder.dimension)):
        assert searcher.dense_search(query, 1)[0][0].startswith("harbour-txt.1")

    (corpus / "harbour.txt").unlink()
    pipeline.run(corpus)
    assert not any(pid.startswith("harbour") for pid, _ in reader.dense_search(query, 50))
    assert reader._current_ann().size == reader.stats().passages

    monkeypatch.setattr(vector_files, "SNAPSHOT_EVERY", 0)
    (corpus / "harbour.txt").write_text(LETTER.format(month="June"))
    pipeline.run(corpus)
    [folded] = store.index_dir.glob("vectors-*.faiss")
    assert folded != snapshot and store._conn.execute("SELECT count(*) FROM ann_removed").fetchone()[0] == 0
    for searcher in (reader, LocalStore(store.index_dir, embedder.name, embedder.dimension)):
        assert searcher.dense_search(query, 1)[0][0].startswith("harbour-txt.1")
        assert searcher._current_ann().size == searcher.stats().passages


def test_hnsw_index_type_indexes_removes_and_switches_back(tmp_path, embedder):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
    shutil.copy(CORPUS / SEED, corpus / SEED)
    hnsw = LocalStore(tmp_path / "index", embedder.name, embedder.dimension, faiss_index="hnsw")
    IndexPipeline(hnsw, embedder).run(corpus)
    query = embedder.encode_query("When will the northern channel be dredged?")
    assert hnsw.dense_search(query, 1)[0][0].startswith("harbour-txt.1")
    (corpus / "harbour.txt").unlink()  # HNSW cannot delete: the store rebuilds the graph
    IndexPipeline(hnsw, embedder).run(corpus)
    assert all(not pid.startswith("harbour") for pid, _ in hnsw.dense_search(query, 20))
    assert list(hnsw.index_dir.glob("vectors-*.hnsw.faiss"))
    # the same index opened as flat rebuilds its FAISS file from the vectors in SQLite
    flat = LocalStore(tmp_path / "index", embedder.name, embedder.dimension, faiss_index="flat")
    assert len(flat.dense_search(query, 100)) == flat.stats().passages


def test_hostile_files_are_reported_and_the_rest_indexed(tmp_path, embedder, make_store):
    import os

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(LETTER.format(month="May"))
    (corpus / "random.txt").write_bytes(os.urandom(50 * 1024 * 1024))  # over the 25 MB limit
    (corpus / "noise.md").write_bytes(os.urandom(64 * 1024))
    (corpus / "письмо.txt").write_text(LETTER.format(month="June"))  # a name in another script
    (corpus / "windows.txt").write_bytes(LETTER.format(month="July \u2013 or August").encode("cp1252"))
    padding = "The ferry will run as usual. " * 400  # a NUL past the sniffed first 8 KB
    (corpus / "nul.txt").write_text(LETTER.format(month="October").replace(
        "Yours sincerely", f"{padding}\n\nA stray \x00 byte.\n\nYours sincerely"))
    # a YAML alias bomb: 9 levels of *a repeats make gigabytes out of 500 bytes
    levels = ["l0: &l0 [x, x, x, x, x, x, x, x, x]"] + [
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, 10)]
    (corpus / "bomb.md").write_text("---\n" + "\n".join(levels) + "\n---\n\n" + LETTER.format(month="May"))
    (corpus / "long.md").write_text(f"---\ntitle: {'x' * 5000}\n---\n\n" + LETTER.format(month="May"))
    store = make_store(tmp_path / "index", embedder)
    summary = IndexPipeline(store, embedder, max_file_mb=25).run(corpus)
    reasons = {f.path: f.reason for f in summary.failed}
    assert reasons == {"random.txt": "larger than 25 MB", "noise.md": "binary file, not text",
                       "bomb.md": "malformed front matter: aliases (*name) are not allowed",
                       "long.md": "malformed front matter: the 'title' field is longer than "
                                  "2000 characters"}
    assert sorted(summary.added) == sorted(["good.txt", "письмо.txt", "windows.txt", "nul.txt"])
    assert "June" in store.letter("письмо-txt.1").text
    stored = store.letter("nul-txt.1")  # PostgreSQL keeps U+FFFD where SQLite keeps the NUL
    assert "October" in stored.text and ("A stray \x00 byte." in stored.text
                                         or "A stray \ufffd byte." in stored.text)
    for passage in store.letter_passages("nul-txt.1"):
        assert stored.text[passage.start : passage.end] == passage.text
    assert "July \u2013 or August" in store.letter("windows-txt.1").text


def cache_keys(passage_texts: list[str]) -> set[str]:
    """The vector-cache keys of these passages, their sentences and their words."""
    return ({text_hash(t) for t in passage_texts} | sentence_hashes(passage_texts)
            | {text_hash(w) for t in passage_texts for w in meaning_words(t)})


def bm25_counts(store) -> tuple[dict, dict, set[str]]:
    """Read from outside the store: (the per-term passage counts it keeps, the counts of its
    full-text index itself, the keys of vectors kept that no passage, sentence or word of a
    passage uses)."""
    if isinstance(store, LocalStore):
        import sqlite3

        with sqlite3.connect(store.index_dir / "missive.sqlite3") as conn:
            conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab(main, passages_fts, 'row')")
            live = cache_keys([t for (t,) in conn.execute("SELECT text FROM passages")])
            kept = {h for (h,) in conn.execute("SELECT text_hash FROM embeddings")}
            return (dict(conn.execute("SELECT term, passages FROM term_frequencies")),
                    dict(conn.execute("SELECT term, doc FROM temp.v")), kept - live)
    import psycopg

    with psycopg.connect(store._url, options=f"-c search_path={store.schema},public") as conn:
        totals = conn.execute("SELECT passages, terms FROM lexical_totals").fetchone()
        actual = conn.execute("SELECT count(*), sum(term_count) FROM passage_terms").fetchone()
        assert totals == actual  # BM25's passage count and average length
        return (dict(conn.execute("SELECT term, passages FROM term_frequencies").fetchall()),
                dict(conn.execute("SELECT t.lexeme, count(*) FROM passage_terms, "
                                  "unnest(terms) AS t GROUP BY t.lexeme").fetchall()),
                {h for (h,) in conn.execute("SELECT text_hash FROM pending_vectors")}
                - cache_keys([t for (t,) in conn.execute("SELECT text FROM passages")]))


def test_term_counts_stay_equal_to_the_full_text_index(fresh_index):
    """Kept up to date change by change, the counts BM25 reads must match the full-text
    index's own (FTS5's vocabulary; PostgreSQL's tsvectors)."""
    corpus, store, pipeline = fresh_index
    shutil.copy(CORPUS / SEED, corpus / SEED)
    (corpus / "harbour.txt").write_text(LETTER.format(month="March"))
    pipeline.run(corpus)
    (corpus / "harbour.txt").write_text(LETTER.format(month="September"))
    (corpus / SEED).unlink()
    (corpus / "pier.txt").write_text(LETTER.format(month="May").replace("harbour", "pier"))
    pipeline.run(corpus)
    kept, truth, unused = bm25_counts(store)
    assert kept == truth and "hestia" not in kept and "pier" in kept
    # vectors of removed passages and their sentences are forgotten; single words' are kept
    # (other letters use them too, and a vocabulary grows with the language, not the letters)
    written = (CORPUS / SEED).read_text() + LETTER.format(month="March")
    words = {text_hash(w) for w in meaning_words(written)}
    assert text_hash("hestia") in unused and not unused - words


def test_an_index_of_another_schema_version_is_refused_with_advice(tmp_path, embedder):
    import sqlite3

    from indexer.store import StoreError

    LocalStore(tmp_path, embedder.name, embedder.dimension).close()
    with sqlite3.connect(tmp_path / "missive.sqlite3") as conn:
        conn.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="run `missive index --rebuild`"):
        LocalStore(tmp_path, embedder.name, embedder.dimension)


def test_records_of_an_older_index_move_to_the_records_database(tmp_path, embedder):
    """An index written before the records had a file of their own keeps them on upgrade."""
    import sqlite3

    LocalStore(tmp_path, embedder.name, embedder.dimension).close()
    (tmp_path / "records.sqlite3").unlink()
    with sqlite3.connect(tmp_path / "missive.sqlite3") as old:
        old.executescript("""
            CREATE TABLE conversations (conversation_id TEXT NOT NULL, turn INTEGER NOT NULL,
                body_json TEXT NOT NULL, created_at TEXT NOT NULL DEFAULT 'then',
                PRIMARY KEY (conversation_id, turn));
            CREATE TABLE seen_events (event_id TEXT PRIMARY KEY, seen_at REAL NOT NULL,
                done INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT,
                created_at TEXT NOT NULL DEFAULT 'then', body_json TEXT NOT NULL);
            INSERT INTO conversations (conversation_id, turn, body_json) VALUES ('c', 1, '{"q": 1}');
            INSERT INTO feedback (body_json) VALUES ('{"vote": "helpful"}');
        """)
    store = LocalStore(tmp_path, embedder.name, embedder.dimension)
    try:
        assert store.conversation("c") == [{"q": 1}]
        assert [f["vote"] for f in store.feedback()] == ["helpful"]
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "missive.sqlite3") as index:
        tables = {t for (t,) in index.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert not tables & {"conversations", "seen_events", "feedback"}
