""""Did X reply to Y?" and "How long did X take to reply to Y?" are answered from the reply
links and the two letters' dates, both letters quoted; a reply to a letter the index lacks, a
letter no one answered and people who never wrote to each other are each said so. Over the
shipped corpus, with the real model, on both store backends."""

import pytest

from assistant.cues import read_cues
from assistant.schemas import Turn


@pytest.mark.parametrize("question", [
    "How long did Sir Robert Chote take to reply to Stephen Kinnock?",
    "How long did it take OSR to respond to Full Fact?",
    "How quickly did Ed Humpherson answer the campaigners?",
    "How many weeks did Stephen Kinnock wait for a reply?",
    "And how soon did she write back?",
])
def test_questions_asking_how_long_a_reply_took_are_read_so(question):
    assert read_cues(question).asks_reply_time


@pytest.mark.parametrize("question", [
    "Why did it take Sir Robert Chote so long to reply?",  # why: what the reply says
    "How did Sir Robert Chote reply to Stephen Kinnock?",
    "How long was the asylum backlog in 2010?",
    "How long did the clearance exercise take?",
])
def test_other_questions_are_not(question):
    assert not read_cues(question).asks_reply_time


def _verbatim(assistant, response):
    for c in response.citations:
        assert assistant.store.letter(c.letter_id).text[c.start : c.end] == c.quote


def test_the_time_between_a_letter_and_its_reply_is_counted_from_their_dates(assistant):
    for question in ("How long did Sir Robert Chote take to reply to Stephen Kinnock?",
                     "How many weeks did Stephen Kinnock wait for a reply from Sir Robert Chote?"):
        response = assistant.ask(question)
        assert not response.no_answer
        assert "23 March 2023" in response.answer and "19 December 2022" in response.answer
        assert "94 days (about 3 months) later" in response.answer
        original, reply = response.citations
        assert "Kinnock" in original.sender and original.date == "2022-12-19"
        assert "Chote" in reply.sender and reply.quote.startswith("Thank you for your letter")
        _verbatim(assistant, response)


def test_a_date_too_vague_to_count_from_is_said_to_be(assistant):
    response = assistant.ask("How long did Matthew Rycroft take to reply to Ed Humpherson?")
    assert "the reply is dated only 2022" in response.answer
    assert "cannot be told" in response.answer and "days" not in response.answer
    assert [c.date for c in response.citations] == ["2022-11-21", "2022"]


def test_a_follow_up_reads_its_pronoun_as_the_earlier_writer(assistant):
    """"he" is Sir Robert Chote, whose reply the earlier answer quoted: not Robert Jenrick's
    reply to that reply, which the follow-up's "reply" would otherwise point at; "them",
    taking time to answer, is the one the earlier letter was written to. "The reply" after
    Kinnock's letter is the one answering it, not Jenrick's to the reply found."""
    for earlier, question, replied in [
            ("What did Sir Robert Chote tell Stephen Kinnock?", "How long did he take to reply?",
             "Sir Robert Chote replied on 23 March 2023"),
            ("What did Stephen Kinnock complain to Ed Humpherson about in December 2022?",
             "How long did the reply take?",
             ("Sir Robert Chote replied on 23 March 2023 to Stephen Kinnock MP's letter of 19 "
              "December 2022")),
            ("What did Will Moy ask OSR to do?", "How long did it take them to answer?",
             "Ed Humpherson replied in 2023 to Will Moy's letter of 27 March 2023")]:
        first = assistant.ask(earlier)
        turn = Turn(question=earlier, answer=first.answer, citations=first.citations)
        response = assistant.ask(question, history=[turn])
        assert response.answer.startswith(replied), response.answer


def test_one_who_did_not_reply_is_told_apart_from_one_who_did(assistant):
    """Stephen Kinnock wrote to Ed Humpherson; Sir Robert Chote, not Humpherson, replied.
    Robert Jenrick answered Chote's letter to Kinnock, never Kinnock's own."""
    response = assistant.ask("How long did Stephen Kinnock wait for an answer from Ed "
                             "Humpherson?")
    assert response.answer.startswith("No reply from Ed Humpherson to Stephen Kinnock MP's "
                                      "letter of 19 December 2022 is in the letters; Sir Robert "
                                      "Chote replied on 23 March 2023")
    assert "94 days" in response.answer
    assert assistant.ask("Did Robert Jenrick reply to Stephen Kinnock's letter?").no_answer


def test_a_letter_no_one_answered_is_said_to_have_no_reply(assistant):
    response = assistant.ask("How long did Katy Bourne take to reply to Dame Sara Thornton?")
    assert not response.no_answer
    assert response.answer.startswith("No reply to Dame Sara Thornton's letter of 13 October 2020")
    assert [c.sender.split(" (")[0] for c in response.citations] == ["Dame Sara Thornton"]
    _verbatim(assistant, response)


def test_a_letter_thanking_its_reader_for_a_response_says_an_earlier_one_was_answered(
        assistant):
    """Dame Rachel de Souza's letter opens "Thank you for your response to my previous
    letter, dated 24th February": no reply is in the index, but the Home Secretary had
    answered her earlier letter, and the answer says so with that sentence. "earlier" says
    which letter, not what about (it had been declined: no letter's text holds "earlier")."""
    response = assistant.ask("Had the Home Secretary answered the Children's Commissioner's "
                             "earlier letter?")
    assert response.answer.startswith("No reply to Dame Rachel de Souza's letter of 13 March "
                                      "2023 to Home Secretary is in the letters. That letter "
                                      "thanks Home Secretary for a response"), response.answer
    assert response.citations[0].quote.startswith("Thank you for your response to my previous")
    _verbatim(assistant, response)
    # a letter thanking for no response says only that it has no reply
    bourne = assistant.ask("Did Katy Bourne reply to Dame Sara Thornton?")
    assert "thanks" not in bourne.answer.split(". In a letter")[0], bourne.answer


