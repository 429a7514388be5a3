"""Which sentences an answer quotes: the best, runners-up nearly as good, and more of the best
one's letter once the answer is grounded (`quotes.SAME_LETTER_SHARE`), which a follow-up
may still ask about; and how much of the letter around each is quoted, so it reads whole
(`quotes.read_whole`; moved from tests/test_units.py as it grew)."""

from dataclasses import replace

from fakes import FakeEmbedder

from assistant.answer import ScoredSentence
from assistant.citations import Quote
from assistant.quotes import (
    NEXT_SENTENCE_SHARE,
    SAME_LETTER_SHARE,
    SECOND_QUOTE_SHARE,
    choose_quotes,
    read_whole,
)
from assistant.schemas import Turn
from assistant.service import Assistant
from indexer.models import Letter, Passage
from indexer.pipeline import IndexPipeline
from indexer.store import LetterFilter, LocalStore


def _scored(letter: Letter, sentence: str, score: float, similarity: float = 0.5
            ) -> ScoredSentence:
    """`sentence` of `letter` as read from its passage "p", ranked at `score`."""
    start = letter.text.index(sentence)
    return ScoredSentence(Quote(letter.letter_id, "p", start, start + len(sentence), sentence),
                          letter, score, similarity)


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


def _read_whole_in(text: str, sentence: str) -> str:
    """The quote `read_whole` makes of one sentence of a one-passage letter."""
    start = text.index(sentence)
    letter = Letter("w.1", "w.txt", 1, text)
    [read] = read_whole([ScoredSentence(Quote("w.1", "w", start, start + len(sentence), sentence),
                                        letter, 1.0)],
                        {"w": Passage("w", "w.1", 1, 0, len(text), text)})
    return read.quote.text


def test_a_third_quote_is_as_close_in_meaning_as_the_best_and_no_thanks():
    """Runners-up score at least SECOND_QUOTE_SHARE of the best; a third must also be no
    further from the question in meaning than the best, and not thanks for a letter."""
    text = ("Thank you for your letter about the report. The figures were late. They were "
            "published in an annex. We will review them. Our team met yours in May.")
    letter = Letter("t.1", "t.txt", 1, text)

    best = _scored(letter, "The figures were late.", 1.0, 0.50)
    second = _scored(letter, "We will review them.", 0.9, 0.30)
    close = _scored(letter, "They were published in an annex.", 0.85, 0.55)
    far = _scored(letter, "Our team met yours in May.", 0.95, 0.40)
    thanks = _scored(letter, "Thank you for your letter about the report.", 0.95, 0.60)
    weak = _scored(letter, "They were published in an annex.", 0.7, 0.9)
    texts = lambda chosen: [s.quote.text for s in chosen]
    assert texts(choose_quotes([best, second, close])) == texts([best, second, close])
    assert texts(choose_quotes([best, far, second, close])) == texts([best, far, close])
    assert texts(choose_quotes([best, thanks, second])) == texts([best, thanks])
    assert texts(choose_quotes([best, second, weak])) == texts([best, second])


def test_a_quote_goes_on_to_a_next_sentence_ranked_nearly_as_well_and_joins_one_it_overlaps():
    """The sentence after a quote is quoted with it when it ranked at least
    NEXT_SENTENCE_SHARE of the quote's score; a later quote overlapping a kept one is joined
    to it, so what the kept one went on to stays quoted."""
    text = ("We may publish a one-off release of the data. Ad hoc releases cost analysts' time. "
            "We met in May. The weather was fine.")
    letter = Letter("n.1", "n.txt", 1, text)
    passage = Passage("p", "n.1", 1, 0, len(text), text)

    release = _scored(letter, "We may publish a one-off release of the data.", 1.0)
    cost = _scored(letter, "Ad hoc releases cost analysts' time.", NEXT_SENTENCE_SHARE)
    may = _scored(letter, "We met in May.", 0.9)
    fine = _scored(letter, "The weather was fine.", 0.1)
    ranked = [release, may, cost, fine]
    [read] = read_whole([release], {"p": passage}, ranked)
    assert read.quote.text == text[: text.index(" We met")]
    assert text[read.quote.start : read.quote.end] == read.quote.text
    [alone] = read_whole([may], {"p": passage}, ranked)  # the next ranked under the share
    assert alone.quote.text == "We met in May."
    weaker = [release, may, replace(cost, score=NEXT_SENTENCE_SHARE - 0.01), fine]
    assert read_whole([release], {"p": passage}, weaker)[0].quote.text == release.quote.text
    # "Ad hoc releases ..." chosen first is read with "We met in May." only if ranked well
    # enough; the release sentence chosen after it goes on to it, and the two are one quote
    joined = read_whole([replace(cost, score=1.0), replace(release, score=0.9)], {"p": passage},
                        [replace(cost, score=1.0), replace(release, score=0.9), fine])
    assert [q.quote.text for q in joined] == [read.quote.text]
    assert joined[0].score == 1.0


