"""Outlook letters (.msg, read with extract-msg): the same headers, body, quoted history and
attachments as an .eml, through the same `load_mail`."""

from __future__ import annotations

from indexer.loaders.base import LoadedFile, LoadError
from indexer.loaders.email import LoadAttachment, Mail, load_mail


class OutlookLoader:
    extensions = (".msg",)

    def __init__(self, load_attachment: LoadAttachment):
        self.load_attachment = load_attachment

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        import extract_msg  # imported here: the library is large and only .msg files need it

        if not data.strip():
            raise LoadError("empty file")
        try:
            message = extract_msg.openMsg(data, delayAttachments=False)
        except Exception as exc:  # noqa: BLE001 - extract-msg raises many types for a damaged file
            raise LoadError(f"not a readable Outlook message ({type(exc).__name__})") from None
        with message:
            if not isinstance(message, extract_msg.Message):
                raise LoadError(f"an Outlook {type(message).__name__}, not an e-mail message")
            header = message.header
            html = not message.body and message.htmlBody
            sent = message.date
            return load_mail(Mail(
                sender=message.sender or header.get("From") or "",
                to=message.to or header.get("To") or "", cc=message.cc or header.get("Cc") or "",
                subject=message.subject or "", sent=sent if hasattr(sent, "date") else None,
                message_id=message.messageId or header.get("Message-ID") or "",
                answers=" ".join(filter(None, (message.inReplyTo, header.get("In-Reply-To"),
                                               header.get("References")))),
                body=(html.decode("utf-8", "replace") if html else message.body or ""),
                body_is_html=bool(html),
                attachments=[(a.longFilename or a.shortFilename or "", a.data)
                             for a in message.attachments if isinstance(a.data, bytes)]),
                source_path, self.load_attachment)

