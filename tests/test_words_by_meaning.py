"""Words matched by meaning, over the shipped corpus with the real model: query expansion (a
question's word no candidate uses searched for by the words closest in meaning), phrasal
verbs read as the words they mean, the words' vectors as index runs kept them, and a word a
sentence says otherwise (moved from tests/test_words_and_sentences.py as it grew)."""

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
