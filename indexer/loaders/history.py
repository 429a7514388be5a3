"""Quoted history in a reply e-mail: the earlier messages below the new words.

They are not the reply's writer's words, so they stay out of the reply's passages; they are
the earlier message's, so each becomes a letter of its own, attributed to the writer and date
its attribution line or header block gives ("On 3 Jan 2022, Jane Doe wrote:",
"-----Original Message----- From: ... Sent: ..."). History quoted inside history is split
the same way, one message at a time.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass, field

from indexer.dates import find_full_date, normalise_date

# Where a reply's quoted history starts.
QUOTE_START = re.compile(
    r"^(?:On .{3,200}wrote:\s*$|-{2,}\s*Original Message\s*-{2,}.*$|_{5,}\s*$|From: .+\n(?:Sent|Date): )",
    re.MULTILINE | re.IGNORECASE,
)
_HEADER_LINE = re.compile(r"^(?P<name>From|Sent|Date|To|Cc|Subject):[ \t]*(?P<value>.*)$", re.IGNORECASE)


@dataclass
class Quoted:
    """An earlier message quoted in a reply: its header fields (lower-case names) and text."""

    headers: dict[str, str]
    text: str
    earlier: list[Quoted] = field(default_factory=list)


def split_history(body: str) -> tuple[str, Quoted | None]:
    """The message's own words, and the earlier message quoted below them, if any.

    Lines quoted inline ('> ' within the new words) are left out of the own words; when the
    history has no attribution line, they are the earlier message."""
    match = QUOTE_START.search(body)
    own_part, history = (body[: match.start()], body[match.start():]) if match else (body, "")
    own_lines = own_part.splitlines()
    own = "\n".join(line for line in own_lines if not line.startswith(">")).strip()
    if match:
        quoted = _parse_history(history)
    elif any(line.startswith(">") for line in own_lines):
        quoted = Quoted({}, _unquote(own_part))
    else:
        quoted = None
    if quoted is not None:
        quoted.text, earlier = split_history(quoted.text)
        quoted.earlier = [earlier] if earlier else []
        if not quoted.text:  # only history of its own: that is the earlier message
            return own, earlier
    return own, quoted


def _parse_history(history: str) -> Quoted:
    first, _, rest = history.partition("\n")
    headers: dict[str, str] = {}
    if first.lower().startswith("on ") and first.rstrip().lower().endswith("wrote:"):
        when, comma, who = first.strip()[3: -len("wrote:")].strip().rpartition(",")
        if comma:
            headers = {"from": who.strip(), "date": when.strip()}
        return Quoted(headers, _unquote(rest))
    lines = (history if first.startswith("From:") else rest).splitlines()
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and (header := _HEADER_LINE.match(lines[0])):
        headers[header["name"].lower()] = header["value"].strip()
        lines.pop(0)
    return Quoted(headers, "\n".join(lines))


def _unquote(text: str) -> str:
    """One level of '> ' quoting removed; unquoted lines that are not blank are not part of it."""
    kept = [re.sub(r"^> ?", "", line) for line in text.splitlines()
            if line.startswith(">") or not line.strip()]
    return "\n".join(kept)


def quoted_date(headers: dict[str, str]) -> str | None:
    """The ISO day of a 'Sent:'/'Date:' value or an attribution line's date."""
    value = headers.get("sent") or headers.get("date")
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        found = find_full_date(re.sub(r"\bat\b", " ", value))
        return found[0] if found else normalise_date(value)
