"""Collections and access, on both backends: a key, a signed-in browser or a Slack channel
limited to some collections never sees a word, id or title of a letter in another, from any
endpoint; the same requests with a key for both collections find them."""

import re
import sqlite3
import time

import pytest
from access_corpus import (
    CASEWORKER,
    CLERK,
    COLLECTIONS,
    GRANTS,
    OPERATOR,
    PUBLIC,
    SECRETS,
    access_app,
    access_toml,
    grant_key,
    make_corpus,
)
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.pipeline import IndexPipeline


@pytest.fixture
def site(tmp_path, embedder, backend, make_store):
    """An app over two public letters and two casework letters, with an access file."""
    app, store, corpus, access = access_app(tmp_path, embedder, backend, make_store,
                                            api_keys=OPERATOR)
    with TestClient(app) as client:
        client.access = access
        client.casework_ids = [x.letter_id for x in store.letters() if x.collection == "casework"]
        client.corpus = corpus
        yield client


def auth(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


SEARCHES = ["damp Marrowbone Court inspector", "Quillfeather Thistlewood"]
QUESTIONS = ["What did Ottoline Brackenbury promise about the damp at Marrowbone Court?",
             "How did the caseworker respond to Ms Quillfeather's letter of 5 March 2024?",
             "Who will inspect the property by 19 March 2024?",
             "What did the Minister commit on Recommendation One?",
             # misspelt: read as the casework name only by a caller who may see it
             "What did Ms Brackenbery promise about the damp?"]


def every_read(client, headers: dict) -> list:
    """Every read endpoint, with questions and filters that point at the casework letters."""
    responses = []
    for mode in ("hybrid", "dense", "bm25"):
        for q in SEARCHES:
            responses.append(client.get("/search", params={"q": q, "mode": mode, "k": 50},
                                        headers=headers))
    responses.append(client.get("/search", params={"q": "damp", "collection": "casework"},
                                headers=headers))
    for q in QUESTIONS:
        responses.append(client.post("/ask", json={"question": q}, headers=headers))
    responses.append(client.post("/ask", json={"question": QUESTIONS[0],
                                               "filters": {"collection": "casework"}},
                                 headers=headers))
    responses.append(client.post("/ask", json={"question": QUESTIONS[0],
                                               "conversation_id": "c1"}, headers=headers))
    responses.append(client.post("/ask", json={"question": "And what did she say back?",
                                               "conversation_id": "c1"}, headers=headers))
    for path in ("/letters?limit=500", "/letters?collection=casework", "/threads",
                 "/commitments", "/commitments?collection=casework", "/metrics", "/health"):
        responses.append(client.get(path, headers=headers))
        responses.append(client.get(path, headers={**headers, "accept": "text/html"}))
    responses.append(client.get("/", params={"q": QUESTIONS[0]},
                                headers={**headers, "accept": "text/html"}))
    return responses


def unasked(text: str) -> str:
    """The response without the caller's own words echoed back (`query`, `question`)."""
    text = text.lower()
    for asked in SEARCHES + QUESTIONS:
        text = text.replace(asked.lower(), "").replace(asked.lower().replace(" ", "+"), "")
    return text


def test_a_key_limited_to_default_sees_nothing_of_casework(site):
    for response in every_read(site, auth(PUBLIC)):
        assert response.status_code == 200, (response.request.url, response.text[:200])
        text = unasked(response.text)
        leaked = [w for w in SECRETS + [i.lower() for i in site.casework_ids] if w in text]
        assert not leaked, (response.request.url, leaked)
        # why a question was declined would tell of the letters it was checked against
        assert not response.request.url.path.endswith("/ask") or (
            response.json()["declined_because"] == []), response.text[:300]
    for letter_id in site.casework_ids:  # as absent as a letter that never existed
        for path in (f"/letters/{letter_id}", f"/letters/{letter_id}/source"):
            response = site.get(path, headers=auth(PUBLIC))
            assert response.status_code == 404
            assert response.json()["detail"] == f"no letter {letter_id!r} in the index"
        assert site.delete(f"/letters/{letter_id}", headers=auth(CLERK)).status_code == 404


def test_a_key_for_both_collections_finds_them_with_the_same_requests(site):
    texts = " ".join(r.text.lower() for r in every_read(site, auth(CASEWORKER)))
    assert all(word in texts for word in SECRETS)
    hits = site.get("/search", params={"q": "damp Marrowbone Court"},
                    headers=auth(CASEWORKER)).json()["results"]
    assert hits[0]["collection"] == "casework" and hits[0]["letter_id"] in site.casework_ids
    answer = site.post("/ask", json={"question": QUESTIONS[0]}, headers=auth(CASEWORKER)).json()
    assert not answer["no_answer"] and answer["citations"][0]["collection"] == "casework"
    respelt = site.post("/ask", json={"question": QUESTIONS[-1]}, headers=auth(CASEWORKER)).json()
    assert respelt["read_as"] == {"Brackenbery": "Brackenbury"}
    public = site.post("/ask", json={"question": QUESTIONS[-1]}, headers=auth(PUBLIC)).json()
    assert public["read_as"] == {} and public["no_answer"]
    threads = site.get("/threads", headers=auth(CASEWORKER)).json()["threads"]
    assert any({x["letter_id"] for x in t["letters"]} == set(site.casework_ids) for t in threads)
    for letter_id in site.casework_ids:
        detail = site.get(f"/letters/{letter_id}", headers=auth(CASEWORKER)).json()
        assert detail["collection"] == "casework"
    only = site.get("/letters", params={"collection": "casework"}, headers=auth(OPERATOR)).json()
    assert {x["letter_id"] for x in only["letters"]} == set(site.casework_ids)
    page = site.get("/", params={"q": "damp", "collection": "casework"},
                    headers={**auth(CASEWORKER), "accept": "text/html"})
    assert "Marrowbone Court" in page.text and "hidden-victims" not in page.text
    bad = site.get("/", params={"q": "damp", "collection": "No Such"},
                   headers={**auth(CASEWORKER), "accept": "text/html"})
    assert bad.status_code == 422 and "not a collection name" in bad.text


def test_every_endpoint_but_health_needs_a_key_and_health_shows_counts_only(site):
    for path in ("/search?q=damp", "/letters", "/threads", "/commitments", "/metrics",
                 f"/letters/{site.casework_ids[0]}"):
        assert site.get(path).status_code == 401
        assert site.get(path, headers=auth("not-a-key")).status_code == 401
    assert site.post("/ask", json={"question": "damp?"}).status_code == 401
    health = site.get("/health").json()
    assert health["letters"] == 6 and health["index"] is None
    assert site.get("/health", headers=auth(OPERATOR)).json()["index"]
    assert site.get("/", headers={"accept": "text/html"}, follow_redirects=False
                    ).headers["location"] == "/login"


def test_writes_stay_within_the_keys_collections(site):
    note = "4 April 2024\n\nDear Mr Thistlewood,\n\nPlease report on the inspection.\n\nYours,\n\nA. Clerk\n"
    files = {"files": ("note.txt", note)}
    assert site.post("/letters", params={"collection": "casework"}, files=files,
                     headers=auth(PUBLIC)).status_code == 403  # may not write at all
    refused = site.post("/letters", params={"collection": "casework"}, files=files,
                        headers=auth(CLERK))
    assert refused.status_code == 403 and "casework" in refused.json()["detail"]
    assert site.post("/letters", params={"collection": "Bad Name"}, files=files,
                     headers=auth(CASEWORKER)).status_code == 422
    dense = {"q": "report on the inspection", "mode": "dense", "collection": "casework"}
    before = site.get("/search", params=dense, headers=auth(CASEWORKER)).json()["results"]
    saved = site.post("/letters", params={"collection": "casework"}, files=files,
                      headers=auth(CASEWORKER)).json()
    after = site.get("/search", params=dense, headers=auth(CASEWORKER)).json()["results"]
    # the filter's remembered passage ids follow the index to its new generation
    assert ({r["letter_id"] for r in after} - {r["letter_id"] for r in before}
            == set(saved["letter_ids"]))
    assert after[0]["letter_id"] == saved["letter_ids"][0]
    assert saved["saved"] == ["casework/note.txt"] and (site.corpus / "casework" / "note.txt").exists()
    letter = site.get(f"/letters/{saved['letter_ids'][0]}", headers=auth(CASEWORKER)).json()
    assert letter["collection"] == "casework"
    assert site.get(f"/letters/{saved['letter_ids'][0]}", headers=auth(PUBLIC)).status_code == 404
    # a re-index by a key limited to 'default' reads only 'default'
    (site.corpus / "casework" / "note.txt").unlink()
    summary = site.post("/reindex", headers=auth(CLERK)).json()
    assert summary["removed"] == []
    assert site.post("/reindex", headers=auth(CASEWORKER)).json()["removed"] == ["casework/note.txt"]


def test_sign_in_sets_a_signed_session_and_pages_show_what_it_sees(site):
    html = {"accept": "text/html"}
    assert site.post("/login", data={"key": "wrong"}).status_code == 401
    signed = site.post("/login", data={"key": PUBLIC}, follow_redirects=False)
    assert signed.status_code == 303
    cookie = signed.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and PUBLIC not in cookie
    page = site.get("/letters", headers=html)
    assert page.status_code == 200 and "Signed in as public; sees default" in page.text
    assert "Marrowbone" not in page.text
    found = site.get("/", params={"q": QUESTIONS[0]}, headers=html)
    assert not any(w in unasked(found.text) for w in SECRETS)
    assert site.post("/letters", files={"files": ("x.txt", "x")}).status_code == 401  # not writes
    value = site.cookies.get("missive_session")
    site.cookies.clear()
    payload, signature = value.split(".")
    for forged in (f"{payload}x.{signature}", f"{payload}.{signature[::-1]}", payload, PUBLIC):
        assert site.get("/letters", headers={"cookie": f"missive_session={forged}"}
                        ).status_code == 401  # a tampered session is no session
    site.post("/login", data={"key": CASEWORKER})
    assert "Marrowbone" in site.get("/letters", headers=html).text
    site.get("/logout")
    assert site.get("/letters").status_code == 401


def test_the_access_file_is_read_again_when_it_changes(site, caplog):
    assert site.get("/letters", params={"collection": "casework"},
                    headers=auth(PUBLIC)).json()["total"] == 0
    time.sleep(0.01)
    site.access.write_text(access_toml(public=("default", "casework")))
    assert site.get("/letters", params={"collection": "casework"},
                    headers=auth(PUBLIC)).json()["total"] == 2
    site.access.write_text("[[keys]]\nname = 'broken'\n")  # refused: the rules before stay
    assert site.get("/letters", headers=auth(PUBLIC)).status_code == 200
    assert "needs key_sha256" in caplog.text
    site.access.write_text(access_toml().replace(f'key = "{CLERK}"', 'key = "new-clerk-key"'))
    assert site.get("/letters", headers=auth(CLERK)).status_code == 401  # revoked at once
    assert site.get("/letters", headers=auth("new-clerk-key")).status_code == 200
    site.access.unlink()
    assert site.get("/letters", headers=auth(PUBLIC)).status_code == 401
    assert site.get("/letters", headers=auth(OPERATOR)).status_code == 200


VOCABULARY = ["damp", "Marrowbone", "Quillfeather", "inspect", "Gazette", "Pemberton", "repairs",
              "figures", "Minister", "Recommendation", "victims", "statistics", "letter", "reply"]


def letter_ids_in(body) -> set[str]:
    """Every letter id anywhere in a JSON response."""
    if isinstance(body, dict):
        found = {body["letter_id"]} if isinstance(body.get("letter_id"), str) else set()
        return found.union(*(letter_ids_in(v) for v in body.values()))
    if isinstance(body, list):
        return set().union(*(letter_ids_in(v) for v in body))
    return set()


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(grant=st.sampled_from(GRANTS), words=st.lists(st.sampled_from(VOCABULARY), min_size=1,
                                                     max_size=3),
       endpoint=st.sampled_from(["hybrid", "dense", "bm25", "ask", "letters", "commitments",
                                 "threads"]),
       narrowed=st.sampled_from([None, *COLLECTIONS]))
def test_any_key_sees_exactly_its_collections(site, grant, words, endpoint, narrowed):
    collection_of = {x["letter_id"]: x["collection"] for x in site.get(
        "/letters", params={"limit": 500}, headers=auth(OPERATOR)).json()["letters"]}
    query, headers = " ".join(words), auth(grant_key(grant))
    narrowed = None if endpoint == "threads" else narrowed  # threads take no filters
    filters = {"collection": narrowed} if narrowed else {}
    if endpoint == "ask":
        response = site.post("/ask", json={"question": query + "?", "filters": filters},
                             headers=headers)
    elif endpoint in ("letters", "commitments", "threads"):
        response = site.get(f"/{endpoint}", params={"limit": 500, **filters}
                            if endpoint == "letters" else filters, headers=headers)
    else:
        response = site.get("/search", params={"q": query, "mode": endpoint, "k": 50, **filters},
                            headers=headers)
    assert response.status_code == 200, response.text
    seen = {collection_of[i] for i in letter_ids_in(response.json())}
    assert seen <= grant and (narrowed is None or seen <= {narrowed})
    if endpoint == "letters":  # a listing shows all it may, not merely nothing it may not
        expected = {c for c in collection_of.values() if c in grant and narrowed in (None, c)}
        assert seen == expected


@pytest.mark.parametrize("text, reason", [
    ("[[keys]\n", "not valid TOML"),
    ('[[keys]]\nname = "a"\n', "needs key_sha256 (or key)"),
    ('[[keys]]\nname = "a"\nkey_sha256 = "abc"\ncollections = ["default"]\n', "64 hex digits"),
    ('[[keys]]\nname = "a"\nkey = "k"\ncollections = ["Case Work"]\n', "not a collection name"),
    ('[[keys]]\nname = "a"\nkey = "k"\ncollections = "default"\n', "must be a list"),
    ('[[keys]]\nname = "a"\nkey = "k"\ncollections = ["default"]\nwrite = "yes"\n',
     "write must be true or false"),
    (('[[keys]]\nname = "a"\nkey = "k"\ncollections = ["*"]\n'
      '[[keys]]\nname = "b"\nkey = "k"\ncollections = ["*"]\n'), "the same key as 'a'"),
    ('[slack.channels]\nC1 = ["no way"]\n', "[slack.channels] C1"),
])
def test_a_broken_access_file_stops_the_server_with_its_reason(tmp_path, text, reason):
    from assistant.access import AccessFile, AccessFileError

    path = tmp_path / "access.toml"
    path.write_text(text)
    with pytest.raises(AccessFileError, match=re.escape(reason)):
        AccessFile(path)
    with pytest.raises(AccessFileError, match="no such file"):
        AccessFile(tmp_path / "missing.toml")


def test_an_index_of_the_previous_schema_gains_collections_in_place(tmp_path, embedder):
    """An index written before collections existed (schema 6) is upgraded when opened: every
    letter keeps its place and gets the collection of its path, with no re-index."""
    from indexer.store import LetterFilter, LocalStore

    corpus = make_corpus(tmp_path / "corpus")
    store = LocalStore(tmp_path / "index", embedder.name, embedder.dimension)
    IndexPipeline(store, embedder).run(corpus)
    expected = {x.letter_id: x.collection for x in store.letters()}
    store.close()
    with sqlite3.connect(tmp_path / "index" / "missive.sqlite3") as conn:  # back to schema 6
        conn.executescript("""
            DROP INDEX letters_by_collection; DROP INDEX letters_by_people;
            ALTER TABLE letters DROP COLUMN collection;
            CREATE INDEX letters_by_people ON letters(people, date_start, date_end, letter_id,
                                                      date, sender, recipient);
            UPDATE meta SET value = '6' WHERE key = 'schema_version';""")
    store = LocalStore(tmp_path / "index", embedder.name, embedder.dimension)
    try:
        assert store.letter_collections(list(expected)) == expected
        only = store.letters(LetterFilter(collections=frozenset({"casework"})))
        assert {x.letter_id for x in only} == {i for i, c in expected.items() if c == "casework"}
        assert len(store.dense_search(embedder.encode_query("damp"), 50,
                                      LetterFilter(collections=frozenset({"press"})))) == 1
    finally:
        store.close()
