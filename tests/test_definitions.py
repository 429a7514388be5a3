"""What a term means ("What is the National Referral Mechanism?", "What does NRM stand
for?"), over the shipped corpus with the real model: the answer is where a letter says what
it is, not the sentences using it most."""

import pytest

from assistant.cues import read_cues
from assistant.sentence_acts import defines

NRM = ("These breaches are in relation to statistics on modern slavery and the National "
       "Referral Mechanism (NRM), the Government’s framework for identifying and potentially "
       "supporting victims of modern slavery.")


@pytest.mark.parametrize("question, term", [
    ("What is the National Referral Mechanism?", "National Referral Mechanism"),
    ("What are violence reduction units?", "violence reduction units"),
    ("What does NRM stand for?", "NRM"),
    ("What did OSR say?", ""),
    ("What is the backlog?", ""),  # one common word: too loose to find its definition
    ("What was the outcome of Full Fact's complaint?", ""),
])
def test_a_question_asking_what_a_term_is_names_the_term(question, term):
    assert read_cues(question).defined == term


def test_a_definition_is_an_apposition_a_copula_or_the_words_initials_stand_for():
    assert defines(NRM, "National Referral Mechanism") and defines(NRM, "NRM")
    assert defines("Modern slavery is a term for all forms of human trafficking.",
                   "modern slavery")
    assert not defines("We use the NRM statistics.", "NRM")
    assert not defines("The National Referral Mechanism grew.", "National Referral Mechanism")


def test_what_a_term_is_is_answered_where_a_letter_says_so(assistant):
    """The campaigners' letter says what the National Referral Mechanism is; OSR's letters
    use the term more, and were quoted."""
    response = assistant.ask("What is the National Referral Mechanism?")
    assert not response.no_answer, response.declined_because
    assert "the Government’s framework for identifying" in response.citations[0].quote, (
        response.answer)
