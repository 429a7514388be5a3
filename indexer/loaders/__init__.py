"""Loaders by file extension. Adding a format: write one module, add it to LOADERS."""

from __future__ import annotations

from pathlib import Path

from indexer.loaders.base import LoadedFile, Loader, LoadError
from indexer.loaders.docx import DocxLoader
from indexer.loaders.email import EmailLoader
from indexer.loaders.html import HtmlLoader
from indexer.loaders.outlook import OutlookLoader
from indexer.loaders.pdf import PdfLoader
from indexer.loaders.text import TextLoader

# Attached e-mails are not read as letters of the e-mail that carries them.
NOT_FOLLOWED = frozenset({".eml", ".msg"})


def _load_attachment(data: bytes, name: str) -> LoadedFile | None:
    """An e-mail's attachment in a letter format, by its own loader; None for other files
    and for one that cannot be read (it does not fail the e-mail)."""
    suffix = Path(name).suffix.lower()
    if suffix in NOT_FOLLOWED or suffix not in _BY_SUFFIX:
        return None
    try:
        return _BY_SUFFIX[suffix].load(data, name)
    except LoadError:
        return None


LOADERS: tuple[Loader, ...] = (TextLoader(), PdfLoader(), DocxLoader(),
                               EmailLoader(_load_attachment), OutlookLoader(_load_attachment),
                               HtmlLoader())

_BY_SUFFIX = {suffix: loader for loader in LOADERS for suffix in loader.extensions}


def supported_suffixes() -> frozenset[str]:
    return frozenset(_BY_SUFFIX)


def load_file(data: bytes, source_path: str) -> LoadedFile:
    """Load one file's bytes with the loader for its extension."""
    suffix = Path(source_path).suffix.lower()
    loader = _BY_SUFFIX.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type {suffix or '(no extension)'}")
    return loader.load(data, source_path)


__all__ = ["LoadError", "LoadedFile", "Loader", "load_file", "supported_suffixes"]
