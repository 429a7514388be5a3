"""Text and Markdown letters (.txt, .md): decoded text, YAML front matter as metadata.

Markdown in letters is light (a heading, a list), so the body is kept exactly as written:
quotes then match the file a reader opens.
"""

from __future__ import annotations

from indexer.loaders.base import LoadedFile, decode_text, split_front_matter


class TextLoader:
    extensions = (".txt", ".md", ".markdown")

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        meta, body = split_front_matter(decode_text(data))
        return LoadedFile(source_path=source_path, text=body, metadata=meta)
