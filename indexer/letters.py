"""One loaded file -> its letters, each with metadata, notes and the spans that carry its body.

A file may hold several letters (a letter and its reply, as published together). Each
salutation ("Dear ...") opens a letter; the letterhead, addressee block and date before it
belong to that letter, the closing, signature and footnotes after the body to the one before.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePosixPath

from indexer import correspondents
from indexer.dates import date_from_filename, normalise_date
from indexer.layout import _FOOTNOTE, Block, Kind, blocks, is_name_line
from indexer.loaders.base import LoadedFile
from indexer.models import Correspondent, Letter, Note
from indexer.names import known_name, names_match

_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", ")")
_TAIL_KINDS = {Kind.NAME, Kind.IMAGE, Kind.CONTACT, Kind.DATE, Kind.SEPARATOR, Kind.CLOSING}
_BODY_KINDS = {Kind.BODY, Kind.HEADING, Kind.NAME}


def letter_id_for(source_path: str, ordinal: int) -> str:
    """Stable id from the file's path and the letter's place in it: the path with anything
    but letters (any script), digits, '_' and '-' made a dash, so it reads like the file
    name. Where that folds different paths together ('a b.txt', 'a-b.txt', 'dir/a.txt'), a
    short hash of the path keeps the ids apart."""
    slug = re.sub(r"[^\w-]+", "-", source_path).strip("-")
    stem, dot, suffix = source_path.rpartition(".")
    faithful = re.fullmatch(r"[\w-]+", stem if dot else source_path) and re.fullmatch(r"\w*", suffix)
    if not faithful:
        slug += "-" + hashlib.sha256(source_path.encode()).hexdigest()[:6]
    return f"{slug}.{ordinal}"


def split_letters(loaded: LoadedFile, first_ordinal: int = 1) -> list[Letter]:
    """The file's letters, then those of its attachments and of the earlier messages it
    quotes, numbered on, each linked to the file's first letter."""
    letters = [_build_letter(loaded, segment, ordinal)
               for ordinal, segment in enumerate(_segments(blocks(loaded.text)), first_ordinal)]
    first = letters[0].letter_id if letters else None
    for inner, link in [(a, "attached_to") for a in loaded.attachments] + [
            (q, "quoted_in") for q in loaded.quoted]:
        found = split_letters(inner, first_ordinal + len(letters))
        for letter in found:
            if getattr(letter, link) is None:  # deeper history keeps its own link
                setattr(letter, link, first)
        letters += found
    return letters


def _segments(found: list[Block]) -> list[list[Block]]:
    salutations = [i for i, b in enumerate(found) if b.kind is Kind.SALUTATION]
    starts = [0] + [_header_start(found, s, prev) for prev, s in zip(salutations, salutations[1:])]
    ends = starts[1:] + [len(found)]
    return [found[a:b] for a, b in zip(starts, ends) if a < b]


def _header_start(found: list[Block], salutation: int, previous_salutation: int) -> int:
    """Where the letter opened by `salutation` begins.

    Walk back over the header run (names, addresses, dates); a closing, footnote or body
    paragraph ends it. Of the run, the letter owns its first address or date block and the
    name block just before it (its addressee); earlier name blocks are the previous letter's
    signatures.
    """
    i = salutation
    while i - 1 > previous_salutation and found[i - 1].kind in {Kind.NAME, Kind.CONTACT, Kind.DATE}:
        i -= 1
    first_fixed = next(
        (j for j in range(i, salutation) if found[j].kind in {Kind.CONTACT, Kind.DATE}), salutation
    )
    if first_fixed > i and found[first_fixed - 1].kind is Kind.NAME:
        return first_fixed - 1
    return first_fixed


def _stored_text(segment: list[Block], text: str) -> tuple[str, list[tuple[int, int, Block, bool]]]:
    """The letter's stored text: its blocks as written, footnotes moved out, and paragraphs
    broken by a page (no closing punctuation, next starts lower-case) joined with a space.

    Returns the text and, per kept block, its new (start, end), the block, and whether it
    continues the paragraph before it.
    """
    parts: list[str] = []
    placed: list[tuple[int, int, Block, bool]] = []
    length = 0
    previous: Block | None = None
    skipped = False
    for block in segment:
        if block.kind is Kind.FOOTNOTE:
            skipped = True
            continue
        continues = False
        if previous is not None:
            continues = (
                previous.kind is Kind.BODY and block.kind in (Kind.BODY, Kind.HEADING)
                and not previous.text.rstrip().endswith(_TERMINAL) and block.text[:1].islower()
            )
            gap = " " if continues else ("\n\n" if skipped else text[previous.end : block.start])
            parts.append(gap)
            length += len(gap)
        parts.append(block.text)
        placed.append((length, length + len(block.text), block, continues))
        length += len(block.text)
        previous, skipped = block, False
    return "".join(parts), placed


