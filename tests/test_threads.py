"""Reply threads: links on the evidence letters carry, whatever order letters arrive in."""

import json
from pathlib import Path

from assistant.evaluation import evaluate_links
from assistant.service import Assistant
from assistant.threads import acknowledges_a_letter, replies_to
from indexer.reply_links import links_from

REPO = Path(__file__).resolve().parent.parent


def letter(date_line, greeting, body, sign):
    return f"{date_line}\n\nDear {greeting},\n\n{body}\n\nYours sincerely,\n\n{sign}\n"


def test_shipped_corpus_links_match_the_hand_labelled_gold(shipped_index):
    report = evaluate_links(shipped_index[0], REPO / "eval" / "thread-links.gold.json")
    assert report["precision"] >= 0.9 and report["recall"] >= 0.8, report
    assert report["missed"] == [] and report["wrong"] == []


def test_links_keep_verbatim_evidence_and_confidence(shipped_index):
    store = shipped_index[0]
    reply = store.letter("2021-10-27_thornton-baird-maclean-hidden-victims-txt.2")
    [link] = links_from(reply, store)
    assert link.original_id == "2021-10-27_thornton-baird-maclean-hidden-victims-txt.1"
    assert reply.text[link.start : link.end] == link.evidence == (
        "Thank you for your letter of 27 October 2021")
    assert link.confidence == 0.95 and link.basis == "reference+correspondents"


def test_out_of_order_undated_and_follow_up_letters_link_on_evidence(fresh_index, embedder):
    corpus, store, pipeline = fresh_index
    # the reply arrives first, and gives no date of its own
    (corpus / "a-reply.txt").write_text(letter(
        "", "Ms Patel", "Thank you for your letter of 3 May 2024 about the harbour. We will "
        "dredge the channel in June.", "Ann Other\nHarbour Master"))
    pipeline.run(corpus)
    (corpus / "z-original.txt").write_text(letter(
        "3 May 2024", "Ms Other", "Please tell me when the channel will be dredged.",
        "Priya Patel\nFerry Operator"))
    (corpus / "m-chaser.txt").write_text(letter(
        "20 May 2024", "Ms Other", "Further to my letter of 3 May, I would be grateful for a "
        "reply.", "Priya Patel\nFerry Operator"))
    (corpus / "stray.txt").write_text(letter(
        "1 June 2024", "Mr Smith", "Thank you for your letter of 2 February about parking.",
        "Ann Other\nHarbour Master"))
    pipeline.run(corpus)
    original = store.letter("z-original-txt.1")
    found = {(x.reply_id, x.original_id) for x in
             links_from(store.letter("a-reply-txt.1"), store) + links_from(
                 store.letter("m-chaser-txt.1"), store)}
    assert found == {("a-reply-txt.1", "z-original-txt.1"), ("m-chaser-txt.1", "z-original-txt.1")}
    assert links_from(store.letter("stray-txt.1"), store) == []  # its letter is not here
    assert {x.letter_id for x in replies_to(original, store)} == {"a-reply-txt.1", "m-chaser-txt.1"}
    listing = Assistant(store, embedder).threads()
    assert [len(t.letters) for t in listing.threads] == [3]


