"""'Who wrote the most letters?': the most frequent writer (or recipient) counted over every
letter's lines, then their letters listed, each quoted and cited. Over the shipped corpus, with
the real model."""

import re

from assistant.cues import read_cues


def test_questions_asking_who_wrote_or_received_the_most_are_read_so():
    assert read_cues("Who wrote the most letters?").asks_most_letters == "from"
    assert read_cues("Who has sent the most?").asks_most_letters == "from"
    assert read_cues("Which correspondent received the most letters?").asks_most_letters == "to"
    assert not read_cues("Who wrote the most recent letter?").asks_most_letters
    assert not read_cues("Who wrote to Ed Humpherson?").asks_most_letters
    # a count of every letter does not answer one asked of some ("about asylum", "to OSR")
    assert not read_cues("Who wrote the most about asylum?").asks_most_letters
    assert not read_cues("Who wrote the most letters to OSR?").asks_most_letters


def test_the_most_frequent_writer_is_named_counted_and_their_letters_cited(assistant):
    """It had been declined: "the question names nothing to look for"."""
    from indexer.store import LetterFilter

    store = assistant.store
    letters = store.letters(LetterFilter(), limit=1000)
    humpherson = [x for x in letters if "Humpherson" in (x.sender or "")]
    response = assistant.ask("Who wrote the most letters?")
    assert not response.no_answer, response.declined_because
    assert response.answer.startswith(
        f"Ed Humpherson wrote the most letters in the index: {len(humpherson)} of {len(letters)}")
    assert re.search(r"; next, [^,]+, \d+\.", response.answer)
    assert {c.letter_id for c in response.citations} <= {x.letter_id for x in humpherson}
    assert len(response.citations) == len(humpherson)
    assert all(store.letter(c.letter_id).text[c.start:c.end] == c.quote
               for c in response.citations)


def test_the_same_person_under_two_titles_is_counted_once(assistant):
    """Dame Vera Baird signs as "Dame Vera Baird QC" and as "Dame Vera Baird": one writer."""
    from indexer.store import LetterFilter

    letters = assistant.store.letters(LetterFilter(), limit=1000)
    baird = [x for x in letters if "Vera Baird" in (x.sender or "")]
    assert len({p.name for x in baird for p in x.senders if "Vera Baird" in p.name}) > 1
    response = assistant.ask("Who wrote the most letters?")
    assert re.search(rf"; next, Dame Vera Baird[^,]*, {len(baird)}\.", response.answer), (
        response.answer)
