"""Letter endpoints: browse and read letters (reads), upload, delete and re-index (writes).

Writes always need an API key. Uploads and deletes change the corpus folder and then run the
same incremental index run as `POST /reindex` and `missive index`, one at a time.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile
from fastapi.responses import HTMLResponse

from assistant import schemas
from assistant.interfaces.http.auth import Caller
from assistant.interfaces.http.deps import (
    ERRORS,
    Collection,
    DateFrom,
    DateTo,
    Offset,
    PageSize,
    Reader,
    Recipient,
    Sender,
    assistant_for,
    checked_filter,
    read_access,
)
from assistant.interfaces.web import pages
from indexer.corpus_writer import CorpusWriter
from indexer.models import DEFAULT_COLLECTION

WRITE_ERRORS: dict[int | str, dict[str, Any]] = {**ERRORS, 409: {"model": schemas.Error, "description": "A re-index is running."}}


def write_access(request: Request) -> Caller:
    return request.app.state.keys.caller(request, write=True)


Writer = Annotated[Caller, Depends(write_access)]


def writer(request: Request) -> CorpusWriter:
    return request.app.state.indexer


router = APIRouter(tags=["letters"])


@router.get("/letters", response_model=schemas.LetterList, dependencies=[Depends(read_access)],
            responses=ERRORS)
def list_letters(
    request: Request, caller: Reader, sender: Sender = None, recipient: Recipient = None,
    date_from: DateFrom = None, date_to: DateTo = None, collection: Collection = None,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    order: Annotated[str, Query(pattern="^(oldest|newest)$",
                                description="'oldest' or 'newest' first; undated letters "
                                            "last.")] = "oldest",
) -> schemas.LetterList | HTMLResponse:
    """Letters by date, filtered, a page at a time. (A browser gets the page for people.)"""
    where = checked_filter(sender, recipient, date_from, date_to, collection)
    listing = assistant_for(request, caller).letters(where, limit, offset,
                                                     newest_first=order == "newest")
    if pages.wants_html(request):
        return pages.letters_page(request, where, listing, order == "newest")
    return listing


@router.get("/letters/{letter_id}", response_model=schemas.LetterDetail,
            dependencies=[Depends(read_access)], responses={**ERRORS, 404: {"model": schemas.Error}})
def get_letter(request: Request, caller: Reader,
               letter_id: str) -> schemas.LetterDetail | HTMLResponse:
    """A whole letter: metadata, its full stored text (every offset refers to it), its
    passages with offsets, and its notes. (A browser gets the letter to read, with
    `?hl=start-end` spans highlighted.)"""
    assistant = assistant_for(request, caller)
    detail = assistant.letter(letter_id)
    if detail is None:
        raise HTTPException(404, f"no letter {letter_id!r} in the index")
    if pages.wants_html(request):
        return pages.letter_page(request, detail, assistant)
    return detail


@router.get("/threads", response_model=schemas.ThreadList, dependencies=[Depends(read_access)],
            responses=ERRORS)
def list_threads(request: Request, caller: Reader, offset: Offset = 0,
                 limit: PageSize = 100) -> schemas.ThreadList | HTMLResponse:
    """Reply threads, earliest first: each letter linked to the letter it answers, with the
    words of the reply that say so and a confidence (among the letters the caller may see)."""
    threads = assistant_for(request, caller).threads(limit, offset)
    return pages.threads_page(request, threads) if pages.wants_html(request) else threads


@router.get("/commitments", response_model=schemas.Ledger, dependencies=[Depends(read_access)],
            responses=ERRORS)
def list_commitments(request: Request, caller: Reader, sender: Sender = None,
                     collection: Collection = None, offset: Offset = 0,
                     limit: PageSize = 100) -> schemas.Ledger | HTMLResponse:
    """The commitments and requests ledger, oldest letters first: what each writer undertook,
    and what they asked of the recipient, quoted verbatim, with whether a request was
    answered."""
    found = assistant_for(request, caller).ledger(
        checked_filter(sender, None, None, None, collection), limit, offset)
    return pages.ledger_page(request, found, sender) if pages.wants_html(request) else found


@router.post("/letters", response_model=schemas.UploadResponse, status_code=201,
             responses={**WRITE_ERRORS, 413: {"model": schemas.Error},
                        415: {"model": schemas.Error}})
def upload_letters(request: Request, caller: Writer,
                   files: Annotated[list[UploadFile], File(description="Letter files.")],
                   collection: Annotated[str, Query(
                       pattern=schemas.COLLECTION_PATTERN,
                       description="The collection to save into: a folder of that name in "
                                   "the corpus folder ('default': the corpus folder "
                                   "itself).")] = DEFAULT_COLLECTION,
                   ) -> schemas.UploadResponse:
    """Save letter files into the corpus folder (or one of its collections) under safe names
    and index them."""
    if not caller.grant.sees(collection):
        raise HTTPException(403, f"the key {caller.grant.name!r} may not write to the "
                                 f"collection {collection!r}")
    limit = request.app.state.settings.max_upload_mb * 1024 * 1024
    contents = []
    for upload in files:  # check every file before saving any
        data = upload.file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{upload.filename} is larger than "
                                     f"{request.app.state.settings.max_upload_mb} MB")
        contents.append((upload.filename or "", data))
    done = writer(request).upload(contents, collection)
    return schemas.UploadResponse(saved=done.saved, letter_ids=done.letter_ids,
                                  summary=schemas.IndexSummary(**done.summary.to_dict()))


@router.delete("/letters/{letter_id}", response_model=schemas.DeleteResponse,
               responses={**WRITE_ERRORS, 404: {"model": schemas.Error}})
def delete_letter(request: Request, caller: Writer, letter_id: str) -> schemas.DeleteResponse:
    """Remove the file a letter came from, and so all the letters of that file, from the
    corpus folder and the index (a letter of a collection the key does not see is a 404)."""
    found = assistant_for(request, caller).summaries([letter_id]).get(letter_id)
    if found is None:
        raise HTTPException(404, f"no letter {letter_id!r} in the index")
    done = writer(request).delete_file(found.source_path)
    return schemas.DeleteResponse(deleted_file=done.deleted_file, letter_ids=done.letter_ids,
                                  summary=schemas.IndexSummary(**done.summary.to_dict()))


@router.post("/reindex", response_model=schemas.IndexSummary, responses=WRITE_ERRORS)
def reindex(request: Request, caller: Writer, allow_mass_removal: Annotated[bool, Query(
        description="Allow a run that removes more than half of the indexed files (refused "
                    "otherwise, as a missing or emptied corpus folder looks like that).")] = False
            ) -> schemas.IndexSummary:
    """An incremental re-index of the corpus folder (of the key's collections, for a key
    limited to some): the same summary as `missive index --json`. Searches keep being
    answered while it runs."""
    summary = writer(request).reindex(caller.collections, allow_mass_removal)
    return schemas.IndexSummary(**summary.to_dict())