def test_a_quote_is_read_with_the_sentence_it_points_back_to_goes_on_to_or_introduces():
    text = ("We met the Home Office statisticians in May. They agreed to publish the data in "
            "full. The release in June was late by a fortnight. It gave no reason for the "
            "delay at all. Our review of the figures ends with this letter.")
    letter = Letter("l.1", "l.txt", 1, text)
    passage = Passage("p", "l.1", 1, 0, len(text), text)

    def quoted(sentence: str) -> ScoredSentence:
        return _scored(letter, sentence, 1.0)

    [agreed] = read_whole([quoted("They agreed to publish the data in full.")], {"p": passage})
    assert agreed.quote.text == ("We met the Home Office statisticians in May. They agreed to "
                                 "publish the data in full.")
    [late] = read_whole([quoted("The release in June was late by a fortnight.")], {"p": passage})
    assert late.quote.text == ("The release in June was late by a fortnight. It gave no reason "
                               "for the delay at all.")
    assert text[late.quote.start : late.quote.end] == late.quote.text
    # a sentence neither pointing back nor followed by one that does stands alone; a second
    # quote that the first now holds is dropped
    both = read_whole([quoted("The release in June was late by a fortnight."),
                       quoted("It gave no reason for the delay at all.")], {"p": passage})
    assert [q.quote.text for q in both] == [late.quote.text]
    [alone] = read_whole([quoted("Our review of the figures ends with this letter.")],
                         {"p": passage})
    assert alone.quote.text == "Our review of the figures ends with this letter."
    # a sentence drawing its conclusion from the one before ("As such, ...") points back too,
    # and one setting itself against it ("Nonetheless, ...", "However, ...")
    found = "We found the figures in an annex. As such, they were public when used."
    assert _read_whole_in(found, "We found the figures in an annex.") == found
    # and one repeating what the writer said ("As I said in the House, ..."), which it
    # goes on from: "I clarified this matter in the debate on 27 March."
    said = "I clarified this matter in the debate. As I said in the House, the figure was old."
    assert _read_whole_in(said, "As I said in the House, the figure was old.") == said
    # a sentence naming again, with "these" or "this", a thing the quote named goes on from it
    codes = ("There have been similar Codes since 2004. Research has shown that these Codes "
             "were not observed. The weather was fine.")
    assert _read_whole_in(codes, "There have been similar Codes since 2004.") == codes[
        : codes.index(" The weather")]
    assert _read_whole_in(codes, "Research has shown that these Codes were not observed.") == (
        "Research has shown that these Codes were not observed.")
    yielded = ("I was told that I would not be reappointed to the post. Nonetheless, I "
               "applied for it in good faith, as suggested.")
    assert _read_whole_in(yielded, yielded[yielded.index("Nonetheless"):]) == yielded
    # and one regretting what it hoped for ("Unfortunately, ...")
    keen = ("My office was keen to use the dashboard. Unfortunately, there are areas where it "
            "falls short.")
    assert _read_whole_in(keen, "My office was keen to use the dashboard.") == keen
    # and one setting itself against it after a few opening words ("Once again, however, ...")
    revised = "The government later revised the target to claims made before June."
    again = f"{revised} Once again, however, the statements went further."
    assert _read_whole_in(again, revised) == again
    plain = f"{revised} Once again the statements went further."
    assert _read_whole_in(plain, revised) == revised
    # and an example of it ("For example, ..."), which quoted itself stands alone
    shown = "Officials have engaged with our work. For example, they added new tables."
    assert _read_whole_in(shown, "Officials have engaged with our work.") == shown
    assert _read_whole_in(shown, "For example, they added new tables.") == (
        "For example, they added new tables.")
    # a sentence ending in a colon is read with what it introduces
    said = ("Perhaps the worst example this week was the Minister's statement on the radio:\n"
            "“We have cleared the backlog.”")
    said_letter = Letter("m.1", "m.txt", 1, said)
    start = 0
    intro = said[: said.index(":") + 1]
    [post] = read_whole([ScoredSentence(Quote("m.1", "q", 0, len(intro), intro), said_letter,
                                        1.0)], {"q": Passage("q", "m.1", 1, 0, len(said), said)})
    assert post.quote.text == said and (post.quote.start, post.quote.end) == (start, len(said))
    # ... in the next passage too, a quotation to its closing mark, however many sentences
    intro = "Concerns have been raised about your statement in the House on 20 March that:"
    words = "“Today, a majority are coming by boat. We are seeing flagrant abuse.”[2]"
    statement = f"{intro}\n\n{words}\n\nWe looked into it."
    statement_letter = Letter("s.1", "s.txt", 1, statement)
    [introduced] = read_whole([ScoredSentence(Quote("s.1", "s1", 0, len(intro), intro),
                                              statement_letter, 1.0)],
                              {"s1": Passage("s1", "s.1", 1, 0, len(intro), intro)})
    assert introduced.quote.text == statement[: statement.index("”") + 1]
    # ... but not a quotation whose closing mark is far off: the introduction stands alone
    unclosed = f"{intro}\n\n“Today, a majority are coming by boat. " + "And more. " * 120
    [alone] = read_whole([ScoredSentence(Quote("u.1", "u1", 0, len(intro), intro),
                                         Letter("u.1", "u.txt", 1, unclosed), 1.0)], {})
    assert alone.quote.text == intro
    # a quote's own words are kept as chosen, so a wrong one still fails the verbatim check
    wrong = quoted("They agreed to publish the data in full.")
    wrong.quote = Quote("l.1", "p", wrong.quote.start, wrong.quote.end, "They agreed to nothing.")
    [extended] = read_whole([wrong], {"p": passage})
    assert extended.quote.text.endswith("They agreed to nothing.")
    assert extended.quote.text != text[extended.quote.start : extended.quote.end]


