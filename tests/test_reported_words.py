"""Answers that turn on whose words a letter reports: what someone said, asked or wrote,
read from a letter they did not write (a reply's thanks, a quotation and its introduction,
evidence given to a committee, a note saying they wrote), and never from one that only names
them (a letter to them answering nothing, a claim it lists, another writer's "I agree"). Over
the shipped corpus, with the real model. Split from test_answers_by_who.py."""

from indexer.models import Correspondent, Letter


def test_a_letter_the_index_lacks_is_answered_from_a_sentence_reporting_it(assistant):
    """'When did Dame Vera write to Tom Pursglove?' was declined: no letter in the index is
    to him, but the note published with her letter to Victoria Atkins says when she wrote."""
    from assistant.cues import read_cues
    from assistant.person_mentions import reports_a_letter_to

    pursglove = next(p for p in read_cues("Did Baird write to Tom Pursglove?").people
                     if p.direction == "to")
    assert reports_a_letter_to(pursglove, "Dame Vera wrote to Tom Pursglove MP on 28 July")
    assert not reports_a_letter_to(pursglove, "Tom Pursglove MP was appointed Minister")
    response = assistant.ask("When did Dame Vera write to Tom Pursglove?")
    assert "on 28 July 2022" in response.citations[0].quote, response.answer
    assert response.answer.startswith("A note published with the letter")


def test_what_someone_was_asked_is_found_in_a_letter_to_another_reporting_it(assistant):
    """OSR's letter to the campaigners says 'We have asked the Home Office to ensure that
    claims in public statements are clear ...'; it had ranked tenth, below OSR's letters to
    the Home Office, and one of those was quoted."""
    response = assistant.ask("What did OSR ask the Home Office to ensure about claims in "
                             "public statements on modern slavery?")
    assert "asked the Home Office to ensure that claims" in response.citations[0].quote
    assert response.citations[0].recipient.startswith("Maya Esslemont")


def test_what_someone_said_is_not_read_from_a_letter_to_them_that_answers_nothing(assistant):
    """'What did Katy Bourne say about violence reduction units?' was answered from Dame Sara
    Thornton's letter to her, which reports nothing she said; a reply to Matt Vickers
    reports what he wrote, and still answers what he said."""
    assert assistant.ask("What did Katy Bourne say about violence reduction units?").no_answer
    assert assistant.ask("What does the Sussex commissioner think violence reduction units "
                         "need?").no_answer
    said = assistant.ask("What did Matt Vickers say about the police figures?")
    assert not said.no_answer, said.declined_because
    assert said.citations[0].recipient == "Matt Vickers MP"


def test_what_someone_wrote_is_told_by_the_reply_when_their_letter_is_not_held(assistant):
    """Only Sir Robert Chote's reply to Matt Vickers is in the index. 'What did Matt Vickers
    write to Sir Robert Chote about?' had found Chote's other correspondents' letters (to
    him, the side asked about) and been declined; a letter between the two written the other
    way (`letter_scope`), which answers his, says what he wrote. One to Ed Humpherson from
    Daniel Shaw, of whom only a letter not answering any of his is held, is still declined."""
    response = assistant.ask("What did Matt Vickers write to Sir Robert Chote about?")
    assert not response.no_answer, response.declined_because
    assert response.citations[0].quote.startswith("Thank you for your letter of 21 February")
    assert response.citations[0].recipient == "Matt Vickers MP"
    assert assistant.ask("What did Daniel Shaw write to Ed Humpherson?").no_answer


def test_someone_read_as_a_speaker_by_grammar_alone_must_be_in_the_letter(assistant):
    """'What did Matt Vickers complain about to the statistics regulator?' (a speaker by the
    verb alone, whose words a letter may report) was answered from Maya Esslemont and Anna
    Powell-Smith's letter, which neither is to him nor names him. No letter of his is held:
    the reply's thanks for his letter say what he wrote, and are quoted first."""
    response = assistant.ask("What did Matt Vickers complain about to the statistics "
                             "regulator?")
    assert not response.no_answer, response.declined_because
    assert {c.recipient for c in response.citations} == {"Matt Vickers MP"}
    assert response.citations[0].quote.startswith("Thank you for your letter of 21 February")
    # and one named in a letter's text only: answered from a letter naming her, if at all
    # (it had quoted Ed Humpherson's letter to Amy Baxter)
    dines = assistant.ask("What did Sarah Dines complain about to the Home Office?")
    assert all("Sarah Dines" in assistant.store.letter(c.letter_id).text
               for c in dines.citations), dines.answer


