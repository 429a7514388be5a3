"""E-mail letters (.eml): From, To, Cc, Date and Subject are the letter's metadata; the plain
body (or the HTML body, as text) is the letter. Quoted earlier messages are letters of their
own (indexer.loaders.history), and attachments in a letter format too.

`Mail` is what any e-mail container carries; the Outlook loader fills one from a .msg file,
so both formats come out the same way."""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from indexer.loaders.base import LoadedFile, LoadError
from indexer.loaders.history import Quoted, quoted_date, split_history
from indexer.loaders.html import html_to_text


@dataclass
class Mail:
    """One e-mail's headers (as written), body and attached files."""

    sender: str
    to: str = ""
    cc: str = ""
    subject: str = ""
    sent: datetime | None = None
    message_id: str = ""
    answers: str = ""  # the In-Reply-To and References headers
    body: str = ""
    body_is_html: bool = False
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def _people(header: str | None) -> list[str]:
    """Names in an address header. Outlook separates addresses with ';' and may give only
    display names ('Rachel Maclean MP'): those are names, not addresses."""
    found = []
    for part in (header or "").split(";"):
        if "@" in part or "<" in part:
            found += [name or address for name, address in email.utils.getaddresses([part])]
        else:
            found += [name.strip() for name in part.split(",")]
    return [x for x in found if x]


# Loads an attached file in a letter format with its own loader: None for any other file and
# for one that cannot be read (it does not fail the e-mail). Given by the loader registry
# (indexer.loaders), so this module never imports it back.
LoadAttachment = Callable[[bytes, str], "LoadedFile | None"]


def load_mail(mail: Mail, source_path: str, load_attachment: LoadAttachment) -> LoadedFile:
    body = html_to_text(mail.body)[0] if mail.body_is_html else mail.body
    text, quoted = split_history(body.replace("\r\n", "\n"))
    if not text:
        raise LoadError("the e-mail has no text of its own")
    meta: dict = {"from": _people(mail.sender), "to": _people(mail.to) + _people(mail.cc),
                  "title": mail.subject.strip(), "message_id": mail.message_id.strip(),
                  "in_reply_to": list(dict.fromkeys(re.findall(r"<[^<>\s]+>", mail.answers))),
                  "date": mail.sent.date().isoformat() if mail.sent else None}
    return LoadedFile(source_path=source_path, text=text,
                      metadata={k: v for k, v in meta.items() if v},
                      attachments=_attached_letters(mail.attachments, source_path,
                                                    load_attachment),
                      quoted=_quoted_letters(quoted, meta, source_path))


def _quoted_letters(quoted: Quoted | None, reply_meta: dict, source_path: str) -> list[LoadedFile]:
    """The earlier message as a letter: its own header or attribution says who and when; it
    went to the reply's writer unless it says otherwise."""
    if quoted is None or not quoted.text.strip():
        return []
    headers = quoted.headers
    meta = {"from": _people(headers.get("from")),
            "to": _people(headers.get("to")) + _people(headers.get("cc")) or reply_meta["from"],
            "title": headers.get("subject") or re.sub(r"^(?:re|fw|fwd):\s*", "",
                                                      reply_meta.get("title") or "", flags=re.IGNORECASE),
            "date": quoted_date(headers)}
    earlier = quoted.earlier[0] if quoted.earlier else None
    return [LoadedFile(source_path=source_path, text=quoted.text.strip() + "\n",
                       metadata={k: v for k, v in meta.items() if v},
                       quoted=_quoted_letters(earlier, meta, source_path))]


def _attached_letters(attachments: list[tuple[str, bytes]], source_path: str,
                      load_attachment: LoadAttachment) -> list[LoadedFile]:
    """Attachments in a letter format, loaded by their own loaders; others are skipped."""
    found = []
    for name, data in attachments:
        attachment = load_attachment(data, name)
        if attachment is not None:
            attachment.source_path = source_path
            found.append(attachment)
    return found


class EmailLoader:
    extensions = (".eml",)

    def __init__(self, load_attachment: LoadAttachment):
        self.load_attachment = load_attachment

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
        try:
            sent = email.utils.parsedate_to_datetime(str(message["Date"])) if message["Date"] else None
        except (TypeError, ValueError):
            sent = None
        return load_mail(Mail(
            sender=str(message["From"] or ""), to=str(message["To"] or ""),
            cc=str(message["Cc"] or ""), subject=str(message["Subject"] or ""), sent=sent,
            message_id=str(message["Message-ID"] or ""),
            answers=" ".join(str(message[h] or "") for h in ("In-Reply-To", "References")),
            body=body, body_is_html=part.get_content_type() == "text/html",
            attachments=[(part.get_filename() or "", _payload(part))
                         for part in message.iter_attachments()]), source_path,
            self.load_attachment)


def _payload(part) -> bytes:
    """An attachment's content, decoded from its transfer encoding (nothing if it has none)."""
    payload = part.get_payload(decode=True)
    return payload if isinstance(payload, bytes) else b""
