"""PDF letters: the text layer of each page, laid out so paragraphs stay apart.

pypdf's layout mode keeps blank lines between paragraphs; lines a paragraph was wrapped into
are joined again, so sentences (and quotes) are not cut at the page's line ends, and a
paragraph running on to the next page is joined across the break. Layout mode also renders
justified text's stretched word gaps as runs of spaces ("This  report  contained"): lines
joined into a paragraph, and a line with several such gaps, get single spaces, so a quote
reads as the letter does (a line on its own with one wide gap is two columns, and keeps it).
Where words are placed one by one (as LaTeX and some printers do), layout mode sometimes
runs two together ("justice isa crucial"); pypdf's plain mode spaces them right but loses the
blank lines between paragraphs, so the page is read both ways and the layout text gets the
plain reading's spaces (`respace`). A PDF with no text layer is a scan, and is reported as
such.
"""

from __future__ import annotations

import io
import re

from indexer.loaders.base import LoadedFile, LoadError

# A paragraph's lines are rejoined when every line but the last reaches this width (wrapped
# prose fills the line); addresses and signatures have lines of any length and keep them.
WRAPPED_LINE = 60
# Justified prose stretches most gaps of a line; columns leave one wide gap.
JUSTIFIED_GAPS = 3
_WIDE_GAP = re.compile(r"[ \t]{2,}")
# A page ending mid-sentence, and the next page going on in lower case: one paragraph.
_ENDS_MID_SENTENCE = re.compile(r"[\w,;\-\u2013]$")
_GOES_ON = re.compile(r"^[a-z]")


def respace(layout: str, plain: str) -> str:
    """The layout reading with a space wherever the plain reading of the same page parts two
    characters it runs together. Both read the same characters in the same order, or the
    layout reading is kept as it is."""
    if "".join(layout.split()) != "".join(plain.split()):
        return layout
    parted, count, after_space = set(), 0, False
    for char in plain:
        if char.isspace():
            after_space = True
            continue
        if after_space:
            parted.add(count)
        after_space, count = False, count + 1
    out, count, after_space = [], 0, True
    for char in layout:
        if not char.isspace():
            if count in parted and not after_space:
                out.append(" ")
            count += 1
        out.append(char)
        after_space = char.isspace()
    return "".join(out)


def unjustify(line: str) -> str:
    """A justified line's stretched gaps as single spaces; other lines as they are."""
    return _WIDE_GAP.sub(" ", line) if len(_WIDE_GAP.findall(line)) >= JUSTIFIED_GAPS else line


def unwrap(text: str) -> str:
    """Join the wrapped lines of each paragraph, single-spaced; keep short-lined blocks as
    they are, but for justified lines."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if len(lines) > 1 and all(len(line) >= WRAPPED_LINE for line in lines[:-1]):
            blocks.append(" ".join(_WIDE_GAP.sub(" ", line) for line in lines))
        elif lines:
            blocks.append("\n".join(unjustify(line) for line in lines))
    return "\n\n".join(blocks)


class PdfLoader:
    extensions = (".pdf",)

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        if not data.strip():
            raise LoadError("empty file")
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise LoadError("encrypted PDF (no password is known)")
            pages = [respace(page.extract_text(extraction_mode="layout") or "",
                             page.extract_text() or "") for page in reader.pages]
        except LoadError:
            raise
        except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
            raise LoadError(f"corrupt or truncated PDF ({type(exc).__name__})") from None
        parts: list[str] = []
        starts: list[tuple[int, int]] = []
        length = 0
        for number, page in enumerate(pages, start=1):
            if not page.strip():
                continue
            page_text = unwrap(page)
            if parts:
                runs_on = _ENDS_MID_SENTENCE.search(parts[-1]) and _GOES_ON.match(page_text)
                parts.append(" " if runs_on else "\n\n")  # else the blank line between pages
                length += len(parts[-1])
            starts.append((length, number))
            parts.append(page_text)
            length += len(page_text)
        text = "".join(parts)
        if not text.strip():
            raise LoadError("no text layer (OCR is not supported)")
        # (offset in the text, page number) where each page starts: citations name the page
        return LoadedFile(source_path=source_path, text=text, metadata={"pages": starts})
