"""Conversations over the shipped corpus, with the real model: a follow-up is read with the
earlier turn ("And how did the Minister reply?", "Did he write back?"), answered from the
letters it leans on or their replies, and declined when no letter answers."""

from question_helpers import asked_in_turn

ELEVEN_WORDINGS = [
    "And how did the Minister reply?", "What did she say back?", "Did the Minister answer them?",
    "Did they get a reply?", "What was the response?", "How did she respond?", "And the reply?",
    "What came back from the minister?", "Did Rachel Maclean accept the offer?", "Any response?",
    "What did the Minister make of their offer?",
]


def test_a_follow_up_about_the_reply_in_eleven_wordings(assistant):
    """After a question about the Commissioners' offer, each wording is answered from the
    Minister's reply of 9 December 2021 alone."""
    from assistant.schemas import Turn

    first = assistant.ask("What did the Commissioners offer the Minister in October 2021?")
    assert first.citations[0].date == "2021-10-27"
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    for wording in ELEVEN_WORDINGS:
        second = assistant.ask(wording, history=history)
        assert not second.no_answer, wording
        assert {c.date for c in second.citations} == {"2021-12-09"}, wording


def test_a_follow_up_naming_the_writer_of_the_reply_is_answered_from_it(assistant):
    """'And what did Sir Robert Chote say?' after Stephen Kinnock's letter to OSR: Chote did
    not write that letter; his reply to it is what the question means."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Stephen Kinnock write to Ed Humpherson in December 2022?")
    assert first.citations[0].date == "2022-12-19"
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    second = assistant.ask("And what did Sir Robert Chote say?", history=history)
    assert not second.no_answer
    assert {c.sender for c in second.citations} == {"Sir Robert Chote (Chair, UK Statistics Authority)"}
    assert assistant.ask("And what did Katy Bourne say?", history=history).no_answer


def test_what_someone_said_back_is_declined_when_they_never_wrote_back(assistant):
    """No letter from Jon Simmons is in the corpus: Mark Pont's letter to him says what OSR
    found, not what he said back."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Mark Pont tell Jon Simmons about the NRM statistics?")
    assert not first.no_answer
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    assert assistant.ask("And what did Jon Simmons say back?", history=history).no_answer


def test_a_follow_up_asking_how_an_unanswered_letter_was_answered_is_declined(assistant):
    """No letter from Brandon Lewis is in the corpus; Dame Vera Baird's letter to him is not
    his reply. A letter that is itself a reply may be the response a follow-up asks about."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Dame Vera Baird tell Brandon Lewis in September 2022?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    for wording in ("Did he write back?", "How did the Lord Chancellor respond?"):
        response = assistant.ask(wording, history=history)
        assert response.no_answer, (wording, response.answer)
    # her words would be in a reply of hers, and none is in the corpus
    first = assistant.ask("What did Dame Rachel de Souza ask the Home Secretary for in March "
                          "2023?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    assert assistant.ask("Did the Home Secretary agree to meet her?", history=history).no_answer
    first = assistant.ask("What did Ed Humpherson tell Will Moy in his reply?")
    assert first.citations[0].recipient == "Will Moy (Full Fact)"
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    assert not assistant.ask("How did OSR respond?", history=history).no_answer


def test_a_short_question_naming_only_the_conversations_people_follows_it(assistant):
    """'Was OSR willing to go public?' after a question about Will Moy's letter to OSR: OSR's
    reply to him, not any OSR letter."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Will Moy want OSR to do about the Home Office?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    _, hits = assistant.evidence("Was OSR willing to go public?", history)
    assert hits[0].letter.recipient == "Will Moy (Full Fact)"


def test_a_role_the_earlier_letter_speaks_of_points_back_at_it(assistant):
    """'When had the Minister made the claim?' after Sir Robert Chote's letter to Matt
    Vickers, which reports what "the Minister" stated: that letter, not a minister's own."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Sir Robert Chote tell Matt Vickers?")
    assert first.citations[0].recipient == "Matt Vickers MP"
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    _, hits = assistant.evidence("When had the Minister made the claim?", history)
    assert {hit.letter.recipient for hit in hits[:5]} == {"Matt Vickers MP"}


def test_a_follow_up_asking_for_a_figure_may_quote_again_the_sentence_giving_it(assistant):
    """'How big was the backlog at that point?' after a question about Stephen Kinnock's
    complaint, whose answer quoted the sentence giving the backlog: that sentence again, not
    another one for being new."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Stephen Kinnock complain to Ed Humpherson about in "
                          "December 2022?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    second = assistant.ask("How big was the backlog at that point?", history=history)
    assert any("121,307" in c.quote for c in second.citations), second.answer


