"""A property of the write endpoints: after any sequence of uploads, deletes, edits in place
and re-index runs, the index and the corpus folder agree, on both store backends.

- `/health` counts exactly the letters `/letters` lists;
- every listed letter's file is in the corpus folder, and every kept upload is listed;
- nothing of a deleted letter can be found by its own words.
"""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

KEY = "property-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
LETTER = ("{day} March 2024\n\nDear Ms Patel,\n\nThe harbour authority will dredge berth {token} "
          "in April.\n\nYours sincerely,\n\nAnn Other\nHarbour Master\n")
OPERATIONS = st.lists(st.one_of(
    st.tuples(st.just("upload"), st.integers(1, 28)),
    st.tuples(st.just("delete"), st.integers(0, 50)),
    st.tuples(st.just("edit"), st.integers(0, 50)),
    st.tuples(st.just("reindex"), st.just(0)),
), min_size=1, max_size=8)


@pytest.fixture
def world(build):
    """One app and corpus for all of a test's examples: the properties hold of whatever state
    the earlier examples left."""
    app, corpus = build(api_keys=KEY)
    with TestClient(app) as client:
        yield client, corpus, {"alive": {}, "deleted": set(), "tokens": itertools.count()}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_index_and_corpus_agree_after_any_sequence_of_writes(world, operations):
    client, corpus, state = world
    alive, deleted = state["alive"], state["deleted"]  # token -> file name; tokens
    for kind, number in operations:
        if kind == "upload":
            token = f"t{next(state['tokens'])}x"
            response = client.post("/letters", headers=AUTH, files=[(
                "files", (f"{token}.txt", LETTER.format(day=number, token=token).encode()))])
            assert response.status_code == 201, response.text
            alive[token] = response.json()["saved"][0]
        elif kind in ("delete", "edit") and alive:
            token = sorted(alive)[number % len(alive)]
            letters = client.get("/letters", params={"limit": 500}).json()["letters"]
            [letter_id] = [x["letter_id"] for x in letters if x["source_path"] == alive[token]]
            if kind == "delete":
                assert client.delete(f"/letters/{letter_id}", headers=AUTH).status_code == 200
                del alive[token]
                deleted.add(token)
            else:  # the file rewritten in place, then a run over the whole folder
                (corpus / alive[token]).write_text(LETTER.format(day=1, token=token) + "\nP.S.\n")
                assert client.post("/reindex", headers=AUTH).status_code == 200
        elif kind == "reindex":
            assert client.post("/reindex", headers=AUTH).status_code == 200

    listed = client.get("/letters", params={"limit": 500}).json()
    assert client.get("/health").json()["letters"] == listed["total"] == len(listed["letters"])
    files = {x["source_path"] for x in listed["letters"]}
    assert all((corpus / name).is_file() for name in files)
    assert set(alive.values()) <= files
    for token in deleted:
        results = client.get("/search", params={"q": f"berth {token}", "k": 10}).json()["results"]
        assert not any(token in r["text"] for r in results), token
