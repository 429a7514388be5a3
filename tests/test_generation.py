"""Generated answers, on both backends: a scripted OpenAI-compatible server answers faithfully,
with a fabricated figure, a real quote cited to the wrong passage, no citation marks, an
invented person, a 500, a timeout and invalid JSON; only sentences the citation gate lets
through are shown, every failure falls back to the extractive answer, and the request holds
the chosen passages. Then a real model (SmolLM2-135M on llama.cpp's server) end to end."""

import re

import pytest
from fake_llm import FakeLLM, number_of, passages_sent, reply
from fastapi.testclient import TestClient

from assistant.generation import ChatClient
from assistant.generation.gate import Evidence, split_marked, unsupported_facts
from assistant.service import Assistant, Hit

QUESTION = "What did the Minister commit on Recommendation One?"
OFFER = "offer of support to progress work on Recommendation One"


@pytest.fixture(scope="module")
def llm():
    fake = FakeLLM()
    yield fake
    fake.close()


@pytest.fixture
def generating(shipped_index, embedder, llm):
    llm.requests.clear()
    client = ChatClient(llm.url, "fake-model", api_key="llm-key", timeout=1.0)
    yield Assistant(shipped_index[0], embedder, client)
    client.close()


def faithful(body) -> str:
    n = number_of(body, OFFER)
    return f"The Minister welcomed the {OFFER} and said officials would make contact [{n}]."


def check_shown(assistant: Assistant, response) -> None:
    """Every sentence shown cites verified quotes and states nothing its passages lack."""
    by_n = {c.n: c for c in response.citations}
    for sentence in split_marked(response.answer):
        assert sentence.marks and all(n in by_n for n in sentence.marks), sentence
        hits = []
        for n in sentence.marks:
            c = by_n[n]
            letter = assistant.store.letter(c.letter_id)
            assert letter.text[c.start:c.end] == c.quote
            [passage] = assistant.store.passages([c.passage_id])
            hits.append(Hit(passage, letter, 1.0))
        assert unsupported_facts(sentence.text, Evidence.of(hits)) == [], sentence


def test_a_faithful_answer_is_shown_with_verbatim_quotes(generating, llm):
    llm.script = lambda body: reply(faithful(body))
    response = generating.ask(QUESTION)
    assert response.answer_mode == "generated" and response.dropped == []
    assert response.answer.startswith("The Minister welcomed the offer") and "[1]" in response.answer
    [citation] = response.citations
    assert "Recommendation One" in citation.quote and citation.date == "2021-12-09"
    check_shown(generating, response)
    [request] = llm.requests
    assert request["path"] == "/v1/chat/completions"
    assert request["headers"]["Authorization"] == "Bearer llm-key"
    body = request["body"]
    assert body["model"] == "fake-model" and body["temperature"] == 0
    sent = passages_sent(body)
    assert 1 <= len(sent) <= 5 and any(OFFER in text for text in sent.values())
    assert "from: Rachel Maclean MP (Minister for Safeguarding)" in body["messages"][-1]["content"]


@pytest.mark.parametrize("case, sentence, reason", [
    ("fabricated figure", lambda b: f"The Minister promised £99m for work on Recommendation "
                                    f"One [{number_of(b, OFFER)}].", "the figure 99000000"),
    ("quote cited to the wrong passage",
     lambda b: f"The Minister wrote “{OFFER}” [{next(n for n in passages_sent(b) if n != number_of(b, OFFER))}].",
     "the quote"),
    ("no citation marks", lambda b: f"The Minister welcomed the {OFFER}.", "cites no passage"),
    ("invented person", lambda b: f"Sir Quentin Blathersby welcomed the {OFFER} "
                                  f"[{number_of(b, OFFER)}].", "the name Quentin"),
    ("a passage not given", lambda b: f"The Minister welcomed the {OFFER} [9].",
     "not given"),
])
def test_a_sentence_the_passages_do_not_support_is_dropped(generating, llm, case, sentence, reason):
    llm.script = lambda body: reply(f"{faithful(body)} {sentence(body)}")
    response = generating.ask(QUESTION)
    assert response.answer_mode == "generated", case
    assert [d.reason for d in response.dropped if reason in d.reason], (case, response.dropped)
    assert len(split_marked(response.answer)) == 1  # the faithful sentence alone
    check_shown(generating, response)
    llm.script = lambda body: reply(sentence(body))  # alone: nothing passes, so extractive
    alone = generating.ask(QUESTION)
    assert alone.answer_mode == "extractive" and alone.dropped
    assert alone.answer == generating.ask(QUESTION).answer


@pytest.mark.parametrize("case, script", [
    ("500", lambda body: (500, b'{"error": "overloaded"}')),
    ("timeout", lambda body: (*reply("Too late [1]."), 3)),
    ("invalid JSON", lambda body: (200, b"{not json")),
    ("no choices", lambda body: (200, b'{"choices": []}')),
    ("empty answer", lambda body: reply("")),
])
def test_a_failing_model_leaves_the_extractive_answer(generating, llm, embedder, shipped_index,
                                                      case, script):
    llm.script = script
    response = generating.ask(QUESTION)
    assert response.answer_mode == "extractive" and response.dropped == [], case
    assert response.answer == Assistant(shipped_index[0], embedder).ask(QUESTION).answer


