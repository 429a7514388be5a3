"""Conversations of three turns and more over the shipped corpus, with the real model, as a
reader holds them in a Slack thread or with one `conversation_id`: each follow-up is read
with the questions it leans on, answered from the letters the conversation is about, and
never by what those letters' replies only restate."""


def test_a_follow_up_of_a_follow_up_is_read_with_the_question_that_said_what_it_asked(
        assistant):
    """"When was that?" after "Did she accept it?" after "And how did the Minister reply?":
    only the conversation's first question says what it is about (the Commissioners'
    offer), and reading the last question with the one before alone, the letters seemed
    not to take up its subject, and it was declined."""
    conversation = "chained-follow-ups"
    assistant.ask("What did the Commissioners offer the Minister in October 2021?",
                  conversation_id=conversation)
    for follow_up in ("And how did the Minister reply?", "Did she accept it?"):
        assistant.ask(follow_up, conversation_id=conversation)
    last = assistant.ask("When was that?", conversation_id=conversation)
    assert not last.no_answer, last.declined_because
    assert {c.date for c in last.citations} == {"2021-12-09"}
    assert "9 December 2021" in last.answer


def test_a_pronoun_after_an_answer_from_both_sides_means_the_one_asked_about(assistant):
    """An answer about a reply quotes the letter it answers too; "his figures" afterwards are
    those of the man whose reply was asked about, not of the letter he answered."""
    conversation = "both-sides"
    first = assistant.ask("How did Robert Jenrick respond to Sir Robert Chote's letters of "
                          "23 March?", conversation_id=conversation)
    assert {c.sender.split(" (")[0] for c in first.citations} == {"Sir Robert Chote",
                                                                  "Robert Jenrick MP"}
    second = assistant.ask("Where did his figures come from?", conversation_id=conversation)
    assert not second.no_answer
    assert {c.sender.split(" (")[0] for c in second.citations} == {"Robert Jenrick MP"}


def test_a_follow_up_is_not_answered_by_the_replys_thanks_for_the_letter(assistant):
    """Read with the earlier questions, a follow-up is close in meaning to the reply's
    thanks, which restate the letter the conversation is about ("Thank you for your letter
    of 27 October 2021, about ..."); they say nothing it asks."""
    conversation = "thanks-in-follow-ups"
    assistant.ask("What did the Commissioners offer the Minister in October 2021?",
                  conversation_id=conversation)
    assistant.ask("And how did the Minister reply?", conversation_id=conversation)
    answer = assistant.ask("Did she accept it?", conversation_id=conversation)
    assert {c.date for c in answer.citations} == {"2021-12-09"}
    assert not any(c.quote.startswith("Thank you for your letter") for c in answer.citations)


def test_how_long_that_took_after_a_question_about_a_reply_is_the_replys_delay(assistant):
    """"How long did that take?" names neither a reply nor anyone: after "Did anyone answer
    him?" it asks how long the reply the earlier answer quoted took, counted from the letter
    that reply answers."""
    conversation = "how-long-that-took"
    assistant.ask("What was Stephen Kinnock worried about in December 2022?",
                  conversation_id=conversation)
    assistant.ask("Did anyone answer him?", conversation_id=conversation)
    answer = assistant.ask("How long did that take?", conversation_id=conversation)
    assert answer.answer.startswith("Sir Robert Chote replied on 23 March 2023 to Stephen "
                                    "Kinnock MP's letter of 19 December 2022: 94 days")
    assert {c.date for c in answer.citations} == {"2022-12-19", "2023-03-23"}


def test_a_view_the_letter_reports_is_asked_about_not_a_reply_to_it(assistant):
    """"Did he accept Shaw's view that no accurate answer could be given?" after a question
    about Ed Humpherson's letter to Daniel Shaw: "he" accepts, Shaw's view is what he acted
    on, and "answer" is a noun. Read as asking whether Humpherson had answered a letter of
    Shaw's (none is in the index) it was declined, and the next question lost the
    conversation's letter."""
    conversation = "a-view-reported"
    assistant.ask("Why did the statistics watchdog write to Daniel Shaw?",
                  conversation_id=conversation)
    accepted = assistant.ask("Did he accept Shaw's view that no accurate answer could be given?",
                             conversation_id=conversation)
    assert not accepted.no_answer, accepted.declined_because
    assert {c.recipient for c in accepted.citations} == {"Daniel Shaw (Home Office)"}
    assert any("an accurate answer of sufficient quality" in c.quote
               for c in accepted.citations)
    instead = assistant.ask("What did he want him to do instead?", conversation_id=conversation)
    assert {c.recipient for c in instead.citations} == {"Daniel Shaw (Home Office)"}


def test_a_declined_turn_leaves_the_conversation_about_its_letters(assistant):
    """"Did Katy Bourne reply?" is declined (no reply of hers is in the index); "What did the
    letter say about funding?" after it is still about Dame Sara Thornton's letter to her.
    It had been answered from another letter: the declined turn cited none to lean on."""
    conversation = "declined-in-between"
    assistant.ask("What did the anti-slavery commissioner want from Katy Bourne?",
                  conversation_id=conversation)
    assert assistant.ask("Did Katy Bourne reply?", conversation_id=conversation).no_answer
    funding = assistant.ask("What did the letter say about funding?",
                            conversation_id=conversation)
    assert not funding.no_answer, funding.declined_because
    assert all(c.recipient.startswith("Katy Bourne") for c in funding.citations)
    assert "additional funding for two years" in funding.citations[0].quote


def test_a_short_question_on_another_subject_is_read_on_its_own(assistant):
    """"What are violence reduction units?" after a turn on the National Referral Mechanism
    names no one and is short, as a follow-up is; but the earlier letters hold none of its
    words and another letter holds them all, so it starts a new subject."""
    conversation = "new-subject"
    assistant.ask("What is the National Referral Mechanism?", conversation_id=conversation)
    units = assistant.ask("What are violence reduction units?", conversation_id=conversation)
    assert not units.no_answer, units.declined_because
    assert units.citations[0].recipient.startswith("Katy Bourne")
    assert "Violence Reduction Units" in units.citations[0].quote


def test_a_short_question_on_a_new_subject_is_read_on_its_own(assistant):
    """A question of a few words naming no one follows on by its shortness alone. After a
    turn on the Minister's reply to the Commissioners, "Who complained about the 71% claim?"
    was answered from their letters; a passage of another letter comes far closer to it in
    meaning, and it is now read on its own. A short question that the earlier letters answer
    ("Why did the answer take so long?" after Kinnock's letter) still follows on."""
    assistant.ask("What did the Minister commit on Recommendation One?",
                  conversation_id="new-subject")
    new = assistant.ask("Who complained about the 71% claim?", conversation_id="new-subject")
    assert new.citations and all(c.recipient.startswith("Robert Jenrick")
                                 for c in new.citations), new.answer
    assistant.ask("What did Stephen Kinnock write to the statistics regulator about in "
                  "December 2022?", conversation_id="follows-on")
    same = assistant.ask("Why did the answer take so long?", conversation_id="follows-on")
    assert same.citations and same.citations[0].sender.startswith("Sir Robert Chote"), \
        same.answer
