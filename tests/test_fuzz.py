"""Property-based fuzz of the API's inputs: whatever arrives, the answer is never a 5xx."""

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.interfaces.http.app import create_app

TEXT = st.text(min_size=0, max_size=300)
MAYBE = st.one_of(st.none(), TEXT, st.integers(-10**6, 10**6))
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def client(assistant):
    with TestClient(create_app(assistant)) as client:
        yield client


@FUZZ
@given(params=st.dictionaries(st.sampled_from(["q", "k", "sender", "recipient", "date_from",
                                               "date_to", "mode", "other"]), MAYBE))
def test_search_never_5xx(client, params):
    response = client.get("/search", params={k: v for k, v in params.items() if v is not None})
    assert response.status_code < 500, response.text
    if response.status_code != 200:
        assert set(response.json()) == {"error", "detail"}


JSON = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False),
                              TEXT), lambda inner: st.one_of(st.lists(inner, max_size=4),
                              st.dictionaries(TEXT, inner, max_size=4)), max_leaves=10)


@FUZZ
@given(body=st.one_of(JSON, st.fixed_dictionaries(
    {"question": TEXT}, optional={"history": JSON, "conversation_id": MAYBE, "filters": JSON})))
def test_ask_never_5xx(client, body):
    response = client.post("/ask", json=body)
    assert response.status_code < 500, response.text


@FUZZ
@given(path=st.text(min_size=1, max_size=80))
def test_letter_ids_never_5xx(client, path):
    response = client.get(f"/letters/{quote(path, safe='')}")
    assert response.status_code < 500
