"""The commitments and requests ledger: verbatim quotes, who to whom, deadlines, answers."""

import json

from assistant.ledger import entries_of, ledger, mark_answers
from indexer.letters import split_letters
from indexer.loaders import LoadedFile

COMMITMENT = ("I welcome your offer of support to progress work on Recommendation One of the "
              "HMICFRS report and my officials will make contact with your offices to discuss this.")


def test_the_ministers_commitments_are_in_the_ledger_verbatim(shipped_index):
    store = shipped_index[0]
    entries = ledger(store, sender="maclean")
    assert {e.kind for e in entries} == {"commitment"}
    quotes = [e.quote for e in entries]
    assert COMMITMENT in quotes
    due = next(e for e in entries if "respond to HMICFRS" in e.quote)
    assert due.deadline == "in due course"
    for e in entries:
        letter = store.letter(e.letter_id)
        assert letter.text[e.start : e.end] == e.quote
        assert e.by == "Rachel Maclean MP (Minister for Safeguarding)"


def test_requests_are_found_and_a_publishers_note_is_not_the_writer(shipped_index):
    store = shipped_index[0]
    entries = ledger(store, sender="baird")
    requests = [e.quote for e in entries if e.kind == "request"]
    assert any("request your help to resolve these problems" in q for q in requests)
    assert not any("Following the resignation" in e.quote for e in entries)


def test_a_request_is_answered_when_a_reply_takes_it_up(fresh_index):
    corpus, store, pipeline = fresh_index
    (corpus / "ask.txt").write_text(
        "3 May 2024\n\nDear Ms Other,\n\nI would be grateful if you could tell me when the "
        "northern channel will be dredged.\n\nWe would also ask you to publish the ferry "
        "timetable.\n\nYours sincerely,\n\nPriya Patel\nFerry Operator\n")
    (corpus / "reply.txt").write_text(
        "20 May 2024\n\nDear Ms Patel,\n\nThank you for your letter of 3 May 2024. The northern "
        "channel will be dredged in June, and we will tell you when the work starts.\n\nYours "
        "sincerely,\n\nAnn Other\nHarbour Master\n")
    pipeline.run(corpus)
    entries = {e.quote[:20]: e for e in ledger(store)}
    assert set(entries) == {"I would be grateful ", "We would also ask yo", "The northern channel"}
    dredging = entries["I would be grateful "]
    assert dredging.kind == "request" and dredging.answered is True
    assert "dredged in June" in dredging.answered_by["quote"]
    reply = store.letter(dredging.answered_by["letter_id"])
    start, end = dredging.answered_by["start"], dredging.answered_by["end"]
    assert reply.text[start:end] == dredging.answered_by["quote"]
    assert entries["We would also ask yo"].answered is False  # the reply says nothing of it
    assert entries["The northern channel"].kind == "commitment"


def test_letters_without_replies_leave_requests_open():
    [letter] = split_letters(LoadedFile("x.txt", "1 May 2024\n\nDear Sam,\n\nPlease send the "
                                        "figures by 1 June 2024.\n\nYours sincerely,\n\nKim Lee\n"))
    [entry] = entries_of(letter)
    assert entry.kind == "request" and entry.deadline == "by 1 June 2024"
    assert entry.answered is None


def test_ledger_over_http_and_cli(live_server, shipped_index, backend, monkeypatch, capsys):
    import httpx

    from assistant.interfaces.cli import main

    body = httpx.get(f"{live_server}/commitments", params={"sender": "maclean"}, timeout=30).json()
    assert any(e["quote"] == COMMITMENT for e in body["entries"])
    for variable, value in backend.env_of(shipped_index[0]).items():
        monkeypatch.setenv(variable, value)
    assert main(["commitments", "--json", "--sender", "maclean"]) == 0
    assert len(json.loads(capsys.readouterr().out)["entries"]) == len(body["entries"])


def test_mark_answers_ignores_commitments(fresh_index):
    corpus, store, pipeline = fresh_index
    [letter] = split_letters(LoadedFile("y.txt", "1 May 2024\n\nDear Sam,\n\nWe will publish "
                                        "the figures in June.\n\nYours sincerely,\n\nKim Lee\n"))
    entries = entries_of(letter)
    mark_answers(entries, letter, store)
    assert [(e.kind, e.answered) for e in entries] == [("commitment", None)]


def test_ledger_meets_its_targets_on_the_hand_labelled_gold(shipped_index):
    from pathlib import Path

    from assistant.evaluation import evaluate_ledger

    gold = Path(__file__).resolve().parent.parent / "eval" / "ledger.gold.json"
    report = evaluate_ledger(shipped_index[0], gold)
    assert report["precision"] >= 0.8 and report["recall"] >= 0.8, report


def test_questions_about_requests_are_answered_from_the_ledger(assistant):
    response = assistant.ask("What did OSR ask Daniel Shaw to do?")
    assert not response.no_answer
    from indexer.ledger_sentences import ledger_kind

    assert all(ledger_kind(c.quote) for c in response.citations)
    assert response.citations[0].recipient == "Daniel Shaw (Home Office)"


def test_what_someone_asked_for_and_nothing_more_is_their_request(assistant):
    """'What did Stephen Kinnock ask for in January 2024?' names nothing but the asker and
    the date, and was answered with his letter's opening on the Prime Minister's target."""
    from indexer.ledger_sentences import ledger_kind

    response = assistant.ask("What did Stephen Kinnock ask for in January 2024?")
    assert not response.no_answer, response.declined_because
    assert response.citations[0].sender == "Stephen Kinnock MP"
    assert ledger_kind(response.citations[0].quote) == "request", response.answer


def test_was_a_request_answered_is_answered_from_the_ledger(assistant):
    yes = assistant.ask("Was Maya Esslemont and Anna Powell-Smith's request answered?")
    assert yes.answer.startswith("Yes.")
    asked, answered = yes.citations
    assert "ask you to investigate" in asked.quote and asked.date == "2022-10-26"
    assert answered.date == "2022-12-08" and answered.sender.startswith("Ed Humpherson")

    open_request = assistant.ask("Did Stephen Kinnock's request get a reply?")
    assert open_request.answer.startswith("No reply to this request is in the letters.")
    assert [c.sender for c in open_request.citations] == ["Stephen Kinnock MP"]

    not_taken_up = assistant.ask("Was the Victims' Commissioner's request answered?")
    assert not_taken_up.answer.startswith("A reply is in the letters, but it does not take up")
    for response in (yes, open_request, not_taken_up):
        for c in response.citations:
            assert assistant.store.letter(c.letter_id).text[c.start : c.end] == c.quote