def test_letters_that_stop_before_their_signature_link_on_the_day_they_name(fresh_index):
    """Published copies often stop part-way: neither letter says who wrote it. A reply's
    reference to the one letter of that day links them, since nothing known of their
    correspondents ("Dear Ed", "Dear Mr Rycroft") rules it out, whichever arrives first; while
    a second letter of that day leaves it unknown which was meant, neither is threaded."""
    corpus, store, pipeline = fresh_index

    def stored():
        return [(x.original_id, x.confidence, x.basis)
                for x in store.reply_links(reply_ids=["reply-txt.1"], min_confidence=0.5)]

    (corpus / "reply.txt").write_text(
        "2 December 2024\n\nDear Ed,\n\nThank you for your letter of 21 November about "
        "the quarterly figures. We will publish them in full.\n")
    pipeline.run(corpus)
    (corpus / "original.txt").write_text(
        "21 November 2024\n\nDear Mr Rycroft,\n\nI am writing about the release of the "
        "quarterly figures on harbour traffic.\n")
    pipeline.run(corpus)
    assert store.letter("original-txt.1").sender is None
    assert stored() == [("original-txt.1", 0.6, "reference+sole letter of the day")]
    [link] = links_from(store.letter("reply-txt.1"), store)
    assert link.evidence == "Thank you for your letter of 21 November"
    another = corpus / "another.txt"
    another.write_text(
        "21 November 2024\n\nDear Ms Jones,\n\nI am writing about the ferry timetable.\n")
    pipeline.run(corpus)
    assert stored() == []
    another.unlink()
    pipeline.run(corpus)
    assert stored() == [("original-txt.1", 0.6, "reference+sole letter of the day")]


def test_a_letter_not_saying_who_wrote_it_has_the_writer_its_reply_names(fresh_index):
    """Without front matter a published copy stopping before its signature has no writer;
    a reply thanking its reader for "your letter of 21 November" names who wrote it. Asked
    about that writer, the letter answers, saying where its writer is known from."""
    from conftest import assistant_over

    assistant = assistant_over(fresh_index, {
        "reply.txt": "2 December 2024\n\nDear Ed Humpherson,\n\nThank you for your letter of "
                     "21 November about the quarterly figures. We will publish them in full.\n",
        "original.txt": "21 November 2024\n\nDear Mr Rycroft,\n\nI am writing about the "
                        "release of the quarterly figures on harbour traffic.\n"})
    assert assistant.store.letter("original-txt.1").sender is None
    response = assistant.ask("What did Ed Humpherson write about harbour traffic?")
    assert not response.no_answer and response.citations[0].letter_id == "original-txt.1"
    cited = response.citations[0]
    assert cited.sender == "Ed Humpherson" and cited.sender_named_by_reply == "2024-12-02"
    assert "(as the reply of 2 December 2024 to it names its writer)" in response.answer
    assert cited.sender_shown() == "Ed Humpherson (as a reply to the letter names its writer)"


