"""Questions asking for one kind of sentence, read so, and the sentence of that kind quoted:
whom a letter was copied to, a reservation, how often, when letters were published, an
example, a list, a reason, the one singled out (split from tests/test_words_and_sentences.py as
it grew)."""

import pytest
from question_helpers import asked_in_turn


@pytest.mark.parametrize(("question", "asks"), [
    ("Who else got a copy?", True), ("Was anyone else copied in?", True),
    ("Who was it copied to?", True), ("Were others cc'd?", True),
    ("Did OSR get a copy of the report?", False), ("What did the copy say?", False),
])
def test_a_question_asking_who_was_copied_in_is_read_so(question, asks):
    """Whom a letter was copied to, not whether someone received a copy of something."""
    from assistant.cues import read_cues

    assert read_cues(question).asks_copied is asks


def test_the_sentence_naming_whom_a_letter_was_copied_to_is_found():
    from assistant.sentence_acts import names_copies

    assert names_copies("I am copying this letter to Paul Trenell, Head of Police Analysis.")
    assert names_copies("cc: Jodie Hargreaves") and names_copies("A copy of this letter goes to")
    assert not names_copies("The figures were copied from the published tables.")


@pytest.mark.parametrize(("question", "asks"), [
    ("Anything he wasn't happy about?", True), ("What drawback did Rycroft mention?", True),
    ("Did OSR have any reservations?", True), ("Why was she unhappy about the Bill?", True),
    ("Was he happy with the reply?", False), ("What problem did the dashboard solve?", False),
])
def test_a_question_asking_for_a_reservation_is_read_so(question, asks):
    """What someone was not happy about, a drawback, reservations: what a letter sets
    against what it grants."""
    from assistant.cues import read_cues
    from assistant.sentence_acts import sets_against

    assert read_cues(question).asks_reservation is asks
    assert sets_against("However, we note that these figures are management information.")
    assert sets_against("Ad hoc releases are however an additional cost.")
    assert not sets_against("The figures were publicly available at the time.")


@pytest.mark.parametrize(("question", "asks"), [
    ("How often does his department put out its figures?", True),
    ("How frequently are the statistics published?", True),
    ("How many times did OSR write to the Home Office?", True),
    ("How many officers were recruited?", False), ("When were the figures published?", False),
])
def test_a_question_asking_how_often_is_read_so(question, asks):
    """How often something happens: the sentence saying "each quarter" or "annually"."""
    from assistant.cues import read_cues
    from assistant.sentence_acts import gives_a_frequency

    assert read_cues(question).asks_frequency is asks
    assert gives_a_frequency("as we do each quarter in our departmental statistics")
    assert gives_a_frequency("The figures are published annually.")
    assert not gives_a_frequency("It was published a year after the statement.")


@pytest.mark.parametrize(("question", "asks"), [
    ("When were the letters between Full Fact and OSR published?", True),
    ("When was OSR's reply made public?", True),
    ("When were the figures published?", False),
    ("Who published the letters?", False),
])
def test_a_question_asking_when_letters_were_published_is_read_so(question, asks):
    from assistant.cues import read_cues

    assert read_cues(question).asks_published is asks


def test_how_often_is_answered_by_the_sentence_saying_how_often(assistant):
    """'How often does his department put out its figures?' after Rycroft's reply had quoted
    a sentence closer in words (about information drawn from within the department) over the
    one saying "as we do each quarter in our departmental statistics"."""
    history = asked_in_turn(assistant, "What did Matthew Rycroft say in reply to Ed Humpherson?")
    response = assistant.ask("How often does his department put out its figures?",
                             history=history)
    assert "each quarter" in response.citations[0].quote, response.answer


@pytest.mark.parametrize(("question", "asks"), [
    ("What examples did OSR give Full Fact of the Home Office doing better?", True),
    ("Which example did he point to?", True),
    ("Were there instances of figures being misused?", True),
    ("What progress had the Home Office made?", False),
])
def test_a_question_asking_for_examples_is_read_so(question, asks):
    from assistant.cues import read_cues
    from assistant.sentence_acts import gives_an_example

    assert read_cues(question).asks_example is asks
    assert gives_an_example("For example, the department has introduced new statistics.")
    assert gives_an_example("data such as the caseworker numbers")
    assert gives_an_example("or publish an ad hoc release, as we did for Albanians")
    assert not gives_an_example("In the examples you give, the Home Office did behave ...")


def test_examples_asked_for_are_the_sentence_giving_one(assistant):
    """'What examples did OSR give Full Fact of the Home Office doing better?' quoted OSR's
    sentences around the one opening "For example, the department has introduced ..."."""
    response = assistant.ask("What examples did OSR give Full Fact of the Home Office doing "
                             "better?")
    assert response.citations[0].quote.startswith("For example, the department has "
                                                   "introduced new official statistics"), \
        response.answer


def test_an_example_given_in_passing_is_the_one_pointed_to(assistant):
    """'Which example did he point to?' after the permanent secretary's reply quoted his
    preference before the sentence ending "... as we did for Albanians in small boats"."""
    history = asked_in_turn(assistant,
                            "What did Ed Humpherson ask Matthew Rycroft about in November 2022?",
                            "How did the permanent secretary respond?")
    response = assistant.ask("Which example did he point to?", history=history)
    assert "as we did for Albanians" in response.citations[0].quote, response.answer


