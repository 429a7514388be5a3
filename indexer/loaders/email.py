"""E-mail letters (.eml): From, To, Cc, Date and Subject are the letter's metadata; the plain
body (or the HTML body, as text) is the letter, with quoted earlier messages left out."""

from __future__ import annotations

import email
import email.policy
import email.utils
import re

from indexer.loaders.base import LoadedFile, LoadError
from indexer.loaders.html import html_to_text

# Where a reply's quoted history starts.
QUOTE_START = re.compile(
    r"^(?:On .{3,200}wrote:\s*$|-{2,}\s*Original Message\s*-{2,}|_{5,}\s*$|From: .+\n(?:Sent|Date): )",
    re.MULTILINE | re.IGNORECASE,
)


def _people(header: str | None) -> list[str]:
    return [name or address for name, address in email.utils.getaddresses([header or ""])
            if name or address]


def new_text(body: str) -> str:
    """The message's own words: quoted history ('On ... wrote:', '-----Original Message-----',
    '> ' lines) is left out."""
    match = QUOTE_START.search(body)
    own = body[: match.start()] if match else body
    return "\n".join(line for line in own.splitlines() if not line.startswith(">")).strip()


class EmailLoader:
    extensions = (".eml",)

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        if not data.strip():
            raise LoadError("empty file")
        message = email.message_from_bytes(data, policy=email.policy.default)
        if not (message["From"] or message["Subject"]):
            raise LoadError("not an e-mail message (no From or Subject header)")
        part = message.get_body(preferencelist=("plain", "html"))
        if part is None:
            raise LoadError("the e-mail has no text body")
        try:
            body = part.get_content()
        except (LookupError, UnicodeError) as exc:
            raise LoadError(f"undecodable e-mail body ({type(exc).__name__})") from None
        if part.get_content_type() == "text/html":
            body = html_to_text(body)[0]
        text = new_text(body.replace("\r\n", "\n"))
        if not text:
            raise LoadError("the e-mail has no text of its own")
        meta: dict = {"from": _people(message["From"]),
                      "to": _people(message["To"]) + _people(message["Cc"])}
        if message["Subject"]:
            meta["title"] = str(message["Subject"]).strip()
        if message["Message-ID"]:
            meta["message_id"] = str(message["Message-ID"]).strip()
        answered = " ".join(str(message[h] or "") for h in ("In-Reply-To", "References"))
        meta["in_reply_to"] = list(dict.fromkeys(re.findall(r"<[^<>\s]+>", answered)))
        try:
            if message["Date"]:
                meta["date"] = email.utils.parsedate_to_datetime(str(message["Date"])).date().isoformat()
        except (TypeError, ValueError):
            pass
        return LoadedFile(source_path=source_path, text=text,
                          metadata={k: v for k, v in meta.items() if v},
                          attachments=_attached_letters(message, source_path))


def _attached_letters(message, source_path: str) -> list[LoadedFile]:
    """Attachments in a letter format, loaded by their own loaders; others are skipped."""
    from indexer.loaders import load_file, supported_suffixes

    found = []
    for part in message.iter_attachments():
        name = part.get_filename() or ""
        if "." + name.rsplit(".", 1)[-1].lower() not in supported_suffixes() - {".eml"}:
            continue
        data = part.get_payload(decode=True) or b""
        try:
            attachment = load_file(data, name)
        except LoadError:
            continue  # an unreadable attachment does not fail the e-mail
        attachment.source_path = source_path
        found.append(attachment)
    return found