def test_a_follow_up_asking_who_may_quote_again_the_sentence_naming_them(assistant):
    """'Who published the report?' after Thornton and Baird's letter about it was quoted
    quoted another sentence for being new; the one quoted says who ("jointly published in
    May 2021 by ..."). "Who else ...?" still asks for someone not yet named."""
    from assistant.cues import read_cues

    second = asked_in_turn(assistant, "What did Thornton and Baird write to Rachel Maclean "
                           "about?", "Who published the report?")[-1]
    assert "College of Policing" in second.citations[0].quote, second.answer
    assert read_cues("Who else had appeared before the committee with her?").asks_who_else
    assert not read_cues("Who published the report?").asks_who_else


def test_an_elliptical_follow_up_asks_what_the_earlier_question_asked_of_another_year(
        assistant):
    """'And the year before?' after the 2015 prosecutions: how many, in 2014, which the
    sentence already quoted gives in brackets; not the next sentence for sharing "year"."""
    from assistant.schemas import Turn

    first = assistant.ask("How many modern slavery offences were prosecuted in 2015?")
    assert any("289" in c.quote for c in first.citations), first.answer
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    for wording in ("And the year before?", "What about the previous year?"):
        second = assistant.ask(wording, history=history)
        assert any("253 prosecuted offences" in c.quote for c in second.citations), wording


def test_who_complained_about_what_a_reply_reports_is_told_by_its_thanks(assistant):
    """'Who complained about it?' after a question answered from Sir Robert Chote's reply
    to Matt Vickers: the reply's thanks for his letter say who wrote, and about what."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Dame Diana Johnson say about police numbers in the Police "
                          "Grant Report debate?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    second = assistant.ask("Who complained about it?", history=history)
    assert second.citations[0].quote.startswith("Thank you for your letter of 21 February"), (
        second.answer)


def test_follow_up_about_a_reply_finds_the_reply(assistant):
    first = assistant.ask("What did the Commissioners ask the Minister for Safeguarding in "
                          "their letter of 27 October 2021?", conversation_id="follow-up-test")
    assert first.citations[0].date == "2021-10-27"
    second = assistant.ask("And when did she reply?", conversation_id="follow-up-test")
    assert not second.no_answer
    assert second.citations[0].date == "2021-12-09"
    assert "9 December 2021" in second.answer
    assert len(assistant.store.conversation("follow-up-test")) == 2


def test_follow_up_with_history_passed_in(assistant):
    first = assistant.ask("What did the Commissioners ask the Minister for Safeguarding in "
                          "their letter of 27 October 2021?")
    from assistant.schemas import Turn

    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    second = assistant.ask("And when did she reply?", history=history)
    assert second.citations[0].date == "2021-12-09"


def test_a_follow_up_reads_every_passage_an_answer_draws_from_in_the_earlier_letter(assistant):
    # The recommendation is the letter's fourth passage: with three passages of the earlier
    # letter put first, it was crowded out.
    from assistant.schemas import Turn

    first = assistant.ask("What did Ed Humpherson write to Andy Cooke about?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("And what did he ask him to do?", history=history)
    assert any(c.quote.startswith("We recommend that you work closely with the Home Office")
               for c in response.citations), response.answer


def test_a_follow_up_asks_for_more_than_the_earlier_answer_quoted(assistant):
    """'Where did the 71% come from?' after an answer quoting the 71% claim: the sentence that
    says where, not the claim again."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Sir Robert Chote tell Robert Jenrick about his modern "
                          "slavery claim?")
    assert any("71%" in c.quote for c in first.citations), first.answer
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("Where did the 71% come from?", history=history)
    assert any("the quoted figure comes from a recent report" in c.quote
               for c in response.citations), response.answer
    earlier = {(c.letter_id, c.start) for c in first.citations}
    assert not earlier & {(c.letter_id, c.start) for c in response.citations}


