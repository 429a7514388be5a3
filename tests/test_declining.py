"""Questions the letters cannot answer, declined with the reason, beside those they can that
look alike: a name no letter holds, a subject the letters found never take up, a writer a
letter does not name (split from tests/test_assistant.py as it grew)."""

import pytest
from conftest import CORPUS, assistant_over

from assistant.question_forms import subject_counted
from assistant.service import NO_ANSWER


@pytest.mark.parametrize("question", [
    ("What did the Lord Chancellor say in reply to the Victims' Commissioner's welcome letter of "
     "17 September 2021?"),
    "How many potential victims were referred to the National Referral Mechanism in 2024?",
    "What did the Home Office say about knife crime in Scotland?",
    "What did Sir Robert Chote say about GDP statistics?",  # initials no letter holds
    "What did Dr Smith say about the NRM?",  # no Smith wrote; Anna Powell-Smith did
    # the Victims' Bill is in Dame Vera Baird's letters; Claire Waxman's never mentions it
    "What did Claire Waxman say about the Victims Bill?",
    "Summarise.",  # a request with nothing to look for
    # a person named with a title is not whoever a bare-named line is (Matt Vickers MP)
    "Did the Statistics Authority write to Dame Diana Johnson directly about the police figures?",
])
def test_questions_the_letters_cannot_answer_are_declined(assistant, question):
    response = assistant.ask(question)
    assert response.no_answer and response.answer == NO_ANSWER and response.declined_because
    assert response.citations == [] and response.passages  # closest passages, not citations


def test_when_something_is_yet_to_happen_is_answered_only_by_what_a_letter_says_ahead(assistant):
    """'When is the next review ... due?' had quoted 'Today we published our review': a
    letter's date says when it was written, not when something is to happen. A sentence
    saying what will be done answers ('my officials will make contact')."""
    due = assistant.ask("When is the next review of police recorded crime statistics due?")
    assert due.no_answer and any("when it is to happen" in r for r in due.declined_because)
    ahead = assistant.ask("When will the Minister's officials get in touch about Recommendation "
                          "One?")
    assert not ahead.no_answer and "will make contact" in ahead.citations[0].quote


def test_what_came_of_something_is_not_answered_by_the_letter_asking_for_it(assistant):
    """'What came out of the Children's Commissioner's meeting with the Home Secretary?' had
    quoted her letter asking for the meeting; no letter says what came of it."""
    meeting = assistant.ask("What came out of the Children's Commissioner's meeting with the "
                            "Home Secretary?")
    assert meeting.no_answer and any("none says what came of it" in r
                                     for r in meeting.declined_because), meeting.answer
    complaint = assistant.ask("What was the outcome of Full Fact's complaint to OSR?")
    assert not complaint.no_answer and "Humpherson" in complaint.citations[0].sender


def test_whether_something_was_done_is_not_answered_by_another_asking_for_it(assistant):
    """'Did the Home Secretary agree to pause the Illegal Migration Bill?' had quoted the
    Children's Commissioner asking her for a meeting; the asker's own request still answers
    what the asker said ('Did Dame Vera say she backed ...?'), and 'Did she ask ...?' is
    answered by the asking."""
    from assistant.cues import read_cues

    paused = assistant.ask("Did the Home Secretary agree to pause the Illegal Migration Bill?")
    assert paused.no_answer and any("none says it was done" in r
                                    for r in paused.declined_because), paused.answer
    assert read_cues("When did the Home Secretary meet the Children's Commissioner?").asks_if_done
    assert not read_cues("Did the Children's Commissioner ask for a meeting?").asks_if_done
    backed = assistant.ask("Did Dame Vera say she backed what the minister was trying to do "
                           "for rape victims?")
    assert not backed.no_answer, backed.declined_because


def test_a_bare_thanks_quoted_beside_a_request_does_not_say_it_was_done(assistant):
    """'When did the Home Secretary meet the Children's Commissioner to discuss the Bill?': her
    letter asking for a meeting, quoted with its opening thanks for a letter, still says
    nothing of a meeting held (a heavier weight on meaning quoted both, and answered)."""
    from assistant.answer import ScoredSentence
    from assistant.citations import Quote
    from assistant.grounding import check_grounding

    cues, _, chosen, grounding = assistant.draft("When did the Home Secretary meet the "
                                                 "Children's Commissioner to discuss the Bill?", [])
    assert not grounding.grounded and "request an urgent meeting" in chosen[0].quote.text
    letter = chosen[0].letter
    start = letter.text.index("Thank you for your response")
    end = letter.text.index(".", start) + 1
    thanks = ScoredSentence(Quote(letter.letter_id, chosen[0].quote.passage_id, start, end,
                                  letter.text[start:end]), letter, chosen[0].score)
    with_thanks = check_grounding(cues, chosen + [thanks], assistant.store)
    assert any("none says it was done" in r for r in with_thanks.reasons), with_thanks.reasons


