"""The HTTP API's letters, uploads, deletes, re-index, auth, limits and metrics, over a corpus
of its own that the tests change."""

import shutil
import threading

import httpx
import pytest
from conftest import EXTRA, SEED, serve
from fastapi.testclient import TestClient

KEY = "test-key-0123456789"
AUTH = {"Authorization": f"Bearer {KEY}"}
HARBOUR = ("3 March 2024\n\nDear Ms Patel,\n\nThe harbour authority will dredge the northern "
           "channel in April.\n\nYours sincerely,\n\nAnn Other\nHarbour Master\n")


@pytest.fixture
def api(build):
    app, corpus = build(api_keys=f"other-key,{KEY}", max_upload_mb=1)
    with TestClient(app) as client:
        client.corpus = corpus
        yield client


def test_list_and_read_letters(api):
    page = api.get("/letters", params={"limit": 2}).json()
    assert page["total"] == 3 and len(page["letters"]) == 2 and page["offset"] == 0
    assert [x["date"] for x in page["letters"]] == ["2021-10-27", "2021-12-09"]
    second = api.get("/letters", params={"limit": 2, "offset": 2}).json()["letters"]
    assert [x["date"] for x in second] == ["2022-12-08"]
    only = api.get("/letters", params={"sender": "maclean"}).json()
    assert only["total"] == 1 and only["letters"][0]["date"] == "2021-12-09"
    detail = api.get(f"/letters/{only['letters'][0]['letter_id']}").json()
    assert detail["senders"] == [{"name": "Rachel Maclean MP", "role": "Minister for Safeguarding"}]
    for passage in detail["passages"]:
        assert detail["text"][passage["start"] : passage["end"]] == passage["text"]
    first = api.get("/letters/2021-10-27_thornton-baird-maclean-hidden-victims-txt.1").json()
    assert [n["marker"] for n in first["notes"]] == ["¹", "²", "³"]
    reply = "2021-10-27_thornton-baird-maclean-hidden-victims-txt.2"
    assert first["replied_by"] == [reply] and first["replies_to"] == []
    assert detail["replies_to"] == [first["letter_id"]] and detail["replied_by"] == []
    missing = api.get("/letters/no-such-letter")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"


def test_upload_is_searchable_and_delete_removes_it(api):
    response = api.post("/letters", headers=AUTH,
                        files=[("files", ("Harbour Letter.txt", HARBOUR.encode(), "text/plain"))])
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["saved"] == ["Harbour-Letter.txt"] and body["letter_ids"] == ["Harbour-Letter-txt.1"]
    assert body["summary"]["added"] == ["Harbour-Letter.txt"]
    assert (api.corpus / "Harbour-Letter.txt").read_text() == HARBOUR
    hits = api.get("/search", params={"q": "when will the northern channel be dredged"}).json()
    assert hits["results"][0]["letter_id"] == "Harbour-Letter-txt.1"

    again = api.post("/letters", headers=AUTH,
                     files=[("files", ("Harbour Letter.txt", HARBOUR.encode(), "text/plain"))])
    assert again.json()["saved"] == ["Harbour-Letter-2.txt"]  # never overwrites

    deleted = api.delete("/letters/Harbour-Letter-txt.1", headers=AUTH).json()
    assert deleted["deleted_file"] == "Harbour-Letter.txt"
    assert deleted["letter_ids"] == ["Harbour-Letter-txt.1"]
    assert not (api.corpus / "Harbour-Letter.txt").exists()
    assert api.get("/letters/Harbour-Letter-txt.1").status_code == 404
    results = api.get("/search", params={"q": "northern channel dredged", "k": 50}).json()["results"]
    assert all(r["letter_id"] != "Harbour-Letter-txt.1" for r in results)


@pytest.mark.parametrize("name, saved", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("/abs/path/letter.md", "letter.md"),
    ("..\\..\\windows.txt", "windows.txt"),
    (".hidden.txt", "hidden.txt"),
    ("lettre été.txt", "lettre-ete.txt"),
])
def test_upload_names_stay_in_the_corpus_folder(api, name, saved):
    response = api.post("/letters", headers=AUTH, files=[("files", (name, HARBOUR.encode()))])
    assert response.status_code == 201, response.text
    assert response.json()["saved"] == [saved]
    assert (api.corpus / saved).is_file()


