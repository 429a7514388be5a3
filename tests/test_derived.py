"""Reply links and ledger sentences are derived by index runs and stored: after any sequence of
adds, changes and removals what the store holds equals what a reading of every letter from
scratch finds, on both backends; a run that dies between writing letters and deriving leaves
the work for the next run; an index made before these records existed gets them."""

import sqlite3

import pytest

from assistant.service import Assistant
from indexer.ledger_sentences import ledger_sentences
from indexer.pipeline import IndexPipeline
from indexer.reply_links import links_from
from indexer.store.derived import ALL_LETTERS_PENDING


def letter(date_line, greeting, body, sign):
    return f"{date_line}\n\nDear {greeting},\n\n{body}\n\nYours sincerely,\n\n{sign}\n"


ORIGINAL = letter("3 May 2024", "Ms Other", "Please tell me when the channel will be dredged. "
                  "I would be grateful if you could reply by June 2024.",
                  "Priya Patel\nFerry Operator")
REPLY = letter("", "Ms Patel", "Thank you for your letter of 3 May 2024 about the harbour. We "
               "will dredge the channel in June.", "Ann Other\nHarbour Master")
CHASER = letter("20 May 2024", "Ms Other", "Further to my letter of 3 May, I would be grateful "
                "for a reply.", "Priya Patel\nFerry Operator")
# no reference: linked to the latest earlier letter between the same correspondents
LATER = letter("1 July 2024", "Ms Patel", "The dredging is finished and we will publish the "
               "survey.", "Ann Other\nHarbour Master")


def from_scratch(store):
    """Every link and ledger sentence, found by reading every letter afresh."""
    letters = store.letters(limit=10_000)
    links = {(x.reply_id, x.original_id, x.evidence, x.start, x.end, x.confidence, x.basis)
             for y in letters for x in links_from(y, store)}
    ledger = {(s.letter_id, s.kind, s.start, s.end, s.quote) for y in letters
              for s in ledger_sentences(y)}
    return links, ledger


def stored(store):
    links = {(x.reply_id, x.original_id, x.evidence, x.start, x.end, x.confidence, x.basis)
             for x in store.reply_links()}
    ledger = {(s.letter_id, s.kind, s.start, s.end, s.quote)
              for s, _ in store.ledger_entries(limit=10_000)}
    return links, ledger


def test_stored_records_equal_a_fresh_reading_after_every_change(fresh_index):
    corpus, store, pipeline = fresh_index
    steps = [
        ("a-reply.txt", REPLY),  # the reply arrives before the letter it answers
        ("z-original.txt", ORIGINAL),
        ("m-chaser.txt", CHASER),
        ("later.txt", LATER),
        ("z-original.txt", ORIGINAL.replace("channel", "harbour channel")),  # changed
        ("m-chaser.txt", None),  # removed: the later letter falls back to the original
        ("z-original.txt", None),  # removed: nothing is left to answer
        ("z-original.txt", ORIGINAL),  # back again
    ]
    seen_links = []
    for name, text in steps:
        if text is None:
            (corpus / name).unlink()
        else:
            (corpus / name).write_text(text)
        pipeline.run(corpus)
        assert stored(store) == from_scratch(store), name
        assert store.pending_derivations() == []
        seen_links.append(len(stored(store)[0]))
    assert seen_links[1] >= 1 and seen_links[6] == 0 and seen_links[7] >= 1
    links, ledger = stored(store)
    assert ("a-reply-txt.1", "z-original-txt.1") in {(r, o) for r, o, *_ in links}
    assert {kind for _, kind, *_ in ledger} == {"commitment", "request"}


def test_a_run_that_dies_before_deriving_leaves_the_work_for_the_next(fresh_index, monkeypatch):
    corpus, store, pipeline = fresh_index
    (corpus / "z-original.txt").write_text(ORIGINAL)
    pipeline.run(corpus)

    def dies(_store):
        raise KeyboardInterrupt("killed after the letters were written")

    monkeypatch.setattr("indexer.pipeline.derive", dies)
    (corpus / "a-reply.txt").write_text(REPLY)
    with pytest.raises(KeyboardInterrupt):
        pipeline.run(corpus)
    assert store.letter("a-reply-txt.1") is not None  # the letters were committed
    assert store.reply_links() == [] and store.pending_derivations()
    monkeypatch.undo()
    summary = pipeline.run(corpus)  # nothing changed on disk: only the derivation is due
    assert summary.added == [] and summary.unchanged == 2
    assert stored(store) == from_scratch(store) and store.pending_derivations() == []
    assert [x.original_id for x in store.reply_links()] == ["z-original-txt.1"]