def test_a_deadline_or_a_span_of_time_asked_for_must_be_given(assistant):
    """'What deadline did the Victims' Commissioner give the minister ...?' quoted her letter,
    which sets none; 'How long after ...' is answered by 'two months after', read whole."""
    deadline = assistant.ask("What deadline did the Victims' Commissioner give the minister for "
                             "fixing the dashboard?")
    assert deadline.no_answer and any("span of time" in r for r in deadline.declined_because)
    after = assistant.ask("How long after Priti Patel's statement was the ad hoc release on "
                          "Albanians on small boats published, according to OSR?")
    assert not after.no_answer and "two months after" in " ".join(
        c.quote for c in after.citations)


def test_a_name_the_question_asks_about_is_mentioned_in_the_letter_quoted(assistant):
    """The name of what a question asks about holds the answer to letters that mention it
    (or are to or from it): the Victims' Bill is in Dame Vera Baird's end-of-term letter,
    not in Claire Waxman's, and a declined answer says why."""
    declined = assistant.ask("What did Claire Waxman say about the Victims Bill?")
    assert declined.declined_because == ["none of the closest letters mentions Victims Bill"]
    response = assistant.ask("What did Dame Vera Baird say about the Victims Bill?")
    assert not response.no_answer and response.declined_because == []
    assert any("Bill" in c.quote for c in response.citations), response.answer
    # held whole: Rachel Maclean's letter (a Minister's) says "police", "grant" and "report"
    # apart, and had been quoted; only Sir Robert Chote's letter to Matt Vickers names the
    # debate
    grant = assistant.ask("What figures did the Minister cite in the Police Grant Report debate?")
    assert grant.no_answer or {c.recipient for c in grant.citations} == {"Matt Vickers MP"}, (
        grant.answer)


def test_a_subject_only_other_letters_mention_is_not_answered_from_the_letters_found(
        assistant):
    """No letter is from the Home Secretary; the Children's Commissioner's letter to her
    (on the Illegal Migration Bill) was quoted for what she said about violence reduction
    units, which only Dame Sara Thornton's letter to Katy Bourne mentions. Declined by
    whichever check the sentences read meet first (since session 53, whose sentence model
    reads other sentences: that none of the letters found says the subject's words)."""
    response = assistant.ask("What did the Home Secretary say about violence reduction units?")
    assert response.no_answer, response.answer
    assert response.declined_because[0] in (
        "the letters quoted do not mention violence reduction units, which other letters do",
        ("only 0% of the question's subject words are in the closest letters, and none of "
         "their sentences is close to it in meaning")), response.declined_because
    said = assistant.ask("What did Dame Sara Thornton say about violence reduction units?")
    assert not said.no_answer, said.declined_because


def test_what_someone_who_wrote_nothing_said_is_reported_only_by_words_of_saying(assistant):
    """No letter is from the National Crime Agency; Mark Pont's names it only as the body
    the Home Office took the figures over from, which reports nothing it said. The Home
    Office's commitment to 20,000 officers is reported so in OSR's letter."""
    declined = assistant.ask("What did the National Crime Agency tell OSR about the NRM "
                             "figures?")
    assert declined.declined_because == [
        "none of the closest letters is from National Crime Agency"], declined.answer
    response = assistant.ask("How many police officers did the Home Office commit to recruit "
                             "under the uplift programme?")
    assert any("20,000" in c.quote for c in response.citations), response.answer