def test_threads_over_http_and_cli(live_server, shipped_index, backend, monkeypatch, capsys):
    import httpx

    from assistant.interfaces.cli import main

    body = httpx.get(f"{live_server}/threads", timeout=30).json()
    assert len(body["threads"]) == 5
    seed = next(t for t in body["threads"] if t["letters"][0]["date"] == "2021-10-27")
    assert [x["date"] for x in seed["letters"]] == ["2021-10-27", "2021-12-09"]
    detail = httpx.get(f"{live_server}/letters/2022-10-26_esslemont-powell-smith-to-humpherson-"
                       "modern-slavery-data-md.1", timeout=30).json()
    assert detail["replied_by"] == [
        "2022-12-08_humpherson-to-esslemont-powell-smith-modern-slavery-data-md.1"]
    for variable, value in backend.env_of(shipped_index[0]).items():
        monkeypatch.setenv(variable, value)
    assert main(["threads", "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["threads"]) == 5


def test_a_question_about_a_reply_is_answered_from_both_sides_in_date_order(assistant):
    response = assistant.ask("How did the Home Office respond to OSR's letter about the "
                             "transparency of Home Office statistics?")
    assert not response.no_answer
    first, second = response.citations[:2]
    assert first.letter_id == "2022-11-21_humpherson-to-rycroft-transparency-home-office-statistics-md.1"
    assert second.letter_id == "2022-xx-xx_rycroft-to-humpherson-transparency-home-office-statistics-md.1"
    assert response.answer.index("[1]") < response.answer.index("[2]")
    assert "Ed Humpherson (OSR) wrote" in response.answer and "Matthew Rycroft" in response.answer


def test_what_a_reply_said_is_quoted_from_the_reply_alone(assistant):
    """Asked what a reply said ("In reply to OSR's November letter, did Matthew Rycroft say
    ...?"), the reply's own sentence answers, first; the letter it answers is quoted only for
    a question how someone replied (above), where it frames the exchange."""
    response = assistant.ask("In reply to OSR's November letter, did Matthew Rycroft say "
                             "Britain publishes a lot of immigration data?")
    assert not response.no_answer
    assert all(c.letter_id.startswith("2022-xx-xx_rycroft") for c in response.citations)
    assert any("publishes more data on the operation of the immigration system" in c.quote
               for c in response.citations), response.answer


def test_a_reply_asked_about_by_its_writer_is_not_left_for_the_letters_answering_it(assistant):
    # Sir Robert Chote's reply to Stephen Kinnock has replies of its own (Kinnock wrote back,
    # so did a minister): asked what Chote said in it, the answer is Chote's, not theirs.
    response = assistant.ask("In his reply to Stephen Kinnock, what claim did Sir Robert Chote "
                             "say Sarah Dines made about legacy cases?")
    assert not response.no_answer
    chote = "2023-03-23_chote-to-kinnock-asylum-backlogs-md.1"
    assert chote in [c.letter_id for c in response.citations]
    assert any("half a million legacy cases" in c.quote for c in response.citations
               if c.letter_id == chote)


def test_a_reply_found_for_the_one_it_answers_is_the_response_asked_about(assistant):
    """Asked how someone answered a person's complaint, retrieval found Sir Robert Chote's
    reply to Stephen Kinnock, whose words the question does not name (a description no
    line gives): its own replies were taken, and Kinnock's second letter was quoted. A
    reply to the person the question names as its addressee is the response asked about."""
    response = assistant.ask("How did the statistics watchdog answer the shadow immigration "
                             "minister's complaint about backlog claims?")
    assert not response.no_answer
    assert {c.letter_id for c in response.citations} == {
        "2023-03-23_chote-to-kinnock-asylum-backlogs-md.1"}, response.answer


def test_a_reply_is_quoted_for_what_it_says_not_for_its_thanks(assistant):
    # "Thank you for enclosing copies of your letters of 23 March ..." repeats the question's
    # words (the letters, their date) and says nothing of what the reply answers
    response = assistant.ask("How did Robert Jenrick answer the UK Statistics Authority's "
                             "letters of 23 March about the backlog?")
    assert not response.no_answer
    assert not any(c.quote.startswith("Thank you") for c in response.citations), response.answer
    assert any("the statistics I quoted came from a report" in c.quote
               for c in response.citations), response.answer


def test_a_reply_dated_by_the_letter_it_answers_is_quoted_for_its_own_view(assistant):
    # OSR's reply is of 8 December 2022; "October 2022" is the date of the letter it answers
    response = assistant.ask("What did OSR tell Maya Esslemont and Anna Powell-Smith about the "
                             "Home Office's answers to parliamentary questions, in reply to "
                             "their October 2022 letter?")
    assert not response.no_answer, response.answer
    assert "2022-12-08_humpherson-to-esslemont-powell-smith-modern-slavery-data-md.1" in [
        c.letter_id for c in response.citations]
    # the reply's own view, not its telling them what they raised ("You raised an issue ...")
    assert not any(c.quote.startswith("You raised") for c in response.citations), response.answer
    assert any("the Home Office did behave in line with the norms" in c.quote
               for c in response.citations), response.answer
    # a date neither letter bears still rules the answer out
    assert assistant.ask("What did OSR tell Maya Esslemont and Anna Powell-Smith about the "
                         "Home Office's answers to parliamentary questions, in reply to their "
                         "October 2019 letter?").no_answer


def test_what_a_reply_no_one_wrote_said_is_not_answered_from_the_letter_it_would_answer(
        assistant):
    """OSR wrote to Andy Cooke and no reply of his is in the index: his letter to OSR, not
    OSR's to him, would answer."""
    assert assistant.ask("Which police force did Andy Cooke single out in his reply to "
                         "OSR?").no_answer


def test_what_someone_did_after_a_letter_is_answered_from_their_reply(assistant):
    # the date is the campaigners' letter's; OSR's reply to it is of 8 December
    response = assistant.ask("What did OSR do after the campaigners wrote to it in October "
                             "2022 about modern slavery data?")
    assert not response.no_answer
    assert {c.letter_id for c in response.citations} == {
        "2022-12-08_humpherson-to-esslemont-powell-smith-modern-slavery-data-md.1"}, response.answer


def test_a_letter_named_by_its_month_alone_is_answered_from_its_reply(assistant):
    # "October" is the campaigners' letter's month (26 October 2022), not the reply's
    response = assistant.ask("Who did OSR write to at the Home Office after the campaigners' "
                             "October letter?")
    assert not response.no_answer
    assert response.citations[0].letter_id == (
        "2022-12-08_humpherson-to-esslemont-powell-smith-modern-slavery-data-md.1"), response.answer
    assert "Chief Scientific Adviser" in response.answer


def test_what_came_back_after_someones_letter_is_the_reply_to_it(assistant):
    response = assistant.ask("What came back from Sir Robert Chote after Jenrick's April letter?")
    assert not response.no_answer
    assert response.citations[0].letter_id == "2023-xx-xx_chote-to-jenrick-modern-slavery-claim-md.1"


def test_email_in_reply_to_headers_link_messages(fresh_index):
    from email.message import EmailMessage

    corpus, store, pipeline = fresh_index
    first = EmailMessage()
    first["From"], first["To"] = "Priya Patel <priya@ferries.example>", "Ann Other <ann@harbour.example>"
    first["Subject"], first["Message-ID"] = "Dredging", "<m1@ferries.example>"
    first["Date"] = "Fri, 03 May 2024 09:00:00 +0000"
    first.set_content("Dear Ann,\n\nWhen will the northern channel be dredged?\n\nPriya\n")
    second = EmailMessage()
    second["From"], second["To"] = "Ann Other <ann@harbour.example>", "Priya Patel <priya@ferries.example>"
    second["Subject"], second["Message-ID"] = "Re: Dredging", "<m2@harbour.example>"
    second["In-Reply-To"] = "<m1@ferries.example>"
    second["Date"] = "Mon, 06 May 2024 09:00:00 +0000"
    second.set_content("Dear Priya,\n\nThe channel will be dredged in June.\n\nAnn\n")
    (corpus / "question.eml").write_bytes(first.as_bytes())
    (corpus / "answer.eml").write_bytes(second.as_bytes())
    pipeline.run(corpus)
    [link] = links_from(store.letter("answer-eml.1"), store)
    assert link.original_id == "question-eml.1" and link.basis == "in-reply-to header"
    assert link.confidence == 0.99 and "<m1@ferries.example>" in link.evidence


def test_a_follow_up_about_one_of_several_replies_is_answered_from_that_writers(assistant):
    # Chote's letter to Kinnock was answered by Kinnock and by Robert Jenrick: "And how did
    # Stephen Kinnock respond?" is Kinnock's reply, "And how did Robert Jenrick respond?" his.
    from assistant import schemas

    first = "What did Sir Robert Chote tell Stephen Kinnock about the asylum backlog in March 2023?"
    earlier = assistant.ask(first)
    turns = [schemas.Turn(question=first, answer=earlier.answer, citations=earlier.citations)]
    for writer, letter_id in [
            ("Stephen Kinnock", "2024-01-xx_kinnock-to-chote-asylum-backlog-figures-md.1"),
            ("Robert Jenrick", "2023-04-17_jenrick-to-chote-asylum-backlog-statistics-md.1")]:
        response = assistant.ask(f"And how did {writer} respond?", history=turns)
        assert {c.letter_id for c in response.citations} == {letter_id}, response.answer


def test_a_reply_telling_its_reader_what_their_letter_said_is_no_answer_of_its_own(assistant):
    """'How did OSR follow up on After Exploitation's report?' quoted the acknowledgement,
    then 'Your letter and report highlighted concerns ...': what the campaigners had said,
    not what OSR did. A restatement may name two things ('Your letter and report')."""
    response = assistant.ask("How did OSR follow up on After Exploitation's 'A can of worms' "
                             "report?")
    assert response.citations, response.answer
    assert not any(c.quote.startswith(("Thank you", "Your letter")) for c in response.citations
                   ), response.answer



def test_what_happened_after_a_complaint_is_the_reply_to_it(assistant):
    """'What happened after Full Fact complained?' was declined: 'happened' was read as a
    subject no letter holds, and the complaint was no letter the question pointed at."""
    response = assistant.ask("What happened after Full Fact complained?")
    assert not response.no_answer, response.answer
    assert {c.recipient for c in response.citations} == {"Will Moy (Full Fact)"}, response.answer


def test_something_done_in_response_to_events_acknowledges_no_letter(assistant):
    """'published additional data in response to new issues regarding Albania' was read as
    thanks for a letter and counted down in answers to response questions, so 'What new
    official statistics has the Home Office introduced, according to OSR's reply to Will
    Moy?' quoted another sentence; so was Robert Jenrick's 'in response to Stephen Kinnock
    MP', the clarification asked for by 'How did Robert Jenrick respond ...?'."""
    assert not acknowledges_a_letter("published additional data in response to new issues")
    assert not acknowledges_a_letter("in the debate on 27 March, in response to Stephen "
                                     "Kinnock MP.")
    for reply in ("In response to your email of 3 May, ...", "In reply to your letter, ...",
                  "Thank you for your letter of 21 February regarding ..."):
        assert acknowledges_a_letter(reply), reply
    response = assistant.ask("What new official statistics has the Home Office introduced, "
                             "according to OSR's reply to Will Moy?")
    assert any("new official statistics on irregular migration" in c.quote
               for c in response.citations if c.sender.startswith("Ed Humpherson")), (
        response.answer)


def test_an_acknowledgement_saying_no_more_than_dates_is_bare():
    """'Thank you for your response to my previous letter, dated 24th February.' says which
    letter was answered, and nothing of what this one says: counted down, as 'Thank you for
    your letter of 21 November.' is, for a question not asking whether a letter was answered."""
    from assistant.threads import only_acknowledges

    assert only_acknowledges("Thank you for your response to my previous letter, dated 24th "
                             "February.")
    assert only_acknowledges("Thank you for your letter of 21 November 2022.")
    assert not only_acknowledges("Thank you for your detailed letter of 27 March about the Home "
                                 "Office’s recent use of statistics and data.")


def test_what_a_reply_answers_stops_where_its_thanks_turn_to_the_subject():
    """The thanks say whose letter or report a reply answers up to 'about', 'regarding' and
    the like; after them comes what it was about, which may name anyone."""
    from assistant.threads import what_it_answers
    from indexer.models import Letter

    def opening(text: str) -> Letter:
        return Letter("x", "x.md", 1, text)

    shared = what_it_answers(opening(
        "Thank you for your letter dated 14 June and sharing the new report published by "
        "After Exploitation titled ‘A can of worms’. We met."))
    assert shared.endswith("published by After Exploitation titled ‘A can of worms’."), shared
    assert what_it_answers(opening(
        "Thank you for your detailed letter of 27 March about the Home Office’s recent use of "
        "statistics.")) == "Thank you for your detailed letter of 27 March "
    assert what_it_answers(opening("I am writing to you about the Home Office.")) == ""