def test_a_claim_the_letter_reports_is_not_what_its_writer_found(assistant):
    """Chote's reply lists the ministers' claims ("• On 19 December Robert Jenrick ... said
    that 450,000 legacy cases ...") before what he found of them, and his letter to Jenrick
    quotes Jenrick's statement before the true share; asked what was found, the claims had
    been quoted. Asked about the person reported, the claim is theirs."""
    from assistant.sentence_acts import reports_unasked_words

    found = assistant.ask("How many of the old legacy cases were duplicates, according to "
                          "Chote?")
    assert "56% were duplications" in found.citations[0].quote, found.answer
    smaller = assistant.ask("Why did the Statistics Authority say the legacy backlog was "
                            "smaller than it looked?")
    assert "56% were duplications" in smaller.citations[0].quote, smaller.answer
    claim = ("• On 19 December Robert Jenrick, the Minister for Immigration, said that "
             "450,000 legacy cases had been left by the last Labour government.")
    letter = Letter(letter_id="x", source_path="x.md", ordinal=1, date="2023-03-23",
                    senders=[Correspondent("Sir Robert Chote", "Chair")],
                    text=f"Dear Stephen,\n\n{claim}\n\nHe said: “It is so. We are sure.”\n")
    at = letter.text.index(claim)
    quoted = letter.text.index("We are sure.")
    finding = assistant.read_question("What did Chote find about the legacy cases?")
    assert reports_unasked_words(finding, letter, at, at + len(claim))
    assert reports_unasked_words(finding, letter, quoted, quoted + len("We are sure."))
    asked_of = assistant.read_question("What did Jenrick claim about legacy cases?")
    assert not reports_unasked_words(asked_of, letter, at, at + len(claim))
    assert not reports_unasked_words(asked_of, letter, quoted, quoted + len("We are sure."))


def test_a_letter_sent_to_someone_reports_nothing_they_said(assistant):
    """Lord Paddick wrote no letter in the index; Robert Jenrick's thanks "for enclosing
    copies of your letters of 23 March to Stephen Kinnock MP and Lord Paddick" name him
    beside a word of saying ("letters"), as one written to. That had been quoted as what
    he asked. A sentence reporting someone's words is still their reported words."""
    response = assistant.ask("What did Lord Paddick ask?")
    assert response.no_answer, response.answer
    assert response.declined_because == ["none of the closest letters is from Lord Paddick"]
    claimed = assistant.ask("What did Robert Jenrick claim about foreign national offenders?")
    assert not claimed.no_answer, claimed.declined_because


def test_a_speaker_read_from_grammar_is_named_in_the_sentence_quoted(assistant):
    """"What figure did the Prime Minister give ...?": no letter is his, and a letter naming
    him anywhere had counted for each of its sentences; Ed Humpherson's bullet giving the
    figure, which names him, was not quoted."""
    response = assistant.ask("What figure did the Prime Minister give for the rise in asylum "
                             "staff?")
    assert not response.no_answer, response.declined_because
    assert any("asylum caseworkers by 80%" in c.quote for c in response.citations), (
        response.answer)


def test_a_quotation_is_read_with_whoever_its_introduction_says_spoke_it(assistant):
    """The Minister's figures are quoted in the Statistics Authority's letter to Matt Vickers
    of 2025, after "The Minister stated," on a line of its own: the letter was not read (a
    Minister's own letters came first, and a letter naming March 2024 in its text was not
    lifted as one dated then is), and then was ruled out as no letter of a Minister's. The
    quote shows who spoke."""
    from assistant.sentence_acts import introduction_of

    text = "The claim was made in the debate. The Minister stated,\n\n“there were 149,769 officers.”"
    assert text[introduction_of(text, text.index("“")):].startswith("The Minister stated,")
    assert introduction_of("It was noted. “A quotation.”", 14) is None  # nothing introduces it
    assert introduction_of(text, 0) is None  # no quotation opens there
    response = assistant.ask("What figure for police officer numbers in March 2024 did the "
                             "Minister give?")
    assert response.citations and response.citations[0].quote.startswith(
        "The Minister stated,"), response.answer
    assert "149,769" in response.citations[0].quote


def test_evidence_given_to_a_committee_is_what_the_witness_said(assistant):
    """"The Committee took evidence from the Chief Executive of the UK Border Agency that
    ...": what the Chief Executive told the Committee, where it had been declined as no
    letter of the Agency's."""
    response = assistant.ask("What did the Chief Executive of the UK Border Agency tell the "
                             "Committee?")
    assert not response.no_answer, response.declined_because
    assert "took evidence from the Chief Executive" in response.citations[0].quote


def test_another_writers_act_does_not_answer_for_the_one_asked_about(assistant):
    """'Did Rycroft accept OSR's criticism?' quoted Robert Jenrick's "I very much agree ...
    and would strongly endorse the comments made by Sir Matthew Rycroft": Jenrick agrees,
    not Rycroft. A first-person act counts in the letters of the one asked about; and
    "criticism", like "complaint", asks what a letter does, not what it is about."""
    from assistant.terms import SPEECH_ACT_TERMS, stem

    assert stem("criticism") in SPEECH_ACT_TERMS
    response = assistant.ask("Did Rycroft accept OSR's criticism?")
    assert response.citations[0].sender.startswith("Matthew Rycroft"), response.answer


def test_who_asked_someone_to_act_is_answered_by_their_own_letter_saying_so(assistant):
    """'Who asked Baird to extend her term?' was read as asking who wrote to her, and only
    letters to her were quoted (then declined); her own letter says who asked her."""
    response = assistant.ask("Who asked Baird to extend her term?")
    assert "At the request of the former Lord Chancellor" in response.citations[0].quote, (
        response.answer)