@pytest.mark.parametrize("question", [
    "Was Dame Vera Baird's letter to Victoria Atkins answered?",  # was read as no such question
    "Was the data dashboard letter answered?",  # named by its subject alone: was quoted
    "Is there a reply to Dame Vera Baird's dashboard letter?",  # was declined
])
def test_whether_a_letter_was_answered_names_it_as_it_likes(assistant, question):
    response = assistant.ask(question)
    assert response.answer.startswith("No reply to Dame Vera Baird QC's letter of 30 June 2022 "
                                      "to Victoria Atkins MP is in the letters."), response.answer
    _verbatim(assistant, response)


def test_a_letter_named_by_what_it_is_about_is_the_one_asked_after(assistant):
    """'Did anyone reply to the letter about the Illegal Migration Bill?' was declined: the
    Bill was read as a person, whom no letter is to or from. A name no line holds says what
    the letter is about, and a letter whose title says it is the one meant (Robert Jenrick's
    letter mentions the Bill's debate, and has a reply)."""
    response = assistant.ask("Did anyone reply to the letter about the Illegal Migration Bill?")
    assert response.answer.startswith("No reply to Dame Rachel de Souza's letter of 13 March "
                                      "2023 to Home Secretary is in the letters."), response.answer
    _verbatim(assistant, response)
    # a name no line holds, as the one replying: her reply, which no letter is
    assert assistant.ask("Did Priti Patel reply to Full Fact?").no_answer


def test_a_reply_to_a_letter_the_index_lacks_says_which_it_answers(assistant):
    response = assistant.ask("How long did Sir Robert Chote take to reply to Matt Vickers?")
    assert "is not in the index" in response.answer
    (quote,) = response.citations
    assert quote.quote.startswith("Thank you for your letter of 21 February")
    _verbatim(assistant, response)


def test_people_who_never_wrote_to_each_other_are_declined(assistant):
    response = assistant.ask("How long did Sir Robert Chote take to reply to Will Moy?")
    assert response.no_answer and not response.citations


def test_a_reply_written_the_day_it_was_asked_for(fresh_index):
    from conftest import assistant_over

    assistant = assistant_over(fresh_index, {
        "2024-05-03_roe-to-doe.md": "---\ndate: 2024-05-03\nfrom: John Roe\nto: Jane Doe\n---\n"
                                    "Dear Jane,\n\nPlease send me the quarterly figures.\n",
        "2024-05-03_doe-to-roe.md": "---\ndate: 2024-05-03\nfrom: Jane Doe\nto: John Roe\n---\n"
                                    "Dear John,\n\nThank you for your letter of 3 May. The "
                                    "figures are attached.\n"})
    response = assistant.ask("How quickly did Jane Doe reply to John Roe?")
    assert response.answer.startswith(
        "Jane Doe replied on 3 May 2024 to John Roe's letter of 3 May 2024, the same day.")


@pytest.mark.parametrize("question", [
    "Did Sir Robert Chote reply to Stephen Kinnock?",
    "Has the Home Secretary replied to Dame Rachel de Souza?",
    "Did Katy Bourne ever respond to Dame Sara Thornton?",
    "Did Full Fact get a reply from OSR?",
    "Was Will Moy's letter answered?",
    "Has anyone replied to Claire Waxman?",
    "Is there a reply to Kinnock's letter?",
    "Was there any answer from the Home Office?",
])
def test_questions_asking_whether_someone_replied_are_read_so(question):
    assert read_cues(question).asks_whether_replied


def test_whether_someone_replied_is_answered_yes_or_no_with_both_letters(assistant):
    """"Did OSR answer Full Fact?" had quoted a sentence of OSR's reply about the Home Office,
    and "Has the Home Secretary replied to Dame Rachel de Souza?" had been declined."""
    yes = assistant.ask("Did OSR answer Full Fact?")
    assert yes.answer.startswith("Yes: Ed Humpherson replied in 2023 to Will Moy's letter of 27 "
                                 "March 2023.")
    original, reply = yes.citations
    assert "Will Moy" in original.sender and "Humpherson" in reply.sender
    assert reply.quote.startswith("Thank you for your detailed letter of 27 March")
    assert assistant.ask("Was Will Moy's letter answered?").answer == yes.answer
    no = assistant.ask("Has the Home Secretary replied to Dame Rachel de Souza?")
    assert no.answer.startswith("No reply to Dame Rachel de Souza's letter of 13 March 2023 to "
                                "Home Secretary is in the letters.")
    # the subject picks the letter, and its sentence
    slavery = assistant.ask("Did Robert Jenrick reply to Sir Robert Chote's letter about modern "
                            "slavery?")
    assert slavery.answer.startswith("No reply to Sir Robert Chote's letter dated 2023 to Robert "
                                     "Jenrick MP")
    assert "modern slaver" in slavery.citations[0].quote
    for response in (yes, no, slavery):
        _verbatim(assistant, response)


def test_a_follow_up_asking_whether_they_replied_is_read_with_the_conversation(assistant):
    """"Did he write back?" names no one: the conversation reads it (assistant.conversation),
    not the reply links of whoever retrieval finds."""
    assert read_cues("Did he write back?").asks_whether_replied
    earlier = "What did Dame Sara Thornton ask Katy Bourne to do?"
    first = assistant.ask(earlier)
    turn = Turn(question=earlier, answer=first.answer, citations=first.citations)
    assert assistant.ask("Did she write back?", history=[turn]).no_answer
