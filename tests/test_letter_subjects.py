"""What a letter is about, and why it was written, over the shipped corpus with the real
model: the answer is the sentence in which its writer says so ("I am writing to you in
relation to ...", "We are writing to ask you to investigate ...")."""

import pytest


def test_what_a_letter_is_about_is_the_sentence_saying_why_it_is_written(assistant):
    """'What did Stephen Kinnock write to Sir Robert Chote about in January 2024?' quoted
    the letter's history of the target; its subject is where he says why he writes."""
    from assistant.cues import read_cues

    response = assistant.ask("What did Stephen Kinnock write to Sir Robert Chote about in "
                             "January 2024?")
    assert response.citations[0].quote.startswith("I am writing to you in relation to"), \
        response.answer
    assert read_cues("What was Will Moy's letter about?").asks_subject
    assert not read_cues("What did Will Moy write about the backlog?").asks_subject


@pytest.mark.parametrize(("question", "opening"), [
    ("Why did the statistics watchdog write to Daniel Shaw?", "I am writing regarding issues"),
    ("Why did the campaigners contact OSR in October 2022?", "We are writing to ask you"),
    ("What prompted the Children's Commissioner's letter to the Home Secretary?",
     "I am writing to request an urgent meeting"),
    # "Full Fact" stands in a sentence of Full Fact's letter: it picks the letter, not the
    # sentence (the pair had counted as the question's words together)
    ("Why did Full Fact get in touch with the regulator in March 2023?",
     "I write to raise concerns"),
    # "led ... to write" asks why as "prompted" does (a sentence on parliamentary question
    # responses in general had been quoted)
    ("Which parliamentary question led Ed Humpherson to write to Daniel Shaw?",
     "I am writing regarding issues"),
    # naming nothing but the two and when, "What did X tell Y?" asks what the letter is about
    # (the publisher's note on who took over had been quoted, naming both and a date)
    ("What did Dame Vera Baird tell Victoria Atkins in June 2022?",
     "I am writing to you as Minister responsible for the Rape Review"),
])
def test_why_a_letter_was_written_is_the_sentence_saying_why(assistant, question, opening):
    """The question's words name only the correspondents; the sentences closest to them in
    meaning had outranked the one saying why (or, for "contact", the question's verb was
    read as its subject, which no letter took up, and it was declined)."""
    response = assistant.ask(question)
    assert not response.no_answer, response.declined_because
    assert response.citations[0].quote.startswith(opening), response.answer


def test_why_forms_that_ask_about_a_letter_and_those_that_do_not():
    from assistant.cues import read_cues
    from assistant.terms import content_words

    for question in ("Why did Full Fact get in touch with the regulator in March 2023?",
                     "What was the point of Ed Humpherson's November 2022 letter?",
                     "What was Sarah Newton's reason for writing to Frank Field?",
                     "Why did she write?"):
        assert read_cues(question).asks_subject, question
    assert read_cues("What did Ed Humpherson tell Matthew Rycroft?").asks_subject
    for question in ("What did the Minister promise the Commissioners?",
                     "What did OSR ask Daniel Shaw to do?"):  # the ledger's, not why written
        assert not read_cues(question).asks_subject, question
    for question in ("Why did Chote write that the claim was unsupported?",
                     "Why did he write back so late?", "Why did it take so long?"):
        assert not read_cues(question).asks_subject, question
    # the words of asking why name no subject the letters must take up
    asked_why = read_cues("What prompted the campaigners to contact OSR?")
    assert set(content_words("prompted contact")) <= asked_why.not_subject_terms()


def test_a_letter_named_by_what_it_is_about_is_the_one_whose_title_says_so(assistant):
    """"Summarise the Illegal Migration Bill letter" had quoted Robert Jenrick's letter, whose
    passage names the Bill in passing; the letter about it is the Children's Commissioner's,
    its title "Illegal Migration Bill and unaccompanied children". Whose letter it is names
    no subject ("the campaigners' letter on modern slavery data")."""
    from assistant.cues import read_cues
    from assistant.terms import content_words

    summary = assistant.ask("Summarise the Illegal Migration Bill letter")
    assert not summary.no_answer, summary.declined_because
    assert {c.date for c in summary.citations} == {"2023-03-13"}, summary.answer
    assert read_cues("How did OSR respond to the campaigners' letter on modern slavery data?"
                     ).letter_topic == frozenset(content_words("modern slavery data"))
    assert not read_cues("What did Kinnock's December letter say?").letter_topic