@pytest.mark.parametrize("name, status, code", [
    ("evil\u202etxt.md", 400, "bad_request"),  # right-to-left override
    ("letter.exe", 415, "unsupported_type"),
    ("noextension", 415, "unsupported_type"),
    ("....txt", 400, "bad_request"),
])
def test_bad_upload_names_are_refused(api, name, status, code):
    response = api.post("/letters", headers=AUTH, files=[("files", (name, HARBOUR.encode()))])
    assert response.status_code == status and response.json()["error"] == code
    assert sorted(p.name for p in api.corpus.iterdir()) == sorted([SEED, EXTRA])


@pytest.mark.parametrize("name", ["bad\x00name.txt", "tab\tname.txt", "zero\u200bwidth.txt"])
def test_control_and_invisible_characters_in_names_are_refused(name):
    """Checked on the name itself: HTTP clients may already strip a NUL before sending."""
    from indexer.corpus_writer import BadFileName, safe_file_name

    with pytest.raises(BadFileName):
        safe_file_name(name)


def test_a_vanished_corpus_folder_loses_nothing(build, tmp_path):
    """The folder is unmounted: runs and uploads are refused (the folder's name, not its
    path, in the message) until it is back; a run that would then remove most of the
    letters needs to be asked for."""
    app, corpus = build(api_keys=KEY)
    for n in range(6):
        (corpus / f"harbour-{n}.txt").write_text(HARBOUR.replace("April", f"month {n}"))
    with TestClient(app) as client:
        assert client.post("/reindex", headers=AUTH).json()["letters"] == 9
        mount = corpus.rename(tmp_path / "unmounted")
        refused = client.post("/reindex", headers=AUTH)
        assert refused.status_code == 409 and str(tmp_path) not in refused.json()["detail"]
        upload = client.post("/letters", headers=AUTH, files=[("files", ("new.txt", HARBOUR.encode()))])
        assert upload.status_code == 409 and "missing" in upload.json()["detail"]
        assert not corpus.exists() and client.post("/reindex", headers=AUTH).status_code == 409
        corpus.mkdir()  # an empty folder where the volume was
        emptied = client.post("/reindex", headers=AUTH)
        assert emptied.status_code == 409 and "allow_mass_removal" in emptied.json()["detail"]
        assert client.get("/health").json()["letters"] == 9
        corpus.rmdir()
        mount.rename(corpus)
        assert client.post("/reindex", headers=AUTH).json()["unchanged"] == 8
        shutil.rmtree(corpus)
        corpus.mkdir()
        asked = client.post("/reindex", headers=AUTH, params={"allow_mass_removal": "true"})
        assert asked.status_code == 200 and asked.json()["letters"] == 0


def test_a_citation_to_a_letter_that_changed_since_is_shown_as_changed(api):
    """A letter id comes back for another text when a file is deleted and another is
    uploaded under its name: the citation's version tells the two apart."""
    first = HARBOUR
    upload = api.post("/letters", headers=AUTH, files=[("files", ("reused.txt", first.encode()))])
    letter_id = upload.json()["letter_ids"][0]
    answer = api.post("/ask", json={"question": "When will the harbour authority dredge the "
                                                "northern channel?"}).json()
    [cited] = [c for c in answer["citations"] if c["letter_id"] == letter_id]
    assert cited["letter_version"] == api.get(f"/letters/{letter_id}").json()["version"]
    link = f"/letters/{letter_id}?hl={cited['start']}-{cited['end']}&v={cited['letter_version']}"
    assert "<mark" in api.get(link, headers={"accept": "text/html"}).text
    api.delete(f"/letters/{letter_id}", headers=AUTH)
    other = "9 May 2024\n\nDear Mr Stone,\n\nThe ferry timetable is unchanged this summer.\n\n" \
            "Yours sincerely,\n\nAnn Other\n"
    again = api.post("/letters", headers=AUTH, files=[("files", ("reused.txt", other.encode()))])
    assert again.json()["letter_ids"] == [letter_id]  # the same id, another text
    assert api.get(f"/letters/{letter_id}").json()["version"] != cited["letter_version"]
    page = api.get(link, headers={"accept": "text/html"}).text
    assert "<mark" not in page and "has changed since the link to it was made" in page


def test_upload_size_limit_and_missing_files(api):
    big = b"Dear A,\n\n" + b"x" * (1024 * 1024 + 1)
    response = api.post("/letters", headers=AUTH, files=[("files", ("big.txt", big))])
    assert response.status_code == 413 and response.json()["error"] == "too_large"
    assert api.post("/letters", headers=AUTH).status_code == 422