def test_threads_letters_and_ledger_read_the_stored_records(fresh_index, embedder):
    corpus, store, pipeline = fresh_index
    for name, text in (("z-original.txt", ORIGINAL), ("a-reply.txt", REPLY)):
        (corpus / name).write_text(text)
    pipeline.run(corpus)
    assistant = Assistant(store, embedder)
    detail = assistant.letter("z-original-txt.1")
    assert detail.replied_by == ["a-reply-txt.1"]
    assert assistant.letter("a-reply-txt.1").replies_to == ["z-original-txt.1"]
    [thread] = assistant.threads().threads
    assert {x.letter_id for x in thread.letters} == {"z-original-txt.1", "a-reply-txt.1"}
    ledger = assistant.ledger().entries
    request = next(e for e in ledger if "grateful" in e.quote)
    assert request.letter_id == "z-original-txt.1" and request.deadline == "by June 2024"
    assert request.answered is True and request.answered_by.letter_id == "a-reply-txt.1"
    text = store.letter(request.letter_id).text
    assert text[request.start : request.end] == request.quote


def test_an_index_made_before_derived_records_gets_them_at_the_next_run(tmp_path, embedder):
    from indexer.store import LocalStore

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in (("z-original.txt", ORIGINAL), ("a-reply.txt", REPLY)):
        (corpus / name).write_text(text)
    store = LocalStore(tmp_path / "index", embedder.name, embedder.dimension)
    IndexPipeline(store, embedder).run(corpus)
    expected = stored(store)
    store.close()
    with sqlite3.connect(tmp_path / "index" / "missive.sqlite3") as conn:  # back to schema 7
        conn.executescript("""
            DROP TABLE reply_links; DROP TABLE ledger_sentences; DROP TABLE derive_pending;
            UPDATE meta SET value = '7' WHERE key = 'schema_version';""")
    store = LocalStore(tmp_path / "index", embedder.name, embedder.dimension)
    try:
        assert sorted(store.pending_derivations()) == [("a-reply-txt.1", True),
                                                       ("z-original-txt.1", True)]
        summary = IndexPipeline(store, embedder).run(corpus)
        assert summary.unchanged == 2 and stored(store) == expected
    finally:
        store.close()


def test_threads_and_the_ledger_come_a_page_at_a_time(fresh_index, embedder):
    corpus, store, pipeline = fresh_index
    for n, day in enumerate((3, 10, 17), start=1):  # three exchanges, in date order
        (corpus / f"original-{n}.txt").write_text(ORIGINAL.replace("3 May 2024", f"{day} May 2024"))
        (corpus / f"reply-{n}.txt").write_text(REPLY.replace("3 May 2024", f"{day} May 2024"))
    pipeline.run(corpus)
    assistant = Assistant(store, embedder)
    everything = assistant.threads()
    assert everything.total == 3 and [t.letters[0].date for t in everything.threads] == [
        "2024-05-03", "2024-05-10", "2024-05-17"]
    first, rest = assistant.threads(limit=2), assistant.threads(limit=2, offset=2)
    assert (first.total, len(first.threads), len(rest.threads)) == (3, 2, 1)
    assert first.threads + rest.threads == everything.threads
    ledger = assistant.ledger()
    assert ledger.total == len(ledger.entries) >= 6
    page = assistant.ledger(limit=2, offset=1)
    assert page.total == ledger.total and page.entries == ledger.entries[1:3]


def test_threads_are_made_again_when_the_letters_change(fresh_index, embedder):
    """The threads a listing is cut from are kept per version of the records: a reply that
    arrives, or one that is removed, shows at the next listing."""
    corpus, store, pipeline = fresh_index
    (corpus / "z-original.txt").write_text(ORIGINAL)
    pipeline.run(corpus)
    assistant = Assistant(store, embedder)
    assert assistant.threads().total == 0
    (corpus / "a-reply.txt").write_text(REPLY)
    pipeline.run(corpus)
    assert [len(t.letters) for t in assistant.threads().threads] == [2]
    (corpus / "a-reply.txt").unlink()  # only the reply's own links go: nothing is re-derived
    pipeline.run(corpus)
    assert assistant.threads().total == 0


def test_a_server_derives_what_is_due_before_its_first_request(fresh_index, embedder, backend,
                                                                tmp_path):
    """An index whose records are due (made by an earlier Missive, or by a run that died
    before deriving) is whole by the time the server answers."""
    from fastapi.testclient import TestClient

    from assistant.interfaces.http.app import create_app

    corpus, store, pipeline = fresh_index
    for name, text in (("z-original.txt", ORIGINAL), ("a-reply.txt", REPLY)):
        (corpus / name).write_text(text)
    pipeline.run(corpus)
    expected = stored(store)
    store._transact([("DELETE FROM reply_links", [[]]), ("DELETE FROM ledger_sentences", [[]]),
                     (ALL_LETTERS_PENDING, [[]])])
    assert stored(store) == (set(), set())
    settings = backend.settings(tmp_path / "index", corpus_dir=corpus)
    with TestClient(create_app(Assistant(store, embedder), settings)) as client:
        [thread] = client.get("/threads").json()["threads"]
        assert {x["letter_id"] for x in thread["letters"]} == {"z-original-txt.1", "a-reply-txt.1"}
        assert client.get("/commitments").json()["total"] == len(expected[1])
    assert stored(store) == expected and store.pending_derivations() == []
