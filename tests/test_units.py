"""The fast unit layer: fusion, letter scope, grounding reasons, follow-up detection, key
checks and the scoped store's closed door, without the embedding model (tests/fakes.py), in
milliseconds each."""

import hashlib
import threading
from dataclasses import replace

import pytest
from fakes import FakeEmbedder, small_index
from fastapi import HTTPException
from starlette.requests import Request

from assistant.access import AccessFile
from assistant.answer import ScoredSentence
from assistant.citations import Quote
from assistant.cues import read_cues
from assistant.follow_up_cues import is_follow_up
from assistant.grounding import check_grounding
from assistant.interfaces.http.auth import ApiKeys
from assistant.interfaces.http.sessions import Sessions
from assistant.query_vectors import QueryVectors
from assistant.question_forms import is_elliptical
from assistant.quotes import NEXT_SENTENCE_SHARE, choose_quotes, read_whole
from assistant.retrieval.base import Candidate, Ranking, RetrievalQuery
from assistant.retrieval.fusion import ReciprocalRankFusion
from assistant.retrieval.letter_scope import LetterScopeRetriever
from assistant.service import Assistant
from indexer.models import Letter, Passage
from indexer.pipeline import IndexPipeline
from indexer.store import LetterFilter, LocalStore, ScopedStore


@pytest.fixture
def small(tmp_path):
    store, embedder = small_index(tmp_path)
    yield store, embedder
    store.close()


def test_fusion_ranks_by_position_and_weight():
    dense = Ranking("dense", [Candidate("a", 0.9), Candidate("b", 0.8), Candidate("c", 0.1)])
    lexical = Ranking("bm25", [Candidate("b", 30.0), Candidate("c", 20.0)])
    fused = ReciprocalRankFusion().run([dense, lexical])
    assert [c.passage_id for c in fused.candidates] == ["b", "c", "a"]
    unweighted = ReciprocalRankFusion({"bm25": 0.0}).run([dense, lexical])
    assert [c.passage_id for c in unweighted.candidates] == ["a", "b", "c"]  # dense alone


def test_letter_scope_picks_the_letter_a_question_names(small):
    store, embedder = small
    cues = read_cues("What did Kim Lee write on 4 March 2024?")
    scoped = LetterScopeRetriever(store, embedder)
    [letter] = scoped.scoped_letters(cues, None)
    assert letter.sender.startswith("Kim Lee") and letter.date == "2024-03-04"
    ranking = scoped.run(RetrievalQuery(cues.question, 5), cues)
    found = {p.letter_id for p in store.passages([c.passage_id for c in ranking.candidates])}
    assert found == {letter.letter_id}
    assert scoped.scoped_letters(read_cues("What is the weather like?"), None) == []


def test_grounding_says_why_it_declines(small):
    store, embedder = small
    assistant = Assistant(store, embedder)
    _, _, chosen, grounding = assistant.draft(
        "What did Ann Other say the parks budget for 2024 was?", [])
    assert grounding.grounded and "£300,000" in chosen[0].quote.text
    cues, _, chosen, _ = assistant.draft("What did Ann Other say the parks budget for 2031 was?", [])
    grounding = check_grounding(cues, chosen, store)
    assert not grounding.grounded and any("2031" in r for r in grounding.reasons)


@pytest.mark.parametrize("question, follow_up", [
    ("And when did she reply?", True), ("What about the parks?", True), ("Did he agree?", True),
    ("When will the bridge on Mill Lane reopen?", False),
    # a time the earlier turn set
    ("Has the department improved since then, according to the regulator?", True),
    # a response asked for that says nothing of what it answers
    ("How did the Home Office respond?", True), ("What did the Statistics Authority conclude?", True),
    ("How did the regulator react?", True),
    ("How did the Home Office respond to the Children's Commissioner?", False),
    ("How did the Home Office respond to the backlog figures?", False),
])
def test_follow_ups_are_told_from_new_questions(question, follow_up):
    assert is_follow_up(read_cues(question)) is follow_up


@pytest.mark.parametrize("question, elliptical", [
    ("And the year before?", True), ("What about 2014?", True), ("And for convictions?", True),
    ("So what about the Home Office?", True), ("And how did the Minister reply?", False),
    ("What about what she said?", False), ("Did he agree?", False),
])
def test_a_follow_up_asking_nothing_of_its_own_is_told(question, elliptical):
    """No word of it asks (beside "what about"): it asks what the earlier question asked."""
    assert is_elliptical(question) is elliptical


def _request(headers: dict[str, str] | None = None, cookie: str | None = None) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    if cookie:
        raw.append((b"cookie", f"missive_session={cookie}".encode()))
    return Request({"type": "http", "method": "GET", "path": "/", "headers": raw})


def test_keys_grant_what_the_access_file_says(tmp_path):
    access = tmp_path / "access.toml"
    digest = hashlib.sha256(b"reader-key").hexdigest()
    access.write_text(f'[[keys]]\nname = "reader"\nkey_sha256 = "{digest}"\n'
                      f'collections = ["default"]\n')
    sessions = Sessions(b"secret")
    keys = ApiKeys("operator-key", False, AccessFile(access), sessions)
    reader = keys.caller(_request({"X-API-Key": "reader-key"}), write=False)
    assert reader.collections == frozenset({"default"}) and not reader.operator
    operator = keys.caller(_request({"Authorization": "Bearer operator-key"}), write=True)
    assert operator.collections is None and operator.operator
    with pytest.raises(HTTPException) as refused:
        keys.caller(_request({"X-API-Key": "reader-key"}), write=True)
    assert refused.value.status_code == 403
    for headers in ({}, {"X-API-Key": "reader-key "}, {"X-API-Key": "nobody"}):
        with pytest.raises(HTTPException) as refused:
            keys.caller(_request(headers), write=False)
        assert refused.value.status_code == 401
    cookie = sessions.issue(digest)
    assert keys.caller(_request(cookie=cookie), write=False).grant.name == "reader"
    assert keys.caller(_request({"X-API-Key": "reader-key"}), False).namespace == digest[:16]
    with pytest.raises(HTTPException):
        keys.caller(_request(cookie=cookie), write=True)  # sessions only read