@pytest.mark.parametrize(("question", "asks"), [
    ("Why can't anyone say exactly how many victims there are?", True),
    ("And why not?", True), ("How come the figures were late?", True),
    ("What was the reason for the delay?", True),
    ("Why did Will Moy write to OSR in March 2023?", False),  # why the letter: its subject
    ("What did OSR say about the reasons?", False),
])
def test_a_question_asking_why_is_read_so(question, asks):
    """Why something happened: the sentence giving a reason ("because", "as we were")."""
    from assistant.cues import read_cues
    from assistant.sentence_acts import gives_a_reason

    assert read_cues(question).asks_reason is asks
    assert gives_a_reason("NRM figures are known to be an undercount because many cases ...")
    assert gives_a_reason("I apologise for the delay in responding, as we were attempting to "
                          "confirm with Ministers the basis of the figures cited.")
    assert gives_a_reason("Public access to the data is important to allow public scrutiny.")
    assert not gives_a_reason("As the regulator of official statistics, our priority is ...")
    assert not gives_a_reason("clarity over the standards, as set out in the Code of Practice")


@pytest.mark.parametrize(("question", "reason"), [
    ("Why did Kinnock think the ministers' backlog claims were a matter for the public?",
     "it is therefore especially important"),
    ("Why did Vera Baird stay on as Commissioner after June?",
     "At the request of the former Lord Chancellor"),
])
def test_why_is_answered_by_the_sentence_giving_the_reason(assistant, question, reason):
    """The sentence giving the reason: Kinnock's introduction of himself and Baird's end of
    term alone had been quoted, sharing more of the questions' words."""
    response = assistant.ask(question)
    assert any(reason in c.quote for c in response.citations), response.answer


@pytest.mark.parametrize(("question", "asks"), [
    ("What did Kinnock think was the worst example of a minister misdescribing the figures?",
     True),
    ("What was her main complaint about the Bill?", True),
    ("Which bodies got most of the recommendations?", False),
    ("What did the most senior official say?", False),
])
def test_a_question_asking_for_the_one_singled_out_is_read_so(question, asks):
    """The worst, best or main one: the sentence singling it out ("the most egregious")."""
    from assistant.cues import read_cues
    from assistant.sentence_acts import singles_out

    assert read_cues(question).asks_singled_out is asks
    assert singles_out("Perhaps the most egregious example this week was the statement")
    assert singles_out("This matters in particular for victims of rape.")
    assert not singles_out("The figures were published on 22 January 2025.")


def test_the_worst_example_asked_for_is_the_one_singled_out(assistant):
    """Kinnock's January 2024 letter gives the Prime Minister's words first and then calls
    another statement "the most egregious example": the first alone had been quoted."""
    response = assistant.ask("What did Kinnock think was the worst example of a minister "
                             "misdescribing the figures?")
    assert any("most egregious example" in c.quote for c in response.citations), response.answer


def test_a_list_asked_for_is_quoted_with_the_sentence_introducing_it(assistant):
    """'Which three claims did he list?' after a question on Ed Humpherson's November 2022
    letter: the sentence introducing its bulleted list shares no word with the question,
    and each bullet few; the list is quoted whole, from its introduction to its third item
    (a sentence on the ad hoc release had been quoted)."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Ed Humpherson write to Matthew Rycroft about in "
                          "November 2022?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    quote = assistant.ask("Which three claims did he list?", history=history).citations[0].quote
    assert "in the following instances:" in quote, quote
    assert "Priti Patel" in quote and "Rishi Sunak" in quote and "one in five" in quote, quote


def test_a_plural_which_question_asks_for_a_list():
    """'Which claims did he single out?' asks for several, as 'Which three claims ...?' does:
    a sentence introducing a bulleted list answers it (Will Moy's fact checks)."""
    from assistant.cues import read_cues

    for question in ("Which claims did he single out?", "What concerns did she raise?",
                     "Which three claims did he list?"):
        assert read_cues(question).asks_list, question
    for question in ("Which letters did he send?", "What was the process?",
                     "Which claim did he single out?", "What is the status?"):
        assert not read_cues(question).asks_list, question


def test_a_list_reads_as_its_items_within_reach():
    from assistant.sentence_acts import introduces_a_list, list_end

    text = "Three claims:\n\n  • One.\n  • Two is longer.\n\nAfter the list."
    end = text.index(":") + 1
    assert introduces_a_list(text, 0, end)
    assert text[end:list_end(text, end, 800)].strip().endswith("Two is longer.")
    assert text[end:list_end(text, end, 5)].strip() == "• One."  # the first, whatever its length
    assert not introduces_a_list("Note: one thing.\nNext line.", 0, 5)


@pytest.mark.parametrize(("question", "thanks"), [
    ("What did the Minister for Immigration thank Sir Robert Chote for?",
     "Thank you for enclosing copies of your letters of 23 March"),
    ("What did Rycroft thank Humpherson for?", "Thank you for your letter of 21 November."),
])
def test_thanks_asked_for_are_quoted(assistant, question, thanks):
    """A letter's thanks are passed over as its preamble unless the question asks what its
    writer thanked someone for: then they are the answer."""
    from assistant.cues import read_cues

    assert read_cues(question).asks_thanks
    assert thanks in assistant.ask(question).citations[0].quote


def test_thanks_to_someone_asks_owing_to_whom():
    from assistant.cues import read_cues

    assert not read_cues("Thanks to whom?").asks_thanks
    assert not read_cues("Thanks to what had crime recording improved?").asks_thanks
