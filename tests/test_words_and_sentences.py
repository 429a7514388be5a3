"""Words matched by meaning and the sentence chosen to quote, over the shipped corpus with the
real model: query expansion (a question's word no candidate uses searched for by the words
closest in meaning), words a sentence says otherwise, and the cues that pick the sentence
(the act asked about performed, what was praised or welcomed, a bare acknowledgement)
(moved from tests/test_assistant.py as it grew)."""

from question_helpers import asked_in_turn

# Naming no one: "the regulator" now finds OSR's letters by itself (`assistant.bodies`).
PARAPHRASE = "Why should people be able to see the numbers behind government choices?"


ANSWER = "statistics which inform policy decisions"


def test_a_word_no_candidate_uses_is_searched_for_by_the_words_closest_in_meaning(
        assistant, monkeypatch):
    """'choices' is in no passage the first search finds; 'decisions', close to it in
    meaning, is, and BM25 searching for it brings up the passage that answers."""
    cues, hits = assistant.evidence(PARAPHRASE, [], 10)
    assert "decisions" in cues.expansion and "choices" not in cues.expansion
    assert any(ANSWER in h.passage.text for h in hits)
    monkeypatch.setattr(assistant.expansion, "run", lambda *args, **kwargs: [])
    _, unexpanded = assistant.evidence(PARAPHRASE, [], 10)
    assert not any(ANSWER in h.passage.text for h in unexpanded)


def test_expansion_draws_only_on_the_candidates_words_for_words_they_lack(assistant):
    from assistant.retrieval.expansion import QueryExpansion
    from indexer.models import Passage

    def passage(text: str) -> Passage:
        return Passage("p", "l", 1, 0, len(text), text)

    expansion = QueryExpansion(assistant.words)
    held = [passage("Most of them were duplications or errors.")]
    assert "duplications" in expansion.run("How many were repeats?", held)
    assert expansion.run("Errors or duplications?", held) == []  # every word held
    assert expansion.run("Zebras?", [passage("The budget was cut in March.")]) == []  # none near


def test_a_phrasal_verb_is_read_as_the_single_words_letters_write_for_it():
    """"Would OSR step in?" is asked of a letter saying it "will be willing to intervene"
    (assistant/data/phrasal_verbs.toml): in any form of the verb, with a pronoun or a
    determiner and its noun between the two words, not with more, nor when the letters use
    the verb too."""
    from assistant.phrasal import plain_words

    assert plain_words("Would OSR step in?") == ["intervene"]
    assert plain_words("Which figures had the department not put out?")[0] == "publish"
    assert plain_words("Who would follow it up with them?") == ["pursue", "contact"]
    assert "withhold" in plain_words("Was the data held back?")
    assert plain_words("Had the department put the figures out?")[0] == "publish"
    assert plain_words("Had the department put all its figures out?") == []
    assert plain_words("Where did the figure come from?", ["It came from a report."]) == []
    assert plain_words("Could anyone step forward?") == []
    assert "extend" in plain_words("Was she asked to stay on?")  # "I also extended my term"
    assert plain_words("And when would they be in touch?") == ["contact"]
    assert plain_words("What did OSR want the inspectorate to keep on doing?") == ["continue"]


def test_a_phrasal_verb_whose_plain_words_were_taken_is_asked_in_them():
    """Choosing the sentence, "dig out" asks for "extract" (when the expansion took it: the
    letters use it), not for "dig" or "out"; nothing taken, the question's words as asked."""
    from assistant.phrasal import in_plain_words
    from assistant.terms import content_terms, stem

    question = "Why is it hard for the Home Office to dig out slavery numbers?"
    terms = content_terms(question)
    read = in_plain_words(terms, question, ["extract", "barriers"])
    assert stem("extract") in read and stem("dig") not in read
    assert stem("slavery") in read and stem("barriers") not in read
    assert in_plain_words(terms, question, ["barriers"]) == terms


