"""Sign-in for the web pages: `/login` takes a key and sets a signed session cookie
(HttpOnly, SameSite=Strict; it names the key by its digest, never holds it); `/logout`
clears it. The pages then read with that key's collections; writes still need the key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from assistant.access import key_digest
from assistant.interfaces.http.sessions import SESSION_COOKIE
from assistant.interfaces.web.pages import templates

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request) -> HTMLResponse:
    return templates.TemplateResponse(request, "login.html", {"error": None})


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, key: Annotated[str, Form(max_length=500)] = ""):
    keys = request.app.state.keys
    digest = key_digest(key) if key else None
    found = keys.grant_for(digest) if digest and keys.sessions else None
    if found is None:
        return templates.TemplateResponse(request, "login.html", {"error": "That key is not "
                                          "known to this server."}, status_code=401)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, keys.sessions.issue(digest),
                        max_age=keys.sessions.seconds, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response


@router.get("/logout")
def logout() -> RedirectResponse:
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response
