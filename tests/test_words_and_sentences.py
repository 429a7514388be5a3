"""The sentence chosen to quote, over the shipped corpus with the real model: the cues that pick
it (the act asked about performed, what was praised or welcomed, a bare acknowledgement, the
question's words that count), how much of a letter is read and how a quote is read whole
(moved from tests/test_assistant.py as it grew; words matched by meaning are in
tests/test_words_by_meaning.py)."""

from question_helpers import asked_in_turn


def test_the_sentence_performing_the_act_asked_about_is_quoted(assistant):
    """'What did OSR suggest the Home Office offer ...?': the sentence in which the writer
    suggests ("I suggest you look to provide alternative data or estimates") is quoted, where
    sentences sharing more of the question's other words had come first."""
    from assistant.sentence_acts import performs

    assert performs("I suggest you look to provide alternative data", {"suggest"})
    assert performs("We would also urge the department to publish", {"urge"})
    assert not performs("Full Fact suggested that the figures were wrong", {"suggest"})
    response = assistant.ask("What did OSR suggest the Home Office offer instead of the "
                             "figures it could not produce?")
    assert any("I suggest you look to provide alternative data" in c.quote
               for c in response.citations), response.answer


def test_a_judgement_asked_for_is_performed_in_any_of_its_words():
    """'What did OSR conclude about the press release ...?' quoted what OSR had asked the
    Home Office to do, over "We consider that the NRM statistics do not support the claims":
    concluding, finding, deciding, judging and considering are one act."""
    from assistant.sentence_acts import asked_acts, performs

    concluded = asked_acts("What did OSR conclude about the press release?")
    assert performs("We consider that the NRM statistics do not support the claims", concluded)
    assert performs("We judge that the uplift statistics can be designated", concluded)
    assert not performs("We have asked the Home Office to ensure that claims are clear",
                        concluded)
    # an act of speech is still that act alone, and a plural noun after "the" is none
    assert asked_acts("What did OSR suggest?") == {"suggest"}
    assert asked_acts("What were OSR's recommendations?") == {"recommend"}
    assert asked_acts("Which bodies got most of the recommendations?") == set()


def test_agreement_asked_for_is_found_in_any_of_its_words(assistant, monkeypatch):
    """'Did OSR agree with Full Fact?': OSR's reply to Full Fact says "We share your
    disappointment ...", not "agree"; 'Did Ed Humpherson agree with Will Moy?', whose only
    subject word is the act, was declined as a subject no letter takes up."""
    from assistant import grounding, sentence_acts
    from assistant.sentence_acts import asked_acts, performs

    agreed = asked_acts("Did the regulator go along with the department's view?")
    assert performs("I acknowledge your professional judgement on this matter", agreed)
    assert performs("We share your disappointment that claims continue", agreed)
    assert not performs("We share your disappointment", asked_acts("What did OSR say?"))
    # ... and being satisfied with it, or backing it ("Did Dame Vera say she backed what the
    # minister was trying to do?": "As I share your resolve ...")
    for asking in ("Was Chote satisfied with how Jenrick had cleared it up?",
                   "Did Dame Vera say she backed what the minister was trying to do?"):
        assert performs("As I share your resolve to right the wrongs", asked_acts(asking)), asking
    # ... and how a letter was received ("How was it received?" after Full Fact's request:
    # OSR's "We share your disappointment ..." over its account of the Home Office's work)
    assert performs("We share your disappointment", asked_acts("How was it received?"))
    shared = "We share your disappointment"
    history = asked_in_turn(assistant, "What did Will Moy ask OSR to do in March 2023?")
    received = assistant.ask("How was it received?", history=history)
    assert received.citations[0].quote.startswith(shared), received.answer
    response = assistant.ask("Did OSR agree with Full Fact?")
    assert shared in response.citations[0].quote, response.answer
    assert not assistant.ask("Did Ed Humpherson agree with Will Moy?").no_answer
    monkeypatch.setattr(sentence_acts, "ACT_FAMILIES", ())
    assert shared not in assistant.ask("Did OSR agree with Full Fact?").citations[0].quote
    monkeypatch.setattr(grounding, "FAMILY_ASKING_TERMS", frozenset())
    assert assistant.ask("Did Ed Humpherson agree with Will Moy?").no_answer