def test_a_phrasal_verb_is_searched_for_by_the_words_it_means(assistant, monkeypatch):
    """Every word of "Would OSR step in ...?" is in some letter, so nothing marked it as
    asked in other words; "intervene", which "step in" means, brings up the passage saying
    OSR "will be willing to intervene" (the model puts the two only 0.36 apart)."""
    from assistant import phrasal

    question = "Would OSR step in if the modern slavery figures were misused?"
    answer = "willing to intervene where the statistics have been used"

    def rank(hits):
        return next((i for i, h in enumerate(hits, 1) if answer in h.passage.text), None)

    cues, hits = assistant.evidence(question, [], 10)
    assert cues.expansion[0] == "intervene", cues.expansion
    assert rank(hits) is not None
    monkeypatch.setattr(phrasal, "_PLAIN", [])  # no table: the question's own words only
    _, unexpanded = assistant.evidence(question, [], 10)
    assert rank(unexpanded) is None


def test_a_word_without_a_kept_vector_is_not_encoded_while_the_user_waits(assistant, embedder):
    """Candidates' words are matched only by the vectors an index run kept: an index made
    before words had them gets no expansion rather than hundreds of encodings per question."""
    from assistant.retrieval.expansion import QueryExpansion
    from indexer.models import Passage

    unkept = "repetitions"  # in no letter: no index run embedded it
    near = embedder.encode([unkept])[0] @ embedder.encode(["repeats"])[0]
    assert near >= 0.45  # it would be a neighbour if it had a vector
    text = f"Most were {unkept}."
    found = QueryExpansion(assistant.words).run("How many were repeats?",
                                                  [Passage("p", "l", 1, 0, len(text), text)])
    assert unkept not in found


def test_a_question_word_the_letters_hold_is_read_as_kept_not_encoded(assistant, embedder):
    """A question's words some letter holds have the vector their index run kept, the same
    as encoding them gives: only the others take the encoder's time while the user waits."""
    from assistant.meaning import WordVectors

    encoded: list[list[str]] = []

    def encode(words: list[str]):
        encoded.append(words)
        return embedder.encode_queries(words)

    words = WordVectors(assistant.store, embedder.dimension, encode)
    asked = ["backlog", "repetitions", "backlog"]  # "repetitions": in no letter
    vectors = words.asked(asked)
    assert encoded == [["repetitions"]]
    assert words.unkept(asked) == ["repetitions"]
    assert vectors.shape == (3, embedder.dimension)
    assert abs(float(vectors[0] @ embedder.encode_queries(["backlog"])[0]) - 1) < 1e-5
    assert (vectors[0] == vectors[2]).all()


def test_a_caller_limited_to_collections_is_expanded_whatever_other_letters_hold(assistant):
    """Expansion is skipped when every word is in some letter, by counts of the whole index;
    for a caller limited to collections it always runs, so whether it ran says nothing of
    letters the caller cannot see."""
    question = "What did the Minister commit on Recommendation One?"
    whole, _ = assistant.evidence(question, [], 5)
    assert whole.expansion == []
    limited, _ = assistant.scoped(frozenset({"default"})).evidence(question, [], 5)
    assert "commitment" in limited.expansion


def test_the_dates_a_question_names_are_not_expanded(assistant):
    """'What did Will Moy ask OSR to do in March 2023?': "March" was expanded to "September",
    "November" and "May", which then picked the sentences to quote (a bullet on a claim
    made in September); his request is quoted first."""
    question = "What did Will Moy ask OSR to do in March 2023?"
    cues, _ = assistant.evidence(question, [], 5)
    assert not {"september", "november", "may"} & set(cues.expansion), cues.expansion
    response = assistant.ask(question)
    assert "to ask for your potential engagement" in response.citations[0].quote, response.answer


def test_a_question_word_a_sentence_says_otherwise_counts_at_its_closeness(assistant):
    """'repeats' is not in the first sentence, 'duplications' is, and close to it in meaning:
    its closeness is what the word counts for there; a sentence with nothing close gets
    less than the threshold."""
    from assistant.sentence_weights import SOFT_MATCH

    said = assistant.selector._said_otherwise(
        ["repeats"], ["Most of them were duplications.", "The budget was cut in March."])
    assert SOFT_MATCH <= said[0][0] < 1.0 and said[1][0] < SOFT_MATCH


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
