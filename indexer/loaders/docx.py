"""Word letters (.docx): paragraphs and tables in document order, one paragraph a block.

Core properties (title, author) are not trusted as letter metadata: templates carry stale
ones. The letter's own letterhead, date and signature are read as for any text letter.
"""

from __future__ import annotations

import io
import zipfile

from indexer.loaders.base import LoadedFile, LoadError

# A .docx is a zip: refuse archives that would inflate past this (zip bombs).
MAX_UNCOMPRESSED = 200 * 1024 * 1024


class DocxLoader:
    extensions = (".docx",)

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        import docx
        from docx.oxml.ns import qn

        if not data.strip():
            raise LoadError("empty file")
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if sum(info.file_size for info in archive.infolist()) > MAX_UNCOMPRESSED:
                    raise LoadError("refused: the document would unpack to over 200 MB")
            document = docx.Document(io.BytesIO(data))
        except LoadError:
            raise
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            raise LoadError(f"not a readable .docx ({type(exc).__name__})") from None
        blocks = []
        for element in document.element.body.iterchildren():
            if element.tag == qn("w:p"):
                text = "".join(node.text or "" for node in element.iter(qn("w:t")))
                blocks.append(text.strip())
            elif element.tag == qn("w:tbl"):
                for row in element.iter(qn("w:tr")):
                    cells = ["".join(n.text or "" for n in cell.iter(qn("w:t"))).strip()
                             for cell in row.iter(qn("w:tc"))]
                    blocks.append(" | ".join(c for c in cells if c))
        text = _group(blocks)
        if not text.strip():
            raise LoadError("no text in the document")
        return LoadedFile(source_path=source_path, text=text)


def _group(paragraphs: list[str]) -> str:
    """Word paragraphs to text: an empty paragraph separates blocks; consecutive short lines
    (an address, a signature) stay together as one block, as they would in a text letter."""
    blocks: list[list[str]] = [[]]
    for paragraph in paragraphs:
        if not paragraph:
            if blocks[-1]:
                blocks.append([])
            continue
        blocks[-1].append(paragraph)
    out = []
    for block in blocks:
        if not block:
            continue
        if all(len(p) < 90 for p in block):
            out.append("\n".join(block))
        else:
            out.extend(block)
    return "\n\n".join(out)