@pytest.mark.parametrize("name,data,reason", [
    ("empty.txt", b"", "empty file"),
    ("README.txt", HARBOUR.encode(), "README is documentation"),
    ("noise.pdf", bytes(range(256)) * 40, "pdf"),
    ("noise.docx", b"PK\x03\x04" + bytes(200), "docx"),
])
def test_a_file_no_letter_is_read_from_is_refused_and_not_kept(api, name, data, reason):
    """Kept, such a file would be re-read by every run and could not be deleted through the
    API (it has no letter id): it is a 422 with the reason, and gone from the corpus."""
    response = api.post("/letters", headers=AUTH, files=[("files", (name, data))])
    assert response.status_code == 422, response.text
    assert name in response.json()["detail"] and reason.lower() in response.json()["detail"].lower()
    assert sorted(p.name for p in api.corpus.iterdir()) == sorted([SEED, EXTRA])


def test_in_a_batch_the_good_files_are_kept_and_the_bad_reported(api):
    response = api.post("/letters", headers=AUTH, files=[("files", ("empty.txt", b"")),
                                                         ("files", ("harbour.txt", HARBOUR.encode()))])
    assert response.status_code == 201
    body = response.json()
    assert body["saved"] == ["harbour.txt"] and len(body["letter_ids"]) == 1
    assert body["summary"]["failed"] == [{"path": "empty.txt", "reason": "empty file"}]
    assert not (api.corpus / "empty.txt").exists()


@pytest.mark.parametrize("headers, status, code", [
    ({}, 401, "unauthorized"),
    ({"Authorization": "Bearer wrong"}, 401, "unauthorized"),
    ({"X-API-Key": "wrong"}, 401, "unauthorized"),
    ({"X-API-Key": KEY}, 200, None),
    (AUTH, 200, None),
])
def test_write_endpoints_need_a_key(api, headers, status, code):
    response = api.post("/reindex", headers=headers)
    assert response.status_code == status
    if code:
        assert response.json()["error"] == code
        assert response.headers["www-authenticate"] == "Bearer"
        assert api.delete("/letters/x", headers=headers).status_code == 401
    else:
        assert response.json()["unchanged"] == 2


def test_without_configured_keys_writes_are_forbidden_with_advice(build):
    app, _ = build()
    with TestClient(app) as client:
        response = client.post("/reindex", headers=AUTH)
        assert response.status_code == 403
        assert "MISSIVE_API_KEYS" in response.json()["detail"]
        assert client.get("/search", params={"q": "minister"}).status_code == 200


def test_reads_need_a_key_when_required(build):
    app, _ = build(api_keys=KEY, require_key=True)
    with TestClient(app) as client:
        assert client.get("/search", params={"q": "minister"}).status_code == 401
        assert client.get("/letters").status_code == 401
        assert client.get("/search", params={"q": "minister"}, headers=AUTH).status_code == 200


def test_a_second_reindex_while_one_runs_is_409(api):
    with api.app.state.indexer.exclusive():
        response = api.post("/reindex", headers=AUTH)
    assert response.status_code == 409 and response.json()["error"] == "conflict"
    assert api.post("/reindex", headers=AUTH).status_code == 200


@pytest.mark.parametrize("params", [
    {"q": "x" * 2001}, {"q": "x", "k": 101}, {"q": "x", "date_to": "2021-02-30"},
    {"q": "x", "sender": "s" * 201},
])
def test_limits_are_422_with_error_and_detail(api, params):
    response = api.get("/search", params=params)
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request" and response.json()["detail"]
    long_question = api.post("/ask", json={"question": "x" * 2001})
    assert long_question.status_code == 422


def test_a_query_holding_no_word_is_answered_with_no_passages(api):
    for query in ("*", "   ", "?"):
        response = api.get("/search", params={"q": query})
        assert response.status_code == 200 and response.json()["results"] == []
    assert api.get("/search", params={"q": "minister"}).json()["results"]


def test_health_tells_where_the_index_is_only_to_a_key_holder(api, backend):
    assert api.get("/health").json()["index"] is None
    assert api.get("/health", headers={"X-API-Key": "wrong"}).json()["index"] is None
    where = api.get("/health", headers=AUTH).json()["index"]
    assert where == api.app.state.assistant.store.location
    if backend.database_url:  # the schema and where the database is, never the password
        assert where.startswith("schema '") and " of postgres on " in where


