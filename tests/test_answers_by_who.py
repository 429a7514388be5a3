"""Answers that turn on who a question names, and how: the one replied to, a role no line
gives, a name described by words before it, people left out ("besides Full Fact"), and topic
words a letter says in other words; a question asking who, answered by a sentence naming
someone it does not. Over the shipped corpus, with the real model. Whose words a letter
reports is tested in test_reported_words.py."""


def test_a_reply_is_found_through_the_letter_it_answers_named_as_its_object(assistant):
    """'How did Rycroft answer Humpherson's letter?' had read Humpherson as the one whose
    words were wanted (his letter), found his letter to Will Moy, and declined: no quoted
    letter was from Rycroft."""
    response = assistant.ask("How did Rycroft answer Humpherson's letter about transparency?")
    assert not response.no_answer
    assert {c.sender for c in response.citations} == {
        "Matthew Rycroft (Permanent Secretary, Home Office)"}


def test_a_role_no_line_gives_is_not_a_subject_the_letter_must_hold(assistant):
    """'What did Full Fact ask the regulator to do?' was declined: with 'the regulator' left
    out of the people (no line says it), its word was the question's one topic word, and
    Full Fact's letter to OSR never uses it."""
    response = assistant.ask("What did Full Fact ask the regulator to do?")
    assert not response.no_answer
    assert {c.sender for c in response.citations} == {"Will Moy (Full Fact)"}


def test_a_name_described_by_words_no_line_holds_is_still_found(assistant):
    response = assistant.ask("What did the Conservative MP Matt Vickers complain about?")
    assert response.citations[0].recipient == "Matt Vickers MP", response.answer


def test_a_topic_word_said_otherwise_in_the_letter_counts_as_held(assistant):
    """'what she had won during her years in the job': none of its words is in Dame Vera
    Baird's letters, each is said there in others close in meaning (it had been declined);
    'hospital waiting lists' is said nowhere, in any words."""
    from assistant.grounding import check_grounding

    cues, _, chosen, grounding = assistant.draft(
        "How did Dame Vera Baird sum up what she had won during her years in the job?", [])
    # her end-of-term letter, quoted first, holds none of the words
    by_words_alone = check_grounding(cues, chosen[:1], assistant.store)
    assert grounding.grounded and grounding.coverage > by_words_alone.coverage == 0
    assert assistant.ask("What did Dame Vera Baird say about hospital waiting lists?").no_answer


def test_whether_someone_replied_to_a_person_needs_their_reply_to_that_person(assistant):
    """Robert Jenrick wrote to Sir Robert Chote about the letters Chote sent Stephen Kinnock,
    never to Kinnock; Chote replied to Kinnock, Ed Humpherson did not, which is said with who
    did (`assistant.reply_status`)."""
    assert assistant.ask("Did Robert Jenrick reply to Stephen Kinnock's letter?").no_answer
    humpherson = assistant.ask("Did Ed Humpherson reply to Stephen Kinnock?")
    assert humpherson.answer.startswith(
        "No reply from Ed Humpherson to Stephen Kinnock MP's letter of 19 December 2022 is in "
        "the letters; Sir Robert Chote replied on 23 March 2023"), humpherson.answer
    replied = assistant.ask("How did Sir Robert Chote reply to Stephen Kinnock?")
    assert "Sir Robert Chote (Chair, UK Statistics Authority)" in {
        c.sender for c in replied.citations}


def test_people_a_question_leaves_out_are_not_its_answer(assistant):
    """'Who else wrote to OSR besides Full Fact?' was answered from Full Fact's letter."""
    response = assistant.ask("Who else wrote to OSR about Home Office statistics besides Full "
                             "Fact?")
    assert response.citations and all(
        "Full Fact" not in (c.sender or "") for c in response.citations), response.answer
    response = assistant.ask("Other than the Home Office, who did Ed Humpherson write to?")
    assert response.citations and all(
        "Home Office" not in (c.recipient or "") for c in response.citations), response.answer


def test_who_wrote_to_someone_is_told_by_their_reply_when_the_letter_is_not_held(assistant):
    """Matt Vickers' letter to Sir Robert Chote is not in the corpus; Chote's reply thanking
    him for it is, and says who wrote."""
    response = assistant.ask("Who wrote to Sir Robert Chote about police workforce statistics?")
    assert response.citations[0].recipient == "Matt Vickers MP", response.answer
    assert response.citations[0].quote.startswith("Thank you for your letter of 21 February")