def test_a_quote_is_read_past_the_end_of_the_window_it_was_found_in(tmp_path):
    """A long paragraph is indexed as overlapping windows, which retrieval merges into one
    hit; the quote is read within its window and those either side, which hold the merged
    span, so the sentence after it is joined though the stored window it was found in ends
    before that sentence."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    paragraph = " ".join(f"The council reviewed item {i} of the parks budget in the spring."
                         for i in range(30))
    (corpus / "2024-06-01_review.txt").write_text(
        f"1 June 2024\n\nDear Mr Khan,\n\n{paragraph}\n\nYours sincerely,\n\nAnn Other\n")
    embedder = FakeEmbedder()
    store = LocalStore(tmp_path / "index", embedder.name, embedder.dimension)
    IndexPipeline(store, embedder).run(corpus)
    try:
        assistant = Assistant(store, embedder)
        [letter] = store.letters(LetterFilter())
        windows = store.letter_passages(letter.letter_id)
        assert len(windows) > 1 and windows[0].end > windows[1].start  # overlapping windows
        hits = assistant.retrieve("the council reviewed the parks budget", 10)
        stored_end = {w.passage_id: w.end for w in windows}
        merged = next(hit.passage for hit in hits
                      if hit.passage.end > stored_end[hit.passage.passage_id])
        stored = next(w for w in windows if w.passage_id == merged.passage_id)
        # the last sentence of the stored window, and the one after it, ranked as well
        last = [s for s in letter.text[stored.start:stored.end].split(". ") if s][-1]
        start = letter.text.index(last, stored.start)
        end = letter.text.index(".", start) + 1
        after_end = letter.text.index(".", end + 1) + 1
        quoted = ScoredSentence(Quote(letter.letter_id, merged.passage_id, start, end,
                                      letter.text[start:end]), letter, 1.0)
        after = ScoredSentence(Quote(letter.letter_id, merged.passage_id, end + 1, after_end,
                                     letter.text[end + 1:after_end]), letter, 0.9)
        passages = assistant._passages_around([quoted], hits)
        window = passages[merged.passage_id]
        assert window.start <= merged.start and window.end >= merged.end
        assert window.text == letter.text[window.start : window.end]
        [read] = read_whole([quoted], passages, [quoted, after])
        assert (read.quote.start, read.quote.end) == (start, after_end)
        assert letter.text[read.quote.start:read.quote.end] == read.quote.text
    finally:
        store.close()