@pytest.mark.parametrize("presented", [f" {KEY}", f"{KEY} ", f"  {KEY}"])
def test_keys_are_compared_exactly(api, presented):
    assert api.post("/reindex", headers={"Authorization": f"Bearer {presented}"}).status_code == 401


def test_http_conversations_are_apart_from_slack_and_from_other_keys(api):
    """A conversation id names a conversation only within the key that asks: it cannot add
    turns to a Slack thread, nor read or extend a conversation another key began."""
    store = api.app.state.assistant.store
    slack_thread = "slack:T111:C333:1700000000.1"
    store.add_turn(slack_thread, {"question": "Who wrote to Katy Bourne?", "answer": "x"})
    question = {"question": "What did the Minister offer?", "conversation_id": slack_thread}
    answered = api.post("/ask", json=question)
    assert answered.status_code == 200 and answered.json()["conversation_id"] == slack_thread
    assert len(store.conversation(slack_thread)) == 1
    api.post("/ask", json={"question": "What did the Minister offer?", "conversation_id": "c-1"},
             headers=AUTH)
    api.post("/ask", json={"question": "And when?", "conversation_id": "c-1"},
             headers={"X-API-Key": "other-key"})
    mine = [k for k in _conversation_ids(store) if k.endswith(":c-1")]
    assert len(mine) == 2 and all(len(store.conversation(k)) == 1 for k in mine)


def _conversation_ids(store) -> list[str]:
    import hashlib

    ids = ["http:anon:c-1"] + [f"http:{hashlib.sha256(k.encode()).hexdigest()[:16]}:c-1"
                               for k in (KEY, "other-key")]
    return [i for i in ids if store.conversation(i)]


def test_metrics_count_requests_and_describe_the_index(api):
    api.get("/search", params={"q": "minister"})
    api.post("/reindex", headers=AUTH)
    for invented in ("FOO", "X" * 50):  # method names a client makes up
        api.request(invented, "/search")
    text = api.get("/metrics").text
    assert 'missive_http_requests_total{method="GET",route="/search",status="200"} 1.0' in text
    assert 'method="other"' in text and "FOO" not in text
    assert "missive_http_request_seconds_bucket" in text
    assert "missive_index_letters 3.0" in text
    assert "missive_last_reindex_success 1.0" in text


def test_searches_keep_answering_while_a_reindex_runs(build):
    """Zero downtime: searches on a live server during a re-index that adds letters never
    fail, and the new letters are searchable after it without a restart."""
    app, corpus = build(api_keys=KEY)
    for n in range(12):
        (corpus / f"harbour-{n}.txt").write_text(HARBOUR.replace("April", f"month {n}"))
    with serve(app) as url:
        errors, done = [], threading.Event()

        def search_until_done():
            with httpx.Client(base_url=url, timeout=30) as client:
                while not done.is_set():
                    response = client.get("/search", params={"q": "Recommendation One"})
                    if response.status_code != 200 or not response.json()["results"]:
                        errors.append(response.status_code)

        searchers = [threading.Thread(target=search_until_done) for _ in range(2)]
        for thread in searchers:
            thread.start()
        with httpx.Client(base_url=url, timeout=120) as client:
            summary = client.post("/reindex", headers=AUTH).json()
            done.set()
            for thread in searchers:
                thread.join()
            assert len(summary["added"]) == 12
            hits = client.get("/search", params={"q": "northern channel dredged"}).json()
            assert hits["results"][0]["letter_id"].startswith("harbour-")
        assert errors == []


def test_threads_and_commitments_are_paged(api):
    everything = api.get("/commitments").json()
    assert everything["total"] == len(everything["entries"]) > 1
    page = api.get("/commitments", params={"limit": 1, "offset": 1}).json()
    assert page["total"] == everything["total"] and page["entries"] == everything["entries"][1:2]
    threads = api.get("/threads", params={"limit": 1}).json()
    assert threads["total"] >= 1 and len(threads["threads"]) == 1
    for path, params in (("/threads", {"limit": 0}), ("/commitments", {"offset": -1}),
                         ("/commitments", {"limit": 1001})):
        response = api.get(path, params=params)
        assert response.status_code == 422 and response.json()["error"] == "invalid_request"