def _build_letter(loaded: LoadedFile, segment: list[Block], ordinal: int) -> Letter:
    meta = loaded.metadata
    letter_text, placed = _stored_text(segment, loaded.text)
    kinds = [block.kind for _, _, block, _ in placed]
    salutation = kinds.index(Kind.SALUTATION) if Kind.SALUTATION in kinds else None

    if salutation is None:  # no "Dear ...": the header is whatever comes before the prose
        body_from = next((i for i, k in enumerate(kinds) if k is Kind.BODY), len(kinds))
    else:
        body_from = salutation + 1
    subject = None
    after = placed[body_from][2] if body_from < len(placed) else None
    if (salutation is not None and after is not None and "\n" not in after.text
            and len(after.text) <= 250 and not after.text.endswith((".", "!", "?"))):
        subject, body_from = after.text.strip(), body_from + 1
    header = placed[: salutation if salutation is not None else body_from]
    title = str(meta["title"]).strip() if meta.get("title") else None
    if subject is None and title is None:
        subject = next((b.text for _, _, b, _ in reversed(header) if b.kind is Kind.HEADING), None)

    closing = next((i for i in range(body_from, len(kinds)) if kinds[i] is Kind.CLOSING), None)
    body_to = closing if closing is not None else len(kinds)
    while body_to > body_from and kinds[body_to - 1] in _TAIL_KINDS:
        body_to -= 1
    tail = placed[body_to:]

    lead_writers, lead_recipients = _lead(header)
    senders = [p for _, _, b, _ in tail if b.kind is Kind.NAME for p in correspondents.from_block(b.text)]
    recipients = _addressee(header, lead_recipients,
                            placed[salutation][2] if salutation is not None else None)
    if not senders:  # no signature: the letterhead names the writers
        senders = [p for _, _, b, _ in header if b.kind is Kind.NAME
                   for p in correspondents.from_block(b.text) if p not in recipients]
    if not senders:  # nor a letterhead of its own lines: one flattened onto a line
        senders = [p for _, _, b, _ in header if b.kind is Kind.CONTACT
                   for p in correspondents.from_flat_letterhead(b.text) if p not in recipients][:1]
    senders = senders or lead_writers  # else the publisher's line above the letter
    opening = [b.text for _, _, b, _ in placed[body_from:body_to] if b.kind is Kind.BODY][:3]
    senders = correspondents.with_declared_posts(senders, opening, "writer")
    recipients = correspondents.with_declared_posts(recipients, opening, "reader")

    text_date = next((parse for _, _, b, _ in header if b.kind is Kind.DATE
                      for parse in [normalise_date(b.text)]), None)
    if text_date is None:
        text_date = next((normalise_date(b.text) for _, _, b, _ in placed if b.kind is Kind.DATE), None)

    return Letter(
        letter_id=letter_id_for(loaded.source_path, ordinal),
        source_path=loaded.source_path,
        ordinal=ordinal,
        text=letter_text,
        date=normalise_date(meta.get("date")) or text_date
        or date_from_filename(PurePosixPath(loaded.source_path).name),
        senders=correspondents.from_metadata(meta.get("from")) or senders,
        recipients=correspondents.from_metadata(meta.get("to")) or recipients,
        subject=subject or title,
        title=title or subject,
        sign_off=placed[closing][2].text.strip().rstrip(",.") if closing is not None else None,
        notes=[_note(b.text) for b in segment if b.kind is Kind.FOOTNOTE],
        source_url=str(meta["source"]) if meta.get("source") else None,
        licence=str(meta["licence"]) if meta.get("licence") else None,
        complete=meta["complete"] if isinstance(meta.get("complete"), bool) else None,
        page_starts=_page_starts(meta.get("pages") or [], placed),
        message_id=meta.get("message_id") if ordinal == 1 else None,
        in_reply_to=list(meta.get("in_reply_to") or []) if ordinal == 1 else [],
        # Prose before the salutation (a publisher's note on the letter) is searchable too;
        # letterheads, addresses and dates are not.
        body_spans=_body_spans([b for b in header if b[2].kind is Kind.BODY])
        + _body_spans(placed[body_from:body_to]),
        opening=placed[salutation][0] if salutation is not None else 0,
    )


