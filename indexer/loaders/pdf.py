"""PDF letters: the text layer of each page, laid out so paragraphs stay apart.

pypdf's layout mode keeps blank lines between paragraphs; lines a paragraph was wrapped into
are joined again, so sentences (and quotes) are not cut at the page's line ends. A PDF with
no text layer is a scan, and is reported as such.
"""

from __future__ import annotations

import io
import re

from indexer.loaders.base import LoadedFile, LoadError

# A paragraph's lines are rejoined when every line but the last reaches this width (wrapped
# prose fills the line); addresses and signatures have lines of any length and keep them.
WRAPPED_LINE = 60


def unwrap(text: str) -> str:
    """Join the wrapped lines of each paragraph; keep short-lined blocks as they are."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if len(lines) > 1 and all(len(line) >= WRAPPED_LINE for line in lines[:-1]):
            blocks.append(" ".join(lines))
        elif lines:
            blocks.append("\n".join(lines))
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
            pages = [page.extract_text(extraction_mode="layout") or "" for page in reader.pages]
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
            if parts:
                length += 2  # the blank line between pages
            starts.append((length, number))
            parts.append(unwrap(page))
            length += len(parts[-1])
        text = "\n\n".join(parts)
        if not text.strip():
            raise LoadError("no text layer (OCR is not supported)")
        # (offset in the text, page number) where each page starts: citations name the page
        return LoadedFile(source_path=source_path, text=text, metadata={"pages": starts})