def test_what_someone_did_is_the_sentence_saying_what_they_did(assistant):
    """'What did OSR do with the After Exploitation report?' quoted OSR's thanks for the
    report, the sentence sharing its words, over "we have shared your report and
    highlighted the feedback ...": a question asking what someone did is answered where the
    writer says, in the first person, what they did."""
    from assistant.cues import read_cues
    from assistant.sentence_acts import reports_deed

    assert read_cues("What did OSR do with the report?").asks_deed
    assert read_cues("What had he already done to correct the record?").asks_deed
    assert read_cues("How did OSR follow up on the report?").asks_deed
    assert not read_cues("What did Kinnock want OSR to do?").asks_deed
    assert not read_cues("What would the Authority do to help?").asks_deed
    assert not read_cues("What did OSR say the Home Office should do?").asks_deed
    assert reports_deed("Today we wrote to the Home Office's Chief Scientific Adviser")
    assert reports_deed("I clarified this matter in my comments in the debate")
    assert not reports_deed("We have been engaging with the Home Office")
    assert not reports_deed("I am grateful for your letter")
    response = assistant.ask("What did OSR do with the After Exploitation report?")
    assert "we have shared your report" in response.citations[0].quote, response.answer


def test_what_someone_praised_needs_no_word_of_praise_in_the_letter(assistant):
    """'What did Mark Pont praise?' was declined: 'praise' was its one topic word, and his
    letter says "We found a range of positive features"."""
    response = assistant.ask("What did Mark Pont praise?")
    assert any("positive features" in c.quote for c in response.citations), response.answer


def test_what_someone_welcomed_is_what_they_say_they_welcome(assistant):
    """'What did the Minister welcome?' after the Commissioners' offer quoted only her
    acknowledgement of their letter: 'welcome' says what a letter does, like 'suggest', and
    her sentences saying "I welcome ..." are the answer."""
    from assistant.schemas import Turn

    first = assistant.ask("What did the Commissioners offer the Minister in October 2021?")
    history = [Turn(question=first.question, answer=first.answer, citations=first.citations)]
    response = assistant.ask("What did the Minister welcome?", history=history)
    assert any(c.quote.startswith("I welcome") for c in response.citations), response.answer


def test_what_a_writer_did_is_not_what_they_were_sent(assistant):
    """'What else did OSR look at alongside the Home Office's slavery statistics?' quoted
    Ed Humpherson's "We recognise that you have previously raised concerns about the Home
    Office's use and release of data and statistics on modern slavery", then his thanks for
    the campaigners' letter: both share the question's words and say what OSR was sent.
    Asked for a writer's own words, their sentences telling the reader what the reader
    wrote, or thanking them for it, come after the rest."""
    from assistant.sentence_acts import restates_the_reader

    assert restates_the_reader("We recognise that you have previously raised concerns")
    assert restates_the_reader("Your letter highlighted the figures")
    assert not restates_the_reader("We recognise that the figures were late")
    response = assistant.ask("What else did OSR look at alongside the Home Office's slavery "
                             "statistics?")
    assert "complementary compliance check" in response.citations[0].quote, response.answer
    assert not any(c.quote.startswith(("We recognise", "Thank")) for c in response.citations)


def test_a_bare_acknowledgement_is_no_answer_of_its_own(assistant):
    """'What did the Permanent Secretary promise OSR?' had quoted "Thank you for your letter
    of 21 November." alone: a sentence saying nothing but that it answers a letter comes
    after the letter's own sentences, whatever the question (but "when")."""
    response = assistant.ask("What did the Permanent Secretary promise OSR?")
    assert response.citations and not any(c.quote.startswith("Thank you")
                                          for c in response.citations), response.answer


def test_more_of_the_letter_found_first_is_read_for_the_answer(assistant):
    """The answer's sentences come from the best passages and the passages of the letter
    ranked first nearest the one that ranked it (a question that found its letter often
    words the answer otherwise than the passage it matched); a passage retrieval found
    keeps its score, one it did not is read as ranked after every passage retrieved."""
    from assistant.answer import PASSAGES_CONSIDERED
    from assistant.reading import LEADING_LETTER_PASSAGES, by_best_sentence
    from assistant.retrieval.base import Hit

    letters = assistant.store.letters(limit=100)
    letter = next(L for L in letters if len(assistant.store.letter_passages(L.letter_id)) >= 7)
    own = assistant.store.letter_passages(letter.letter_id)
    others = [Hit(p, L, 0.5) for L in letters if L.letter_id != letter.letter_id
              for p in assistant.store.letter_passages(L.letter_id)][:PASSAGES_CONSIDERED]
    last = others[-1]
    hits = [Hit(own[3], letter, 0.9)] + others[:-1] + [Hit(own[4], letter, 0.4),
                                                       Hit(last.passage, last.letter, 0.2)]
    read = assistant._passages_read(hits)
    assert [h.passage.passage_id for h in read[:PASSAGES_CONSIDERED]] == [
        h.passage.passage_id for h in hits[:PASSAGES_CONSIDERED]]
    nearest = sorted(own[:3] + own[4:], key=lambda p: abs(p.start - own[3].start))
    assert {h.passage.passage_id for h in read[PASSAGES_CONSIDERED:]} == {
        p.passage_id for p in nearest[:LEADING_LETTER_PASSAGES]}
    assert own[2] in nearest[:LEADING_LETTER_PASSAGES]
    assert own[6] not in nearest[:LEADING_LETTER_PASSAGES]
    scores = {h.passage.passage_id: h.score for h in read}
    assert (scores[own[4].passage_id], scores[own[2].passage_id]) == (0.4, 0.2)
    # shown in order: the best few by their best sentence, then the rest as retrieved
    ranked = assistant._ranked_sentences(assistant.read_question("What was asked?"), read, [])
    shown = by_best_sentence(read, hits, ranked)
    assert len({h.passage.passage_id for h in shown}) == len(shown) == len(read) + 1
    retrieved = {h.passage.passage_id for h in hits}
    after = [h.passage.passage_id in retrieved for h in shown[PASSAGES_CONSIDERED:]]
    assert after == sorted(after, reverse=True) and True in after and False in after


