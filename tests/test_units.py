"""The fast unit layer: fusion, letter scope, grounding reasons, follow-up detection, key
checks and the scoped store's closed door, without the embedding model (tests/fakes.py), in
milliseconds each."""

import hashlib
import threading

import pytest
from fakes import FakeEmbedder, small_index
from fastapi import HTTPException
from starlette.requests import Request

from assistant.access import AccessFile
from assistant.answer import SentenceSelector
from assistant.cues import read_cues
from assistant.follow_up_cues import is_follow_up
from assistant.grounding import check_grounding
from assistant.interfaces.http.auth import ApiKeys
from assistant.interfaces.http.sessions import Sessions
from assistant.query_vectors import QueryVectors
from assistant.question_forms import is_elliptical
from assistant.retrieval.base import Candidate, Ranking, RetrievalQuery
from assistant.retrieval.fusion import ReciprocalRankFusion
from assistant.retrieval.letter_scope import LetterScopeRetriever
from assistant.service import Assistant
from indexer.store import LetterFilter, ScopedStore


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


def test_an_assistant_multiplies_numpy_matrices_on_one_thread(small):
    """An answer's matrix products are small; OpenBLAS's spare threads would spin between
    them on the cores the encoder threads and SQLite need (eval/bench_search.py measures the
    difference)."""
    from threadpoolctl import threadpool_info

    Assistant(*small)
    numpys = [i for i in threadpool_info()
              if i["internal_api"] == "openblas" and "numpy" in i["filepath"]]
    assert numpys and all(i["num_threads"] == 1 for i in numpys)


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


def test_the_selector_weighs_the_sentences_before_it_awaits_the_questions_vector(small):
    """The sentence model's vector of the question is the last thing an answer waits for:
    the selector reads the sentences' vectors first, asks for the question's once, and
    scores by both."""
    assistant = Assistant(*small)
    cues = assistant.read_question("When will the bridge reopen?")
    hits = assistant.retrieve(cues.question, 3, cues=cues)
    order: list[str] = []

    class Sentences:
        def of(self, texts):
            order.append("sentences")
            return assistant.vectors.of(texts)

    def question_vectors():
        order.append("question")
        return [assistant.query_vector(cues.sentence_subject())]

    ranked = SentenceSelector([Sentences()]).run(cues, hits, question_vectors)
    assert order == ["sentences", "question"]
    assert "June" in ranked[0].quote.text and ranked[0].similarity > 0
