"""Letter endpoints: browse and read letters (reads), upload, delete and re-index (writes).

Writes always need an API key. Uploads and deletes change the corpus folder and then run the
same incremental index run as `POST /reindex` and `missive index`, one at a time.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, HTTPException, Query, Request, UploadFile

from assistant import schemas
from assistant.interfaces.http.auth import Caller
from assistant.interfaces.http.deps import (
    ERRORS,
    Collection,
    DateFrom,
    DateTo,
    Reader,
    Recipient,
    Sender,
    assistant_for,
    checked_filter,
    read_access,
)
from assistant.interfaces.http.indexing import free_path, safe_file_name
from assistant.interfaces.web import pages
from assistant.service import summary
from assistant.threads import originals_of, replies_to
from indexer.models import DEFAULT_COLLECTION
from indexer.pipeline import FailedFile

WRITE_ERRORS = {**ERRORS, 409: {"model": schemas.Error, "description": "A re-index is running."}}


def write_access(request: Request) -> Caller:
    return request.app.state.keys.caller(request, write=True)


Writer = Annotated[Caller, Depends(write_access)]


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
) -> schemas.LetterList:
    """Letters by date, filtered, a page at a time. (A browser gets the page for people.)"""
    store = assistant_for(request, caller).store
    where = checked_filter(sender, recipient, date_from, date_to, collection)
    found = store.letters(where, limit, offset, newest_first=order == "newest")
    listing = schemas.LetterList(total=store.count_letters(where), offset=offset, limit=limit,
                                 letters=[summary(x) for x in found])
    if pages.wants_html(request):
        return pages.letters_page(request, where, listing, order == "newest")
    return listing


@router.get("/letters/{letter_id}", response_model=schemas.LetterDetail,
            dependencies=[Depends(read_access)], responses={**ERRORS, 404: {"model": schemas.Error}})
def get_letter(request: Request, caller: Reader, letter_id: str) -> schemas.LetterDetail:
    """A whole letter: metadata, its full stored text (every offset refers to it), its
    passages with offsets, and its notes. (A browser gets the letter to read, with
    `?hl=start-end` spans highlighted.)"""
    store = assistant_for(request, caller).store
    letter = store.letter(letter_id)
    if letter is None:
        raise HTTPException(404, f"no letter {letter_id!r} in the index")
    detail = schemas.LetterDetail(
        **summary(letter).model_dump(),
        senders=[schemas.Correspondent(name=p.name, role=p.role) for p in letter.senders],
        recipients=[schemas.Correspondent(name=p.name, role=p.role) for p in letter.recipients],
        sign_off=letter.sign_off, source_url=letter.source_url, licence=letter.licence,
        complete=letter.complete, text=letter.text, version=letter.version,
        notes=[schemas.Note(marker=n.marker, text=n.text) for n in letter.notes],
        passages=[schemas.PassageSpan(passage_id=p.passage_id, paragraph=p.paragraph,
                                      start=p.start, end=p.end, text=p.text)
                  for p in store.letter_passages(letter_id)],
        replies_to=[x.letter_id for x in originals_of(letter, store)],
        replied_by=[x.letter_id for x in replies_to(letter, store)],
        attached_to=letter.attached_to, quoted_in=letter.quoted_in)
    if pages.wants_html(request):
        return pages.letter_page(request, letter, detail, store)
    return detail


@router.get("/threads", response_model=schemas.ThreadList, dependencies=[Depends(read_access)],
            responses=ERRORS)
def list_threads(request: Request, caller: Reader) -> schemas.ThreadList:
    """Reply threads: each letter linked to the letter it answers, with the words of the reply
    that say so and a confidence (among the letters the caller may see)."""
    threads = assistant_for(request, caller).threads()
    return pages.threads_page(request, threads) if pages.wants_html(request) else threads


@router.get("/commitments", response_model=schemas.Ledger, dependencies=[Depends(read_access)],
            responses=ERRORS)
def list_commitments(request: Request, caller: Reader, sender: Sender = None,
                     collection: Collection = None) -> schemas.Ledger:
    """The commitments and requests ledger: what each writer undertook, and what they asked
    of the recipient, quoted verbatim, with whether a request was answered."""
    from assistant.ledger import ledger

    entries = ledger(assistant_for(request, caller).store,
                     where=checked_filter(sender, None, None, None, collection))
    found = schemas.Ledger(entries=[schemas.LedgerEntry(**e.to_dict()) for e in entries])
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
        name = safe_file_name(upload.filename)
        data = upload.file.read(limit + 1)
        if len(data) > limit:
            raise HTTPException(413, f"{upload.filename} is larger than "
                                     f"{request.app.state.settings.max_upload_mb} MB")
        contents.append((name, data))
    runner = request.app.state.indexer
    store = request.app.state.assistant.store
    folder = "" if collection == DEFAULT_COLLECTION else f"{collection}/"
    with runner.exclusive():
        runner.ensure_corpus_folder(store.stats().files)
        (runner.corpus_dir / folder).mkdir(exist_ok=True)
        saved = []
        for name, data in contents:
            path = free_path(runner.corpus_dir / folder, name)
            path.write_bytes(data)
            saved.append(folder + path.name)
        summary = runner.run(saved)
        # A file no letter was read from is not kept: left in the corpus it would be re-read
        # by every run and could not be deleted through the API (it has no letter id).
        reasons = {f.path: f.reason for f in summary.failed}
        refused = [name for name in saved if not store.letters_of_file(name)]
        for name in refused:
            (runner.corpus_dir / name).unlink(missing_ok=True)
            reasons.setdefault(name, "no letter read from it (a corpus README is documentation)")
    if len(refused) == len(saved):
        raise HTTPException(422, "nothing indexed, nothing kept: " + "; ".join(
            f"{name}: {reasons[name]}" for name in refused))
    kept = [name for name in saved if name not in refused]
    summary.failed = [FailedFile(name, reasons[name]) for name in refused]
    return schemas.UploadResponse(
        saved=kept, letter_ids=[i for name in kept for i in store.letters_of_file(name)],
        summary=schemas.IndexSummary(**summary.to_dict()))


@router.delete("/letters/{letter_id}", response_model=schemas.DeleteResponse,
               responses={**WRITE_ERRORS, 404: {"model": schemas.Error}})
def delete_letter(request: Request, caller: Writer, letter_id: str) -> schemas.DeleteResponse:
    """Remove the file a letter came from, and so all the letters of that file, from the
    corpus folder and the index (a letter of a collection the key does not see is a 404)."""
    letter = assistant_for(request, caller).store.letter(letter_id)
    if letter is None:
        raise HTTPException(404, f"no letter {letter_id!r} in the index")
    store = request.app.state.assistant.store
    runner = request.app.state.indexer
    with runner.exclusive():
        removed = store.letters_of_file(letter.source_path)
        path = (runner.corpus_dir / letter.source_path).resolve()
        deleted = None
        if path.is_relative_to(runner.corpus_dir.resolve()) and path.is_file():
            path.unlink()
            deleted = letter.source_path
        summary = runner.run([letter.source_path])
    return schemas.DeleteResponse(deleted_file=deleted, letter_ids=removed,
                                  summary=schemas.IndexSummary(**summary.to_dict()))


@router.post("/reindex", response_model=schemas.IndexSummary, responses=WRITE_ERRORS)
def reindex(request: Request, caller: Writer, allow_mass_removal: Annotated[bool, Query(
        description="Allow a run that removes more than half of the indexed files (refused "
                    "otherwise, as a missing or emptied corpus folder looks like that).")] = False
            ) -> schemas.IndexSummary:
    """An incremental re-index of the corpus folder (of the key's collections, for a key
    limited to some): the same summary as `missive index --json`. Searches keep being
    answered while it runs."""
    runner = request.app.state.indexer
    store = request.app.state.assistant.store
    with runner.exclusive():
        paths = None
        if caller.collections is not None:
            paths = runner.collection_paths(caller.collections, store.file_states())
        return schemas.IndexSummary(**runner.run(
            paths, allow_mass_removal=allow_mass_removal).to_dict())