def test_a_passage_retrieval_missed_is_found_in_the_letter_it_found(assistant):
    """'Did OSR pass the report on?' finds OSR's reply to After Exploitation by its opening
    (the report named); the passage saying what was done with it ("we have shared your
    report") shares too few words to be retrieved, and is read as the rest of that letter."""
    from assistant.service import ASK_PASSAGES

    question = "Did OSR pass the After Exploitation report on to anyone?"
    answer = "we have shared your report"
    cues = assistant.read_question(question)
    retrieved = assistant.retrieve(question, ASK_PASSAGES, None, "hybrid", cues)
    assert not any(answer in h.passage.text for h in retrieved)
    _, hits = assistant.evidence(question, [], ASK_PASSAGES)
    assert any(answer in h.passage.text for h in hits[:5])


def test_the_answer_after_the_sentence_setting_it_up_is_quoted_with_it(assistant):
    """"Why was Matthew Rycroft wary of publishing one-off releases often?" quoted the
    sentence sharing its words ("... or on occasion publish a one-off or ad hoc release of
    that data ...") without the one after it that answers ("Ad hoc releases are however an
    additional cost ..."), which ranked nearly as well (`quotes.NEXT_SENTENCE_SHARE`)."""
    response = assistant.ask("Why was Matthew Rycroft wary of publishing one-off releases "
                             "often?")
    first = response.citations[0].quote
    assert "one-off or ad hoc release" in first, response.answer
    assert "Ad hoc releases are however an additional cost" in first, response.answer


def test_a_quote_ending_its_paragraph_goes_on_into_the_next(assistant):
    """Rycroft's "... be based on those statistics already in the public domain, so that they
    can be properly verified." ends a paragraph; the next opens "However, given the
    importance and immediacy ...", which answers why ministers quote unpublished figures.
    Read within its own paragraph, the quote stopped before it."""
    response = assistant.ask("Why does the Home Office permanent secretary say ministers "
                             "sometimes give figures that are not published?")
    [quote] = [c for c in response.citations if "already in the public domain" in c.quote]
    assert "However, given the importance and immediacy" in quote.quote, response.answer
    assert "\n" in quote.quote.strip()  # two paragraphs, one quote
    letter = assistant.store.letter(quote.letter_id)
    assert letter.text[quote.start : quote.end] == quote.quote


def test_an_adverb_of_manner_names_no_subject(assistant):
    """'What did Ed Humpherson want Daniel Shaw to do instead?' was declined: "instead",
    its one topic word, is in no letter."""
    from assistant.terms import content_words

    assert not content_words("instead actually really exactly anyway")
    response = assistant.ask("What did Ed Humpherson want Daniel Shaw to do instead?")
    assert "alternative data or estimates" in response.citations[0].quote, response.answer


def test_words_naming_the_whole_correspondence_are_not_searched_for(assistant):
    """'Anything in the letters about trust in the Met?' found letters thanking for letters
    (a58): "the letters" says where to look, not what about."""
    from assistant.cues import read_cues

    assert "letters" not in read_cues("What do the letters say about trust?").search_text()
    assert "letters" in read_cues("Which letters mention trust?").search_text()
    response = assistant.ask("Anything in the letters about trust in the Met?")
    assert "Metropolitan Police" in response.citations[0].quote, response.answer


def test_a_light_verb_counts_for_little_among_the_question_words(assistant):
    """'Why did it take Sir Robert Chote three months to answer Stephen Kinnock?' quoted "The
    Committee took evidence from ..." alone: "take" says little without its words ("take
    three months"), and matched another sense of it."""
    from assistant.terms import LIGHT_VERBS, content_terms

    assert "take" in LIGHT_VERBS and "took" not in LIGHT_VERBS  # stems: "took" is "take"
    assert content_terms("The Committee took evidence")[1] == "take"
    response = assistant.ask("Why did it take Sir Robert Chote three months to answer "
                             "Stephen Kinnock?")
    assert any("I apologise for the delay" in c.quote for c in response.citations), \
        response.answer
