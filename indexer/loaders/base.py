"""The loader interface: one small module per file format, each turning a file into text.

A loader does not find letters in the text; `indexer.letters` does that for every format,
so a new format only has to produce text (and whatever metadata the format carries).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml


class LoadError(Exception):
    """A file that cannot be indexed; the message is the reason shown to the user."""


@dataclass
class LoadedFile:
    """A file's text (front matter removed) and the metadata the file itself declares."""

    source_path: str
    text: str
    metadata: dict[str, Any] = field(default_factory=dict)
    # Letters that came inside this file (an e-mail's PDF attachment): indexed as letters of
    # their own, from the same source file, linked to the file's first letter.
    attachments: list[LoadedFile] = field(default_factory=list)
    # Earlier messages quoted below an e-mail's own words: letters of their own, from the
    # same source file, linked to the letter that quotes them.
    quoted: list[LoadedFile] = field(default_factory=list)


class Loader(Protocol):
    @property
    def extensions(self) -> tuple[str, ...]: ...  # a class attribute in each loader

    def load(self, data: bytes, source_path: str) -> LoadedFile: ...


# Bytes that never appear in a text letter; a few of them mean the file is binary.
_CONTROL = set(range(9)) | {11} | set(range(14, 32))


def decode_text(data: bytes) -> str:
    """Decode a text file: UTF-8 (with or without BOM), else Windows-1252, else Latin-1.

    Raises LoadError for empty and binary files, so they are reported, not indexed as noise.
    """
    if not data.strip():
        raise LoadError("empty file")
    sample = data[:8192]
    if b"\x00" in sample or sum(b in _CONTROL for b in sample) > len(sample) * 0.05:
        raise LoadError("binary file, not text")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        text = data.decode("latin-1")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError("empty file")
    return text


# The longest front matter value: a title, a list of correspondents, a URL.
MAX_FIELD_CHARS = 2000


class _NoAliasLoader(yaml.SafeLoader):
    """YAML without aliases: `*name` repeats a node, and seven levels of repeats turn 500
    bytes into 35 MB (nine into gigabytes). Front matter never needs one."""

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed", self.peek_event().start_mark)
        return super().compose_node(parent, index)


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Split YAML front matter (between `---` lines at the top) from the body."""
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---", 4)
    if end == -1:
        raise LoadError("malformed front matter: no closing '---' line")
    close = text.find("\n", end + 4)
    body = "" if close == -1 else text[close + 1 :]
    try:
        meta = yaml.load(text[4:end], Loader=_NoAliasLoader) or {}  # a SafeLoader, without aliases
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise LoadError(f"malformed front matter: {problem}") from None
    if not isinstance(meta, dict):
        raise LoadError("malformed front matter: expected 'key: value' lines")
    meta = {str(k).strip().lower(): v for k, v in meta.items()}
    for key, value in meta.items():
        if len(key) > 100 or len(str(value)) > MAX_FIELD_CHARS:
            raise LoadError(f"malformed front matter: the {key[:100]!r} field is longer than "
                            f"{MAX_FIELD_CHARS} characters")
    if "date" in meta and meta["date"] is not None:
        meta["date"] = str(meta["date"])  # YAML turns 2021-10-27 into a date object
    if not body.strip():
        raise LoadError("front matter but no letter text")
    return meta, body
