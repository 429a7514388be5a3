"""The page routes and renderers. `/letters`, `/letters/{id}`, `/threads` and `/commitments`
are shared with the JSON API: a browser (which asks for text/html) gets the page, a tool
gets JSON, so a link works for both. The API handlers call the renderers here."""

from __future__ import annotations

import re
from pathlib import Path

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from assistant import schemas
from assistant.citations import highlight_link
from assistant.interfaces.http.deps import Reader, assistant_for, checked_filter, read_access
from assistant.interfaces.web.highlight import parse_spans, pieces
from assistant.service import Assistant
from indexer.store import LetterFilter

templates = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def _cited(answer: str) -> Markup:
    """The answer as HTML: escaped, each [n] a link to its citation below."""
    return Markup(re.sub(r"\[(\d{1,3})\]", r'<a href="#c\1" class="ref">[\1]</a>', str(escape(answer))))


templates.env.filters["cited"] = _cited


templates.env.globals["highlight_link"] = highlight_link


def is_web_link(url: str | None) -> bool:
    """Only http(s) addresses become links: a letter's `source:` of 'javascript:...' or
    'data:...' is shown as text, never followed."""
    return bool(url and re.match(r"https?://[^\s]+$", url, re.IGNORECASE))


templates.env.tests["web_link"] = is_web_link


def signed_in_as(request: Request) -> str | None:
    """The line every page shows when an access file is in force: who the caller is and
    which collections they see."""
    caller = getattr(request.state, "caller", None)
    if caller is None or request.app.state.keys.access is None:
        return None
    seen = ("every collection" if caller.collections is None
            else ", ".join(sorted(caller.collections)) or "no collection")
    return f"Signed in as {caller.grant.name}; sees {seen}"


templates.env.globals["signed_in_as"] = signed_in_as


def wants_html(request: Request) -> bool:
    return "text/html" in request.headers.get("accept", "")


router = APIRouter(dependencies=[Depends(read_access)], include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def search_page(request: Request, caller: Reader, q: str = Query("", max_length=2000),
                sender: str = "", recipient: str = "", date_from: str = "",
                date_to: str = "", collection: str = "") -> HTMLResponse:
    """Ask and search from one box; every field is in the URL, so a result can be shared."""
    assistant = assistant_for(request, caller)
    form = {"q": q.strip(), "sender": sender.strip()[:200], "recipient": recipient.strip()[:200],
            "date_from": date_from.strip(), "date_to": date_to.strip(),
            "collection": collection.strip()[:63]}
    context: dict = {"form": form, "answer": None, "results": [], "error": None,
                     "stats": assistant.stats()}
    if form["q"]:
        try:
            where = checked_filter(form["sender"] or None, form["recipient"] or None,
                                   form["date_from"] or None, form["date_to"] or None,
                                   form["collection"] or None)
        except HTTPException as exc:
            context["error"] = exc.detail
        else:
            context["answer"] = assistant.ask(form["q"], where=where)
            context["results"] = assistant.search(form["q"], k=10, where=where).results
    return templates.TemplateResponse(request, "search.html", context,
                                      status_code=422 if context["error"] else 200)


@router.get("/letters/{letter_id}/source")
def letter_source(request: Request, caller: Reader, letter_id: str) -> FileResponse:
    """The file the letter came from, as it is in the corpus folder."""
    letter = assistant_for(request, caller).summaries([letter_id]).get(letter_id)
    if letter is None:
        raise HTTPException(404, f"no letter {letter_id!r} in the index")
    corpus = Path(request.app.state.settings.corpus_dir).resolve()
    path = (corpus / letter.source_path).resolve()
    if not (path.is_relative_to(corpus) and path.is_file()):
        raise HTTPException(404, f"the source file of {letter_id} is no longer in the corpus")
    return FileResponse(path, filename=Path(letter.source_path).name)


def letter_page(request: Request, detail: schemas.LetterDetail,
                assistant: Assistant) -> HTMLResponse:
    """The letter to read; `assistant` is the caller's view, which names its related letters."""
    cited = request.query_params.get("v")
    changed = bool(cited) and cited != detail.version
    spans = [] if changed else parse_spans(request.query_params.getlist("hl"), len(detail.text))
    names = assistant.summaries([x for x in {*detail.replies_to, *detail.replied_by,
                                             detail.attached_to, detail.quoted_in} if x])
    return templates.TemplateResponse(request, "letter.html", {
        "letter": detail, "pieces": pieces(detail.text, spans), "related": names,
        "changed": changed})


def letters_page(request: Request, where: LetterFilter, listing: schemas.LetterList,
                 newest_first: bool) -> HTMLResponse:
    return templates.TemplateResponse(request, "letters.html", {
        "listing": listing, "where": where, "newest_first": newest_first})


def threads_page(request: Request, threads: schemas.ThreadList) -> HTMLResponse:
    return templates.TemplateResponse(request, "threads.html", {
        "threads": threads.threads, "total": threads.total, "offset": threads.offset})


def ledger_page(request: Request, ledger: schemas.Ledger, sender: str | None) -> HTMLResponse:
    return templates.TemplateResponse(request, "ledger.html", {
        "entries": ledger.entries, "sender": sender or "", "total": ledger.total,
        "offset": ledger.offset})