def test_the_scoped_store_has_no_door_it_does_not_filter(small):
    store, _ = small
    view = ScopedStore(store, frozenset({"elsewhere"}))
    assert view.letters() == [] and view.count_letters() == 0
    assert view.dense_search(FakeEmbedder().encode_query("bridge"), 5) == []
    assert view.lexical_search("bridge", 5) == []
    some_id = store.letters()[0].letter_id
    assert view.letter(some_id) is None and view.letter_passages(some_id) == []
    assert store.letters_by_id([some_id]) != [] and view.letters_by_id([some_id]) == []
    assert view.stats().letters == 3  # counts pass through
    with pytest.raises(AttributeError, match="not readable through a collection-scoped store"):
        view.write([], [])
    assert store.letters(LetterFilter(collections=frozenset())) == []


def test_each_part_declares_its_own_settings_and_the_interfaces_compose_them(monkeypatch):
    """The indexer knows nothing of HTTP, Slack or the model that writes answers; the one
    Settings object holds every part's settings, read from the same MISSIVE_* variables."""
    from assistant.interfaces.http.settings import HttpSettings
    from assistant.interfaces.settings import Settings
    from assistant.interfaces.slack.settings import SlackSettings
    from assistant.settings import AssistantSettings
    from indexer.settings import IndexSettings

    index, http, slack = (set(c.model_fields) for c in (IndexSettings, HttpSettings, SlackSettings))
    own = set(AssistantSettings.model_fields) - index
    assert own == {"llm_url", "llm_model", "llm_api_key", "llm_timeout", "llm_max_tokens"}
    assert not (index & http) and not (index & slack) and not (http & slack)
    assert {"port", "api_keys"} <= http and {"slack_bot_token", "slack_command"} <= slack
    assert index | own | http | slack <= set(Settings.model_fields)
    monkeypatch.setenv("MISSIVE_PORT", "9001")
    monkeypatch.setenv("MISSIVE_BATCH_SIZE", "7")
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    settings = Settings()
    assert (settings.port, settings.batch_size, settings.slack_bot_token) == (9001, 7, "xoxb-test")
    assert IndexSettings().batch_size == 7 and not hasattr(IndexSettings(), "port")


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

    def scored(sentence: str, score: float, similarity: float) -> ScoredSentence:
        start = text.index(sentence)
        return ScoredSentence(Quote("t.1", "p", start, start + len(sentence), sentence), letter,
                              score, similarity)

    best = scored("The figures were late.", 1.0, 0.50)
    second = scored("We will review them.", 0.9, 0.30)
    close = scored("They were published in an annex.", 0.85, 0.55)
    far = scored("Our team met yours in May.", 0.95, 0.40)
    thanks = scored("Thank you for your letter about the report.", 0.95, 0.60)
    weak = scored("They were published in an annex.", 0.7, 0.9)
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

    def scored(sentence: str, score: float) -> ScoredSentence:
        start = text.index(sentence)
        return ScoredSentence(Quote("n.1", "p", start, start + len(sentence), sentence), letter,
                              score)

    release = scored("We may publish a one-off release of the data.", 1.0)
    cost = scored("Ad hoc releases cost analysts' time.", NEXT_SENTENCE_SHARE)
    may = scored("We met in May.", 0.9)
    fine = scored("The weather was fine.", 0.1)
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
        start = text.index(sentence)
        return ScoredSentence(Quote("l.1", "p", start, start + len(sentence), sentence), letter, 1.0)

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


class SlowCountingEmbedder(FakeEmbedder):
    """The fake embedder, taking a while per call and counting the texts it encodes; it fails
    for a text holding 'broken'."""

    def __init__(self):
        self.encoded: list[str] = []
        self.release = threading.Event()

    def encode_queries(self, texts):
        self.release.wait(5)
        if any("broken" in t for t in texts):
            raise RuntimeError("the model failed")
        self.encoded += texts
        return self.encode(texts)


def test_a_query_text_on_its_way_is_awaited_not_encoded_twice():
    embedder = SlowCountingEmbedder()
    vectors = QueryVectors(embedder, memory=2)
    vectors.ahead(["question"])
    vectors.ahead(["question", "words", "more"])  # the question is already on its way
    waiter = threading.Thread(target=vectors.many, args=(["words", "question", "other"],))
    waiter.start()
    embedder.release.set()
    waiter.join(5)
    assert sorted(embedder.encoded) == ["more", "other", "question", "words"]
    expected = embedder.encode(["question"])[0]
    assert (vectors.of("question") == expected).all()  # forgotten (memory 2): encoded again
    assert embedder.encoded.count("question") == 2
    vectors.ahead(["a broken text"])
    with pytest.raises(RuntimeError, match="the model failed"):
        vectors.of("a broken text")
    with pytest.raises(RuntimeError, match="the model failed"):  # tried again, not stuck
        vectors.of("a broken text")
    assert vectors.many([]).shape == (0, embedder.dimension)


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