def test_the_model_is_not_asked_when_the_letters_do_not_answer(generating, llm):
    llm.script = lambda body: reply("The Minister resigned in 1990 [1].")
    response = generating.ask("What did the Archbishop of Canterbury say about fishing quotas?")
    assert response.no_answer and response.answer_mode == "extractive" and not llm.requests


def test_earlier_turns_are_sent_and_http_shows_the_mode(generating, llm):
    from assistant.interfaces.http.app import create_app

    llm.script = lambda body: reply(faithful(body))
    with TestClient(create_app(generating)) as client:
        first = client.post("/ask", json={"question": QUESTION, "conversation_id": "g1"}).json()
        assert first["answer_mode"] == "generated" and first["dropped"] == []
        client.post("/ask", json={"question": "And when did she write it?",
                                  "conversation_id": "g1"})
    messages = llm.requests[-1]["body"]["messages"]
    assert [m["role"] for m in messages[1:3]] == ["user", "assistant"]
    assert messages[1]["content"] == QUESTION and messages[2]["content"] == first["answer"]


def test_marks_after_the_full_stop_and_lists_are_read():
    found = split_marked("First point. [1][2]\n- Second point [3].\n.")
    assert [(s.text, s.marks) for s in found] == [("First point.", [1, 2]),
                                                  ("Second point.", [3])]


# -- a real model -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def smollm2():
    from eval.live_server import free_port
    from eval.local_llm import LocalModelMissing, local_model

    try:
        with local_model(free_port()) as url:
            yield url
    except LocalModelMissing as exc:
        pytest.skip(f"the real-model test needs it: {exc}")


@pytest.mark.parametrize("question", [QUESTION, "How did the Home Office respond to OSR's concerns?",
                                      "How much had the Home Office invested since October 2016?"])
def test_a_real_model_shows_only_sentences_that_pass_the_gate(smollm2, shipped_index, embedder,
                                                              question):
    client = ChatClient(smollm2, "smollm2-135m", timeout=60)
    assistant = Assistant(shipped_index[0], embedder, client)
    try:
        response = assistant.ask(question)
    finally:
        client.close()
    if response.answer_mode == "generated":
        check_shown(assistant, response)
    else:  # the gate stopped every sentence, or the model failed: the extractive answer
        assert response.answer == Assistant(shipped_index[0], embedder).ask(question).answer
    for dropped in response.dropped:
        assert dropped.sentence not in response.answer
        assert re.search(r"cites|states|meaning", dropped.reason)


def test_slack_replaces_its_placeholder_once_with_the_gated_answer(generating, llm, fake):
    import uuid

    from fake_slack import SECRET, event_callback, mention, signed_headers

    from assistant.interfaces.http.app import create_app
    from assistant.interfaces.settings import Settings

    llm.script = lambda body: reply(f"{faithful(body)} Sir Quentin Blathersby agreed "
                                    f"[{number_of(body, OFFER)}].")
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET,
                        slack_api_url=fake.base_url)
    with TestClient(create_app(generating, settings)) as client:
        body = event_callback(mention(QUESTION), f"Ev{uuid.uuid4().hex[:10]}")
        client.post("/slack/events", content=body,
                    headers=signed_headers(body, "application/json"))
        update = fake.wait_for("chat.update")[0].body
        assert "Looking through the letters" in fake.wait_for("chat.postMessage")[0].body["text"]
    assert len(fake.calls_to("chat.update")) == 1
    assert "The Minister welcomed the offer" in update["text"] and "Quentin" not in update["text"]


def test_facts_are_compared_normalised():
    from assistant.generation.gate import dates_in, figures_in

    assert figures_in("£15m") == figures_in("£15 million") == figures_in("15,000,000") == {"15000000"}
    assert figures_in("12 per cent") == figures_in("12%") == {"12%"}
    assert dates_in("on 9 December 2021")[0] == dates_in("on 2021-12-09")[0] == {"2021-12-09"}
    evidence = Evidence("the home office has invested £15m since 9 december 2021",
                        {"2021-12-09"}, {"15000000"})
    assert unsupported_facts("It invested £15 million from 2021-12-09 [1].", evidence) == []
    assert unsupported_facts("It invested 15 million in December 2021 [1].", evidence) == []
    assert unsupported_facts("It invested £16m in 2020 [1].", evidence) == [
        "the figure 16000000", "the figure 2020"]


def test_the_web_page_says_a_model_wrote_the_answer(generating, llm):
    from assistant.interfaces.http.app import create_app

    llm.script = lambda body: reply(f"{faithful(body)} Sir Quentin Blathersby agreed "
                                    f"[{number_of(body, OFFER)}].")
    with TestClient(create_app(generating)) as client:
        page = client.get("/", params={"q": QUESTION}, headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Written by the model" in page.text and "1 that were not supported" in page.text
    assert "Quentin" not in page.text  # the dropped sentence is nowhere on the page
