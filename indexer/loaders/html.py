"""HTML letters: the main text, without navigation, scripts, styles, headers or footers."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from indexer.loaders.base import LoadedFile, decode_text

SKIP = {"script", "style", "nav", "header", "footer", "aside", "noscript", "template", "form",
        "svg", "button"}
BLOCK = {"p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
         "ul", "ol", "table", "tr", "blockquote", "address", "pre", "body", "br", "hr"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in SKIP:
            self.skipping += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self.skipping:
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(html: str) -> tuple[str, str]:
    """(text, title) of an HTML document: blocks separated by blank lines, <br> kept."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    return text, parser.title.strip()


class HtmlLoader:
    extensions = (".html", ".htm")

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        text, title = html_to_text(decode_text(data))
        meta = {"title": title} if title else {}
        return LoadedFile(source_path=source_path, text=text, metadata=meta)