def test_the_outcome_of_a_complaint_is_in_the_reply_to_it(assistant):
    response = assistant.ask("What was the outcome of Full Fact's complaint?")
    assert {c.recipient for c in response.citations} == {"Will Moy (Full Fact)"}, response.answer


def test_people_a_verb_of_telling_names_in_lower_case_are_no_subject(assistant):
    """'When did OSR answer the campaigners?' was declined: 'campaigners' (the people
    answered, described as no line describes them) was its one topic word, and the reply
    never uses it. The people told are someone, not what the letter must be about."""
    from assistant.cues import read_cues

    assert read_cues("What did the regulator tell the campaigners?").unplaced == ["campaigners"]
    assert read_cues("What did OSR ask the police forces to do?").unplaced == []
    response = assistant.ask("When did OSR answer the campaigners?")
    assert not response.no_answer
    assert response.citations[0].recipient.startswith("Maya Esslemont")


def test_the_one_promised_or_offered_something_is_the_recipient(assistant):
    """'What did Matthew Rycroft promise OSR?' read OSR as a second writer and quoted Robert
    Jenrick's letter mentioning Rycroft; OSR is the one promised, and Rycroft's letter to it
    answers."""
    from assistant.cues import read_cues

    assert [(p.text, p.direction) for p in read_cues(
        "What did the Commissioners offer the Minister?").people] == [
        ("Commissioners", "from"), ("Minister", "to")]
    response = assistant.ask("What did Matthew Rycroft promise OSR?")
    assert {c.sender for c in response.citations} == {
        "Matthew Rycroft (Permanent Secretary, Home Office)"}, response.answer


def test_a_letter_said_to_be_written_to_someone_must_be_to_them(assistant):
    """'What did Will Moy write to the Prime Minister?' quoted his letter to OSR: no letter
    of his is to the Prime Minister. A line that does not say what its person is ("Dear Ed"
    alone, without front matter) is not held against the question."""
    assert assistant.ask("What did Will Moy write to the Prime Minister?").no_answer
    assert assistant.ask("When did Ed Humpherson write to Rishi Sunak?").no_answer
    response = assistant.ask("What did Will Moy write to OSR?")
    assert {c.sender for c in response.citations} == {"Will Moy (Full Fact)"}
    # a line naming a body is no bare name: the Home Affairs Committee is not the Home Secretary
    assert assistant.ask("Did Claire Waxman write to the Home Secretary?").no_answer


def test_the_one_asked_to_act_is_answered_from_letters_to_them(assistant):
    """'What did OSR suggest Daniel Shaw do about the missing data?' quoted OSR's letters to
    Matthew Rycroft and Will Moy: Daniel Shaw had been read as a writer, not the recipient."""
    response = assistant.ask("What did OSR suggest Daniel Shaw do about the missing data?")
    assert {c.recipient for c in response.citations} == {"Daniel Shaw (Home Office)"}, (
        response.answer)


def test_a_description_whose_role_no_line_gives_rules_out_no_letter(assistant):
    """'What did the statistics regulator tell Full Fact?' was declined ("none of the
    closest letters is from statistics regulator"): the lines say OSR."""
    response = assistant.ask("What did the statistics regulator tell Full Fact?")
    assert not response.no_answer, response.declined_because
    assert response.citations[0].recipient == "Will Moy (Full Fact)"


def test_a_line_holds_a_name_by_its_words_not_by_letters_inside_them(assistant):
    """'the Home Office and ONS' was read as one correspondent: the line 'Jon Simmons (Home
    Office)' seemed to hold "ons" (in "Simmons"), so the two were not read apart."""
    cues = assistant.read_question("What did the regulator want the inspectorate to do "
                                   "together with the Home Office and ONS?")
    assert {p.text for p in cues.people} >= {"Home Office", "ONS"}


def test_the_head_of_a_body_is_answered_from_its_letters(assistant):
    response = assistant.ask("What did the head of Full Fact complain about?")
    assert not response.no_answer, response.answer
    assert {c.sender for c in response.citations} == {"Will Moy (Full Fact)"}


def test_what_two_people_both_said_is_quoted_from_each(assistant):
    """'What did Kinnock and Chote both say about the backlog?' read the pair as one person,
    as a letter between them holds both names (a line must hold them together), and quoted
    a third writer; 'What did both Full Fact and Kinnock object to?' was declined, quoting
    Full Fact alone, in whose letter Kinnock's name is no topic word. Each is quoted."""
    for question, writers in (
            ("What did Kinnock and Chote both say about the backlog?", ("Kinnock", "Chote")),
            ("What did both Full Fact and Kinnock object to?", ("Full Fact", "Kinnock"))):
        response = assistant.ask(question)
        assert not response.no_answer, response.declined_because
        assert all(any(w in c.sender for c in response.citations) for w in writers), question