def _page_starts(pages: list, placed: list[tuple[int, int, Block, bool]]) -> list[tuple[int, int]]:
    """Where each source page starts in the letter's stored text: the page the letter opens
    on at 0, then each later page at its first character in the letter."""
    starts: list[tuple[int, int]] = []
    first = placed[0][2].start if placed else 0
    for offset, number in pages:
        if offset <= first:
            starts = [(0, number)]
            continue
        inside = next((s + max(0, offset - b.start) for s, _, b, _ in placed if b.end > offset),
                      None)
        if inside is not None:
            starts.append((inside, number))
    return starts


def _addressee(header: list[tuple[int, int, Block, bool]], lead_recipients: list[Correspondent],
               salutation: Block | None) -> list[Correspondent]:
    """The addressee block nearest before the salutation, skipping dates and e-mail lines, or
    one flattened onto a line (`_flat_addressee`); failing that, the recipients a publisher's
    line names ("Letter to Victoria Atkins MP" says more than "Dear Victoria"); failing that,
    the people the salutation names."""
    greeted = correspondents.from_salutation(salutation.text) if salutation else []
    blocks = [block for _, _, block, _ in header if block.kind in (Kind.NAME, Kind.CONTACT)]
    for block in reversed(blocks):
        first_line = block.text.strip().splitlines()[0]
        if is_name_line(first_line):
            people = correspondents.from_block(block.text)
            if people:
                return people
        flat = _flat_addressee(block, greeted, letterhead=block is blocks[0])
        if flat:
            return flat
    if lead_recipients:
        return lead_recipients
    return greeted


def _flat_addressee(block: Block, greeted: list[Correspondent], letterhead: bool
                    ) -> list[Correspondent]:
    """The person an addressee block flattened onto one line names ("Katy Bourne OBE Sussex
    Police and Crime Commissioner ... BN7 2FZ" above "Dear Katy", or "Dear Ms Bourne"): when
    the salutation greets them by their name or part of it, or, without a salutation naming
    anyone ("Dear Sir"), when the line is not the header's first, which is the writer's
    letterhead (`correspondents.from_flat_letterhead`)."""
    if "\n" in block.text.strip():
        return []
    people = correspondents.from_flat_address(block.text)
    names = [name for name in (known_name(g.name) for g in greeted) if name]
    if names:
        return people if all(names_match(name, p.name) for name in names for p in people) else []
    return [] if letterhead else people


def _lead(header: list[tuple[int, int, Block, bool]]
          ) -> tuple[list[Correspondent], list[Correspondent]]:
    """Who wrote to whom by the first line above the letter that says so ("Response from Sir
    Robert Chote to Stephen Kinnock MP"): published copies often have no signature."""
    for _, _, block, _ in header:
        if block.kind in (Kind.HEADING, Kind.BODY):
            writers, recipients = correspondents.from_lead(block.text)
            if writers or recipients:
                return writers, recipients
    return [], []


def _body_spans(region: list[tuple[int, int, Block, bool]]) -> list[tuple[int, int]]:
    """Body paragraphs as spans: page-broken paragraphs joined, a heading joined to the
    paragraph it heads, a paragraph joined to the one it introduces ("The Minister
    stated," before the quoted statement), and addresses, images and separators left out."""
    spans: list[tuple[int, int]] = []
    heading_start: int | None = None
    # a paragraph ending in ':' or ',' ("The Minister stated,") belongs with what it introduces
    introduces_next = False
    for start, end, block, continues in region:
        if block.kind not in _BODY_KINDS:
            heading_start, introduces_next = None, False
            continue
        if spans and (continues or introduces_next):
            spans[-1] = (spans[-1][0], end)
        elif block.kind is Kind.BODY:
            spans.append((heading_start if heading_start is not None else start, end))
            heading_start = None
        elif heading_start is None:
            heading_start = start
        introduces_next = block.kind is Kind.BODY and block.text.rstrip().endswith((":", ","))
    return spans


def _note(text: str) -> Note:
    match = _FOOTNOTE.match(text)
    marker_end = match.end() - 1 if match else 0
    return Note(marker=text[:marker_end].strip().strip("[]^:"), text=text[marker_end:].strip())