def test_a_sentence_the_earlier_quote_read_on_into_may_answer_the_follow_up(assistant):
    """'What was Jenrick's claim about?' quotes the bullet naming the claim, reading on into
    the sentence after it ("... so we are not able to establish if what Mr Jenrick said was
    accurate"); 'Could they check whether it was true?' asks just that, and it is quoted
    again: only the sentence a quote opens with counts as already given."""
    history = asked_in_turn(assistant,
                            "What did Will Moy complain to Ed Humpherson about in March 2023?",
                            "What was Jenrick's claim about?")
    earlier = history[-1]
    assert any("not able to establish" in c.quote for c in earlier.citations), earlier.answer
    response = assistant.ask("Could they check whether it was true?", history=history)
    assert "not able to establish" in response.citations[0].quote, response.answer


def test_a_question_naming_only_the_earlier_letters_dates_follows_on(assistant):
    """'How did the 2015 numbers compare with the year before?' after a question on Sarah
    Newton's letter, which gives the 2015 and 2014 figures: it names no one, and its year is
    the letter's, so it is read with that turn (it had been answered from a 2022 letter);
    "the year before" is 2014, counted from its own year (it had been 2016, from the earlier
    question's 2017, and declined as no letter's)."""
    from assistant.schemas import Turn

    first = assistant.ask("Why did Sarah Newton write to Frank Field in February 2017?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("How did the 2015 numbers compare with the year before?",
                             history=history)
    assert not response.no_answer, response.declined_because
    assert {c.date for c in response.citations} == {"2017-02-17"}, response.answer