def test_a_view_acted_on_is_not_a_second_speaker(assistant):
    """'Did OSR accept the Home Office's view that it couldn't answer the parliamentary
    question accurately?' said no reply to a request was in the letters, then, read again,
    was declined: no letter is from both OSR and the Home Office."""
    response = assistant.ask("Did OSR accept the Home Office's view that it couldn't answer "
                             "the parliamentary question accurately?")
    assert not response.no_answer, response.declined_because
    assert "No reply" not in response.answer
    assert all("OSR" in c.sender for c in response.citations)


def test_what_someone_was_asked_to_look_at_names_no_subject(assistant):
    """'What did the regulator ask Andy Cooke to look at?' was declined: "look" was its one
    topic word, and the letter to him never uses it."""
    response = assistant.ask("What did the regulator ask Andy Cooke to look at?")
    assert not response.no_answer, response.declined_because
    assert response.citations[0].recipient.startswith("Andy Cooke")


def test_in_what_capacity_someone_wrote_is_asked_of_their_line(assistant):
    """"In what capacity" asks for the writer's role, which the letter's lines give; its
    word is no subject the letter's text must hold."""
    response = assistant.ask("Who wrote to the Sussex Police and Crime Commissioner in October "
                             "2020, and in what capacity?")
    assert not response.no_answer, response.declined_because
    assert response.citations[0].sender.startswith("Dame Sara Thornton")


def test_a_reference_the_question_names_must_be_in_the_letter_that_answers(assistant):
    """'What did the commissioners want from the Home Office on Recommendation One?' was
    answered from the Children's Commissioner's letter to the Home Secretary, which names no
    Recommendation One; a reference the question gives is checked as its dates and figures
    are."""
    response = assistant.ask("What did the Children's Commissioner say about Recommendation "
                             "One?")
    assert response.no_answer, response.answer
    assert any("Recommendation one" in reason for reason in response.declined_because)
    kept = assistant.ask("What did the Minister commit on Recommendation One?")
    assert "Recommendation One" in kept.citations[0].quote


def test_when_no_letter_read_names_the_people_asked_about_the_rest_found_are_read(assistant):
    """'... did the Home Office publish them?' reads the Home Office as its subject: the five
    passages read were the Home Office's own, none naming Priti Patel, and it was declined;
    the sixth found, OSR's letter to the Home Office, says when the figures came out."""
    response = assistant.ask("How long after Priti Patel used the Albanian figures did the "
                             "Home Office publish them?")
    assert not response.no_answer
    assert any("two months after" in c.quote for c in response.citations), response.answer
    assert {c.date for c in response.citations} == {"2022-11-21"}


def test_what_was_asked_of_someone_is_the_request_their_letter_makes(assistant):
    """'What did Dame Rachel de Souza ask the Home Secretary in March 2023?' quoted her thanks
    for an earlier response: it asks what she asked for, her letter's request."""
    response = assistant.ask("What did Dame Rachel de Souza ask the Home Secretary in March 2023?")
    assert "request an urgent meeting" in response.citations[0].quote, response.answer


def test_a_response_to_a_reply_must_itself_reply(assistant):
    """Will Moy wrote to Ed Humpherson once, before Humpherson answered; the campaigners'
    October letter answers no letter either. Asked how they responded to his reply, their
    letters had been quoted."""
    for question in ("How did Will Moy respond to Ed Humpherson's reply?",
                     "How did Maya Esslemont respond to Ed Humpherson's reply?"):
        response = assistant.ask(question)
        assert response.no_answer, response.answer
        assert response.declined_because == [
            "none of the closest letters replies to Ed Humpherson"]
    replied = assistant.ask("How did Robert Jenrick reply to Sir Robert Chote's letter?")
    assert not replied.no_answer, replied.declined_because


def test_a_reply_thanking_a_body_for_its_report_responds_to_that_body(assistant):
    """Ed Humpherson's reply to Maya Esslemont and Anna Powell-Smith thanks them for 'sharing
    the new report published by After Exploitation': asked how OSR responded to After
    Exploitation's report, it was declined as replying to no one of that name. A reply whose
    thanks name a body only as what the letter was about ('your detailed letter of 27 March
    about the Home Office's recent use of statistics') responds to the writer, not to it."""
    response = assistant.ask("How did OSR respond to After Exploitation's 'A can of worms' report?")
    assert not response.no_answer, response.declined_because
    assert all(c.sender.startswith("Ed Humpherson") for c in response.citations), response.answer
    for question in ("How did OSR respond to the Home Office's letter?",
                     "How did the Home Office respond to After Exploitation's report?"):
        declined = assistant.ask(question)
        assert declined.no_answer, declined.answer
        assert any(reason.startswith("none of the closest letters replies to")
                   for reason in declined.declined_because), declined.declined_because


