"""The layout of a letter file: blocks of text and what each block is.

Letters share a layout (letterhead, addresses, date, salutation, subject, body, closing,
signature, footnotes); naming each block lets the letter splitter find boundaries and
metadata, and keeps everything but the body out of the passages that answer questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from indexer.dates import parse_date_line


class Kind(str, Enum):
    BODY = "body"
    HEADING = "heading"  # a short line: a subject or section heading
    NAME = "name"  # a name with role lines: letterhead, addressee or signature
    CONTACT = "contact"  # addresses, e-mail, telephone, "By email"
    DATE = "date"
    SALUTATION = "salutation"
    CLOSING = "closing"
    FOOTNOTE = "footnote"
    IMAGE = "image"  # a description standing in for a signature or logo
    SEPARATOR = "separator"


@dataclass
class Block:
    start: int
    end: int
    text: str
    kind: Kind


SUPERSCRIPTS = "¹²³⁴⁵⁶⁷⁸⁹⁰"
_FOOTNOTE = re.compile(rf"^(?:[{SUPERSCRIPTS}]+|\[\^?\d{{1,3}}\]:?|\^\d{{1,3}})\s*\S")
_SALUTATION = re.compile(r"^dear\s+\S", re.IGNORECASE)
_CLOSING = re.compile(
    r"^(?:yours\s+(?:sincerely|faithfully|truly|ever|respectfully)|(?:with\s+)?(?:kind|best|warm)"
    r"(?:est)?\s+(?:regards|wishes)|regards|sincerely|many thanks)[,.!]?$",
    re.IGNORECASE,
)
_IMAGE = re.compile(
    r"^(?:\[?(?:an?\s+)?(?:handwritten\s+)?(?:signature|image|logo|crest)\b|!\[)", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_CONTACT_LINE = re.compile(
    r"^(?:by\s+e-?mail|e-?mail|e|t|tel|telephone|phone|fax|web|www)\b\s*[:.]?|^\d+[a-z]?\s+\w+"
    r"|^(?:https?://|www\.)",
    re.IGNORECASE,
)
_TITLES = r"(?:the\s+)?(?:rt\.?\s+hon\.?\s+|right\s+honourable\s+)?(?:dame|sir|lord|lady|baroness|" \
          r"baron|mr|mrs|ms|miss|mx|dr|professor|prof|cllr|councillor)\.?\s"
_POSTNOMINALS = {"MP", "QC", "KC", "MSP", "MS", "AM", "MLA", "DBE", "QPM", "CBE", "OBE", "MBE",
                 "KBE", "CB", "KCB", "GCB", "CMG", "KCMG", "DL", "JP", "FRS", "PHD", "FRSA",
                 "FBA", "FREng", "BEM", "KPM"}
ROLE_WORDS = re.compile(
    r"\b(?:commissioner|minister|secretary|director|chair|chairman|chief|head|office|committee|"
    r"department|authority|council|agency|service|inspectorate|regulation|statistician|officer|"
    r"general|member|chancellor|constable|president|board|team|unit|house|government|of|for|and)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"[a-z]{2}[.!?][\"”’)]?\s+[A-Z]")
# A finite verb, which a heading ("Transparency of Home Office Statistics") lacks and a
# publisher's note without its full stop ("This letter was published retrospectively on 23
# May 2023") has: the note is prose, searched like the letter's own. Lower case only: "May"
# is a month, "Will" a name.
_CLAUSE = re.compile(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|should|must|may|"
                     r"might|did|does|shall)\s+(?:\w+\s+)?\w+")


def has_title(line: str) -> bool:
    """A line that is surely a name: it starts with a title or ends with post-nominals."""
    line = line.strip().rstrip(",")
    if not line or len(line) > 70 or _EMAIL.search(line):
        return False
    words = re.split(r"[\s,]+", line)
    return bool(re.match(_TITLES, line + " ", re.IGNORECASE)
                or (len(words) >= 2 and words[-1].upper() in _POSTNOMINALS))


def is_name_line(line: str) -> bool:
    """A line that names a person: a title, post-nominals, or two to four capitalised words."""
    line = line.strip().rstrip(",")
    if not line or len(line) > 70 or _EMAIL.search(line):
        return False
    if has_title(line):
        return True
    words = re.split(r"[\s,]+", line)
    if ROLE_WORDS.search(line):
        return False
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words if w)


def _is_contact_line(line: str) -> bool:
    line = line.strip()
    return bool(_EMAIL.search(line) or _POSTCODE.search(line) or _CONTACT_LINE.match(line))


def classify(text: str) -> Kind:
    stripped = text.strip()
    lines = [line.strip() for line in stripped.splitlines() if line.strip()]
    first = lines[0]
    if _FOOTNOTE.match(first):
        return Kind.FOOTNOTE
    if not re.search(r"[A-Za-z0-9]", stripped):
        return Kind.SEPARATOR
    if len(lines) == 1 and parse_date_line(first):
        return Kind.DATE
    if _SALUTATION.match(first) and len(stripped) < 120 and len(lines) == 1:
        return Kind.SALUTATION
    if len(lines) == 1 and _CLOSING.match(first):
        return Kind.CLOSING
    if _IMAGE.match(first) and len(lines) == 1:
        return Kind.IMAGE
    short = all(len(line) <= 90 for line in lines) and len(lines) <= 10
    if short and any(_is_contact_line(line) for line in lines):
        return Kind.CONTACT
    # A letterhead flattened onto one line: an address or e-mail and no sentence in it.
    if (_EMAIL.search(stripped) or _POSTCODE.search(stripped)) and not _SENTENCE.search(stripped):
        return Kind.CONTACT
    if short and is_name_line(lines[0]) and not lines[-1].endswith((".", "!", "?")):
        return Kind.NAME
    if (len(lines) == 1 and len(first) <= 100 and not first.endswith((".", "!", "?", ":", ";", ","))
            and not _CLAUSE.search(first)):
        return Kind.HEADING
    return Kind.BODY


_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def blocks(text: str) -> list[Block]:
    """Split text into blocks at blank lines; a block of long unwrapped lines is split per line.

    Many published letters put one paragraph per line with no blank line between, so a block
    whose lines include prose-length lines is treated as one paragraph a line.
    """
    found: list[Block] = []
    cursor = 0
    for match in list(_BLANK_LINES.finditer(text)) + [None]:
        stop = match.start() if match else len(text)
        _add_block(text, cursor, stop, found)
        if match:
            cursor = match.end()
    return found


def _add_block(text: str, start: int, end: int, found: list[Block]) -> None:
    chunk = text[start:end]
    if not chunk.strip():
        return
    lines = chunk.split("\n")
    if len(lines) > 1 and any(len(line) > 120 for line in lines):
        offset = start
        for line in lines:
            if line.strip():
                s = offset + (len(line) - len(line.lstrip()))
                found.append(Block(s, offset + len(line.rstrip()), line.strip(), classify(line)))
            offset += len(line) + 1
        return
    s = start + (len(chunk) - len(chunk.lstrip()))
    e = start + len(chunk.rstrip())
    found.append(Block(s, e, text[s:e], classify(text[s:e])))