def test_a_subject_no_letter_takes_up_is_declined_though_its_asker_wrote(assistant):
    """The Children's Commissioner's letter is found by her name, but "school exclusions"
    are in no letter and none of its sentences is close to them in meaning. A paraphrase may
    use a word no letter does ("money") where a sentence is close ("additional funding").
    OSR's letters on crime figures come close to "figures on knife crime offences" only
    because they match the rest of it: without "knife" it comes closer still."""
    declined = assistant.ask("What did the Children's Commissioner say about school "
                             "exclusions?")
    assert declined.no_answer
    assert any("school, exclusions" in reason for reason in declined.declined_because)
    knife = assistant.ask("What did OSR say about the Home Office's figures on knife crime "
                          "offences?")
    assert any("mentions knife, and the closest letters come nearer in meaning" in reason
               for reason in knife.declined_because), knife.answer
    response = assistant.ask("What did Dame Sara Thornton say about the money handed to police "
                             "and crime commissioners?")
    assert not response.no_answer, response.declined_because
    assert any("additional funding" in c.quote for c in response.citations), response.answer


def test_what_a_question_asking_how_many_counts_is_a_subject_the_letters_must_take_up(
        assistant):
    """"How many knife crime offences ...?" counts what no letter mentions: it had been
    answered with another figure of crime. The count's subject is read up to its auxiliary
    only: "How many areas got the extra money?" names no auxiliary, and its verb is no
    subject."""
    declined = assistant.ask("How many knife crime offences did the police record in 2021?")
    assert declined.no_answer
    assert any("mentions knife" in reason for reason in declined.declined_because)
    answered = assistant.ask("How many police officers did the Home Office commit to recruit?")
    assert not answered.no_answer, answered.declined_because
    assert "20,000" in answered.citations[0].quote
    assert subject_counted("How many areas got the extra money?") is None


def test_a_name_the_letters_write_otherwise_is_no_unknown_name(assistant):
    """'Britain' where the letters say "UK" (a group of `name_variants` in
    assistant/data/question_words.toml): it was declined as a name no letter holds, as
    "Scotland" above still is."""
    response = assistant.ask("Does Britain publish more immigration data than other countries?")
    assert not response.no_answer
    assert "the UK already publishes more data" in response.citations[0].quote
    response = assistant.ask("What did the UKSA chair tell the Tory MP about police workforce "
                             "figures?")  # the letters say "Conservative"
    assert not response.no_answer and "Vickers" in response.citations[0].recipient


def test_a_letter_known_only_by_its_salutation_answers_for_the_full_name(fresh_index):
    """Without front matter, a letter knows its recipient from "Dear Daniel" alone: a question
    naming Daniel Shaw is answered from it, not declined for a name no letter holds; one
    naming someone it does not fit still is."""
    letter = (CORPUS / "undated_humpherson-to-shaw-parliamentary-question-response.md").read_text()
    assistant = assistant_over(fresh_index, {"humpherson-to-shaw.txt": letter.split("---", 2)[2]})
    assert assistant.store.letters()[0].recipient == "Daniel"
    answered = assistant.ask("What did Ed Humpherson ask Daniel Shaw to do about data quality?")
    assert not answered.no_answer and answered.citations
    declined = assistant.ask("What did Ed Humpherson ask Katy Bourne to do about data quality?")
    assert declined.no_answer


def test_a_letter_that_does_not_say_who_wrote_it_answers_when_named_by_recipient(fresh_index):
    """A published copy that stops before its signature cannot confirm the writer a question
    names: it answers, as "its writer", when the question names it by its recipient or its
    date, or names a writer the letters know who is not its recipient, and is declined when
    the writer is all the question gives and the letters never name them."""
    assistant = assistant_over(fresh_index, {
        "question.txt": "1 April 2024\n\nDear Mr Ortiz,\n\nPlease tell me when the harbour "
                        "channel will be dredged.\n\nYours sincerely,\n\nPriya Patel\nFerry Operator\n",
        "answer.txt": "3 May 2024\n\nDear Ms Patel,\n\nThe harbour channel will be dredged in "
                      "June, once the survey of the seabed is complete.\n"})
    assert assistant.store.letter("answer-txt.1").sender is None
    answered = assistant.ask("What did Sam Ortiz tell Ms Patel about dredging the channel?")
    assert not answered.no_answer
    assert ", its writer wrote: \u201cThe harbour channel will be dredged" in answered.answer
    assert not assistant.ask("What did Sam Ortiz write in May 2024 about dredging?").no_answer
    assert assistant.ask("What did Sam Ortiz write about dredging the channel?").no_answer
    assert not assistant.ask("What did Mr Ortiz say about dredging the channel?").no_answer
