"""The web page for people, in a real browser (Debian's Chromium driven by Playwright) against
a live server: ask the user's example question, follow the citation to the letter, and find
the quoted words highlighted; markup in a letter stays text. Screenshots of each step are
kept in tests/artifacts/web/."""

import re
import shutil
from pathlib import Path

import httpx
import pytest
from conftest import serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts" / "web"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"]
QUESTION = "What did the Minister commit on Recommendation One?"
COMMITMENT = "I welcome your offer of support to progress work on Recommendation One"
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Chromium is missing: `make test` installs Debian's chromium"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


def test_ask_follow_the_citation_and_see_the_words_highlighted(browser, live_server, assistant):
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    page.goto(live_server + "/")
    page.get_by_label("Question or words to find").fill(QUESTION)
    page.screenshot(path=ARTIFACTS / "1-question.png")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_selector("[data-testid=answer]")
    assert "q=What+did+the+Minister" in page.url  # the result has an address to share
    first = page.locator("ol.citations li").first
    assert "2021-12-09" in first.inner_text() and COMMITMENT in first.inner_text()
    page.screenshot(path=ARTIFACTS / "2-answer.png", full_page=True)

    first.locator("a.citation").click()
    page.wait_for_selector("mark#hl")
    mark = page.locator("mark#hl")
    assert COMMITMENT in mark.inner_text()
    assert mark.is_visible() and _in_view(page, "mark#hl")  # scrolled to
    start, end = map(int, re.search(r"hl=(\d+)-(\d+)", page.url).groups())
    letter_id = re.search(r"/letters/([^?]+)", page.url).group(1)
    stored = assistant.store.letter(letter_id).text
    assert mark.inner_text() == stored[start:end]  # exactly the words at those offsets
    assert page.locator("[data-testid=letter-text]").inner_text() == stored
    page.screenshot(path=ARTIFACTS / "3-letter-highlighted.png")
    page.close()


def test_a_letter_with_markup_in_it_renders_as_text(browser, fresh_index, embedder, backend):
    from assistant.interfaces.http.app import create_app
    from assistant.service import Assistant

    corpus, store, pipeline = fresh_index
    (corpus / "markup.txt").write_text(
        "Dear Jo,\n\nThe form showed <script>alert('hi')</script> and <b>bold</b> text; "
        "we will fix the form by May.\n\nYours,\n\nSam Lee\n")
    (corpus / "source.md").write_text(
        "---\ntitle: A letter with a hostile source\nsource: javascript:alert(document.cookie)\n"
        "---\n\nDear Jo,\n\nThe bridge will reopen in June.\n\nYours,\n\nSam Lee\n")
    pipeline.run(corpus)
    settings = backend.settings(corpus.parent / "index", corpus_dir=corpus)
    with serve(create_app(Assistant(store, embedder), settings)) as url:
        page = browser.new_page()
        dialogs = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.goto(url + "/letters/markup-txt.1")
        text = page.locator("[data-testid=letter-text]").inner_text()
        assert "<script>alert('hi')</script>" in text and "<b>bold</b>" in text
        assert page.locator("[data-testid=letter-text] b").count() == 0 and not dialogs
        page.goto(url + "/?q=" + "what will be fixed in the form")
        assert "<script>" in page.locator("body").inner_text() and not dialogs
        # a source that is not http(s) is text, not a link
        response = page.goto(url + "/letters/source-md.1")
        assert "javascript:alert(document.cookie)" in page.locator("body").inner_text()
        assert page.locator("a[href^='javascript']").count() == 0
        headers = response.headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        page.screenshot(path=ARTIFACTS / "4-markup-as-text.png", full_page=True)
        page.close()


def test_pages_and_json_share_addresses_and_bad_input_is_explained(live_server, assistant):
    letter = assistant.store.letters()[0]
    with httpx.Client(base_url=live_server) as client:
        assert client.get(f"/letters/{letter.letter_id}").json()["letter_id"] == letter.letter_id
        page = client.get(f"/letters/{letter.letter_id}", headers=HTML, params={"hl": "999999-9999999"})
        assert page.status_code == 200 and "<mark" not in page.text  # a stale span is ignored
        assert client.get("/letters", headers=HTML).text.count("/letters/") >= 20
        newest = client.get("/letters", params={"order": "newest"}).json()["letters"]
        assert [x["date"] for x in newest if x["date"]] == sorted(
            (x["date"] for x in newest if x["date"]), reverse=True)
        declined = client.get("/", params={"q": "What did the Home Office say about knife "
                                                 "crime in Scotland?"}, headers=HTML)
        assert 'data-testid="declined-because"' in declined.text
        assert "no letter in the index mentions Scotland" in declined.text
        bad = client.get("/", params={"q": "x", "date_from": "2021-02-31"}, headers=HTML)
        assert bad.status_code == 422 and "not a calendar date" in bad.text
        source = client.get(f"/letters/{letter.letter_id}/source")
        assert source.status_code == 200 and "attachment" in source.headers["content-disposition"]
        assert client.get("/letters/nope/source").status_code == 404
        for path in ("/threads", "/commitments"):
            assert client.get(path, headers=HTML).headers["content-type"].startswith("text/html")
            assert client.get(path).headers["content-type"].startswith("application/json")


def _in_view(page, selector: str) -> bool:
    return page.eval_on_selector(selector, "e => { const r = e.getBoundingClientRect();"
                                           " return r.top >= 0 && r.bottom <= innerHeight; }")