def test_who_complained_about_a_subject_is_not_answered_by_thanks_for_another_letter(
        assistant):
    """"Who complained about the 71% claim?": Sir Robert Chote's letter to Robert Jenrick
    opens with thanks for Jenrick's letter about the backlog, which say who wrote to Chote
    but nothing of the claim; the sentence saying concerns were raised about it answers."""
    response = assistant.ask("Who complained about the 71% claim?")
    assert not response.no_answer, response.declined_because
    assert "concerns have been raised with us" in response.citations[0].quote, response.answer


def test_who_is_answered_by_a_sentence_naming_someone_the_question_does_not(assistant):
    """'Who did Ed Humpherson credit with the better crime recording since 2014?' quoted "Our
    report highlights the significant improvements to police crime recording since 2014.",
    which shares its words and names no one, over the sentence crediting HMICFRS."""
    from assistant.cues import read_cues
    from assistant.sentence_acts import names_someone_else

    cues = read_cues("Who did Ed Humpherson credit with the improvements?")
    assert cues.asks_who and not read_cues("Who wrote to Katy Bourne?").asks_who
    assert names_someone_else("The inspections of HMICFRS have been instrumental", cues)
    assert names_someone_else("Most of our recommendations are for the Home Office", cues)
    assert not names_someone_else("Our report highlights the improvements since 2014.", cues)
    assert not names_someone_else("As Ed Humpherson said, it improved.", cues)
    # A body named with "of" or "for" in the question is the same body in the sentence.
    cues = read_cues("Who did the Department for Education blame?")
    assert not names_someone_else("So the Department for Education said so.", cues)
    assert names_someone_else("So the Department for Transport said so.", cues)
    # ... and a body whose question tokens leave out a word naming no one ("the Home Office"
    # is ("home",)): thanks for a letter about the Home Office name no one else
    cues = read_cues("Who did OSR write to at the Home Office after the campaigners' letter?")
    assert not names_someone_else("Thank you for your letter about the Home Office’s data.", cues)
    assert names_someone_else("We wrote to the Home Office’s Chief Scientific Adviser.", cues)
    # ... and a name whose words the question uses, in any case: "the rape review" names
    # the review, so the sentence's "Rape Review" is no one else (it had been quoted first)
    cues = read_cues("Who became Minister responsible for the rape review after Victoria "
                     "Atkins resigned?")
    assert not names_someone_else("I am writing to you as Minister responsible for the Rape "
                                  "Review to outline some issues", cues)
    assert names_someone_else("Following the resignation of Victoria Atkins MP, Tom Pursglove "
                              "MP was appointed Minister", cues)
    response = assistant.ask("Who did Ed Humpherson credit with the better crime recording "
                             "since 2014?")
    assert any("HMICFRS inspections have been instrumental" in c.quote
               for c in response.citations), response.answer
    response = assistant.ask("Who became Minister responsible for the rape review after "
                             "Victoria Atkins resigned?")
    assert "Tom Pursglove MP was appointed" in response.citations[0].quote, response.answer


def test_a_body_named_by_words_of_the_field_is_no_part_of_what_is_asked(assistant):
    """"the Statistics Authority" is the one asked, not a subject: what Kinnock wanted from
    it is his asking for an update, not the sentence saying why he wrote."""
    for question in ("What was Kinnock hoping to hear from the Statistics Authority?",
                     "I'd like to know what Kinnock asked the Statistics Authority for"):
        response = assistant.ask(question)
        assert "appreciate an update from your team" in response.citations[0].quote, question


def test_a_letter_between_two_people_named_is_the_one_asked_about(assistant):
    """"Did Chote raise anything else with Jenrick besides the backlog?" asks of Chote's
    letter to Jenrick; his letter to Kinnock, which reports Jenrick's words on the backlog,
    had been quoted instead."""
    response = assistant.ask("Did Chote raise anything else with Jenrick besides the backlog?")
    assert any("your statement in the House of Commons on 20 March" in c.quote
               for c in response.citations), response.answer
    assert (response.citations[0].recipient or "").startswith("Robert Jenrick"), response.answer
