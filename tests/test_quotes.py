"""Which sentences an answer quotes: the best, runners-up nearly as good, and more of the best
one's letter once the answer is grounded (`quotes.SAME_LETTER_SHARE`), which a follow-up
may still ask about."""

from assistant.answer import ScoredSentence
from assistant.citations import Quote
from assistant.quotes import SAME_LETTER_SHARE, SECOND_QUOTE_SHARE, choose_quotes
from assistant.schemas import Turn
from indexer.models import Letter


def _scored(letter: Letter, sentence: str, score: float) -> ScoredSentence:
    start = letter.text.index(sentence)
    return ScoredSentence(Quote(letter.letter_id, "p", start, start + len(sentence), sentence),
                          letter, score, 0.5)


def test_more_of_the_best_letter_is_quoted_at_a_lower_share_than_another_letter():
    """At SAME_LETTER_SHARE a runner-up of the best one's letter is quoted; another letter's
    sentence as good is not, and by default (SECOND_QUOTE_SHARE) neither is."""
    found = Letter("a.1", "a.txt", 1, "We engage publicly and privately. This is not always "
                                      "best done in public.")
    other = Letter("b.1", "b.txt", 1, "We publish our letters.")
    share = (SAME_LETTER_SHARE + SECOND_QUOTE_SHARE) / 2
    best = _scored(found, "We engage publicly and privately.", 1.0)
    same = _scored(found, "This is not always best done in public.", share)
    elsewhere = _scored(other, "We publish our letters.", share + 0.01)
    texts = lambda chosen: [s.quote.text for s in chosen]
    ranked = [best, elsewhere, same]
    assert texts(choose_quotes(ranked)) == texts([best])
    assert texts(choose_quotes(ranked, same_letter_share=SAME_LETTER_SHARE)) == texts([best, same])
    weak = _scored(found, "This is not always best done in public.", SAME_LETTER_SHARE - 0.01)
    assert texts(choose_quotes([best, weak], same_letter_share=SAME_LETTER_SHARE)) == texts([best])


def test_the_letters_next_best_sentence_answers_in_other_words(assistant):
    """The reply to Full Fact's letter is found by its words on the Home Office; the sentence
    saying the problems are not the Home Office's alone ranks below one sharing the
    question's words, and is shown beside it."""
    response = assistant.ask("Did Ed Humpherson treat the problems Full Fact raised as "
                             "something only one department does?")
    assert not response.no_answer
    assert len({c.letter_id for c in response.citations}) == 1
    assert any("not unique to the Home Office" in c.quote for c in response.citations)


def test_whether_the_letters_answer_is_judged_on_the_quotes_chosen(assistant):
    """A sentence shown beside the best one does not ground the answer: Dame Vera Baird's
    letter gives the Lord Chancellor's request and a month, not when the Victims' Bill was
    to come, and the question stays declined."""
    response = assistant.ask("What did the Lord Chancellor promise Dame Vera Baird about when "
                             "the Victims' Bill would be introduced?")
    assert response.no_answer and response.declined_because


def test_a_follow_up_may_ask_about_what_was_shown_beside_the_earlier_answer(assistant):
    """An earlier answer's further sentences of its letter are not weighed down as already
    said: "Why did she stay on longer?" is answered by the month Dame Vera extended her
    term, though the answer before showed it beside when her term was to end."""
    history = []
    for question in ("Why did Dame Vera Baird write to Brandon Lewis in September 2022?",
                     "When was her first term meant to finish?"):
        answer = assistant.ask(question, history=history)
        history.append(Turn(question=question, answer=answer.answer, citations=answer.citations))
    response = assistant.ask("Why did she stay on longer?", history=history)
    assert not response.no_answer
    assert "extended my term by one month" in response.citations[0].quote