def test_a_reflexive_pronoun_names_no_subject(assistant):
    """'What about the forces themselves?' after a question on OSR's letter to the police
    inspectorate: "themselves" is in no letter, and had been read as a word of the subject
    no letter takes up, so the question was declined."""
    from assistant.schemas import Turn

    first = assistant.ask("What did OSR want the police inspectorate to do about crime data?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("What about the forces themselves?", history=history)
    assert not response.no_answer, response.declined_because
    assert any("police forces" in c.quote for c in response.citations), response.answer


def test_a_follow_up_that_says_what_it_asks_is_answered_by_its_own_words(assistant):
    """The earlier question is answered by the minister's thanks for the letters; 'Where did
    he say his numbers came from?' asks something else of the same letter."""
    from assistant.schemas import Turn

    first = assistant.ask("Why did Robert Jenrick write to Sir Robert Chote in April 2023?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("Where did he say his numbers came from?", history=history)
    assert any("came from a report published by John Vine" in c.quote
               for c in response.citations), response.answer


def test_a_follow_ups_subject_leaves_out_the_people_the_earlier_question_named(assistant):
    """A follow-up is read with the earlier question, names and all; what it asks about
    (`QuestionCues.topic_text`, which query expansion finds neighbours for) is without the
    names of either: "Dame Vera Baird" and "Lord Chancellor" are not paraphrased, and their
    neighbours in meaning ("ministry") had been searched for."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Dame Vera Baird say when she welcomed the new Lord "
                          "Chancellor?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    cues, _ = assistant.evidence("What do victims want, according to her?", history)
    assert cues.read_with_earlier_turns and "welcomed" in cues.reading
    topic = cues.topic_text()
    assert "victims want" in topic and "welcomed" in topic
    assert "Baird" not in topic and "Chancellor" not in topic, topic
    assert "ministry" not in cues.expansion, cues.expansion


def test_whether_the_letter_mentions_a_subject_no_letter_holds_is_declined(assistant):
    """'Did she mention stop and search?' after Claire Waxman's letter on policing priorities
    had been answered with a sentence of it on trust in the police: the subject, named after
    "mention" as after "about", is in no letter, nor close in meaning to any sentence."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Claire Waxman tell the Home Affairs Committee about "
                          "policing priorities?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("Did she mention stop and search?", history=history)
    assert response.no_answer, response.answer
    assert "stop and search" in " ".join(response.declined_because)


def test_a_follow_up_is_not_expanded_to_months_near_the_earlier_questions_date(assistant):
    """The dates a question names are not expanded ("March" had brought "September" and
    "November"); nor are those of the earlier question a follow-up is read with."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Will Moy complain to OSR about in March 2023?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    cues, _ = assistant.evidence("Which claims did he single out?", history)
    assert "March 2023" in cues.reading
    assert not {"september", "november", "may"} & {w.lower() for w in cues.expansion}, \
        cues.expansion


def test_who_was_copied_in_is_the_letters_copy_line_or_declined(assistant):
    """'Who at the Home Office got a copy ...?' is answered by the letter's own "I am copying
    this letter to ..." line, which shares few of its words; 'Who else got a copy?' after a
    letter naming no one it was copied to is declined, not answered from another letter."""
    from assistant.schemas import Turn

    copied = assistant.ask("Who at the Home Office got a copy of OSR's assessment of the "
                           "uplift statistics?")
    assert copied.citations[0].quote.startswith("I am copying this letter to Paul Trenell")
    first = assistant.ask("What did Chote say about the modern slavery claim?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("Who else got a copy?", history=history)
    assert response.no_answer, response.answer
    assert "copied to" in " ".join(response.declined_because)


def test_a_follow_up_asking_for_a_reservation_or_what_is_being_done_is_told_apart(assistant):
    """After Chote's finding that the Minister's police figures were published, "Anything he
    wasn't happy about?" asks for the sentence setting something against it ("However, we
    note that these figures are ... management information ..."), and "And what's OSR doing
    about it now?" for what it will go on doing ("... will continue to support them ...");
    each had been answered with the other's sentence."""
    from assistant.schemas import Turn

    first = assistant.ask("What did Sir Robert Chote find about the police officer figures the "
                          "Minister quoted?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    unhappy = assistant.ask("Anything he wasn't happy about?", history=history)
    assert "management information rather than part of the regular statistics" in (
        unhappy.citations[0].quote), unhappy.answer
    doing = assistant.ask("And what's OSR doing about it now?", history=history)
    assert "will continue to support them" in doing.citations[0].quote, doing.answer


def test_a_note_saying_when_a_letter_was_published_answers_only_when(assistant):
    """After Will Moy's complaint, "Did the regulator agree with him?" had quoted the note
    above OSR's reply ("This letter was published retrospectively on 23 May 2023") before
    the sentence agreeing with him."""
    from assistant.schemas import Turn
    from assistant.sentence_acts import notes_publication

    assert notes_publication("This letter was published retrospectively on 23 May 2023")
    assert not notes_publication("Following the resignation of Victoria Atkins MP on 6 July "
                                 "2022, Tom Pursglove MP was appointed Minister.")
    first = assistant.ask("What did Will Moy raise with Ed Humpherson in March 2023?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    agreed = assistant.ask("Did the regulator agree with him?", history=history)
    assert "We share your disappointment" in agreed.citations[0].quote, agreed.answer
    assert not any("published retrospectively" in c.quote for c in agreed.citations)
    # ... and it is the answer to when the letters were published, which their own
    # sentences, closer in words ("these letters", "transparency"), do not say
    when = assistant.ask("When were the letters between Full Fact and OSR about Home Office "
                         "transparency published?")
    assert "published retrospectively on 23 May 2023" in when.citations[0].quote, when.answer


def test_which_role_and_what_they_wanted_are_read_as_who_and_a_request(assistant):
    """'Which minister was it?' after Sir Robert Chote's letter to Matt Vickers asks who: the
    reply's thanks naming Dame Diana Johnson answer it, though thanks are weighed down in a
    follow-up (it had quoted what the Authority found). 'Anything he wanted from them?'
    asks for a request, as 'What did he ask for?' does; not 'What do victims want from the
    justice system?', what a letter reports others want."""
    from question_helpers import asked_in_turn

    from assistant.cues import read_cues

    assert read_cues("Which minister was it?").asks_who
    assert read_cues("Anything he wanted from them?").asks_commitment
    assert not read_cues("What do victims want from the justice system?").asks_commitment
    history = asked_in_turn(assistant, "What did Sir Robert Chote tell Matt Vickers about the "
                                       "police numbers?")
    response = assistant.ask("Which minister was it?", history=history)
    assert response.citations and "Dame Diana Johnson" in response.citations[0].quote, (
        response.answer)


def test_a_name_the_earlier_letter_mentions_leans_on_it(assistant):
    """'What did Patel say?' after OSR's letter to Matthew Rycroft, which lists Priti Patel's
    statement: her words as that letter reports them (it had quoted Full Fact's letter, as a
    new question naming someone no correspondent is)."""
    from question_helpers import asked_in_turn

    history = asked_in_turn(assistant, "What did Ed Humpherson ask Matthew Rycroft about in "
                                       "November 2022?")
    response = assistant.ask("What did Patel say?", history=history)
    assert response.citations and response.citations[0].letter_id.startswith(
        "2022-11-21_humpherson-to-rycroft"), response.answer
    assert "Priti Patel" in response.citations[0].quote
