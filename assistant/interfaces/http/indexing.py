"""Index runs requested over HTTP: one at a time, on a writer connection of their own.

Searches keep using the server's reader while a run writes; when the run commits, readers
switch to the new generation at their next search (see `indexer.store.local`). A run asked
for while another is under way is refused (409), never queued behind it unseen.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from fastapi import HTTPException

from indexer.embedder import Embedder
from indexer.loaders import supported_suffixes
from indexer.models import collection_of
from indexer.pipeline import IndexPipeline, IndexSummary, MassRemovalRefused
from indexer.settings import Settings


class IndexBusy(Exception):
    """Another index run holds the corpus and index; the HTTP layer answers 409."""


class IndexRunner:
    def __init__(self, settings: Settings, embedder: Embedder, on_finish=None):
        self.corpus_dir = Path(settings.corpus_dir)
        self._settings = settings
        self._embedder = embedder
        self._pipeline: IndexPipeline | None = None
        self._running = threading.Lock()
        self._on_finish = on_finish  # called with (ok, seconds)

    @contextlib.contextmanager
    def exclusive(self):
        """Hold the right to change the corpus and index, or answer 409 at once."""
        if not self._running.acquire(blocking=False):
            raise IndexBusy("a re-index is already running; try again when it ends")
        try:
            yield
        finally:
            self._running.release()

    def close(self) -> None:
        """Close the writer's store and end its file-reading worker, if a run opened them."""
        with self._running:
            if self._pipeline is not None:
                self._pipeline.close()
                self._pipeline = None

    def run_exclusive(self, paths: list[str] | None = None) -> IndexSummary:
        """A run for the watched folder: raises IndexBusy if an upload or re-index holds it."""
        with self.exclusive():
            return self.run(paths)

    def run(self, paths: list[str] | None = None,
            allow_mass_removal: bool = False) -> IndexSummary:
        """An incremental run over the corpus folder, or over `paths` in it (call inside
        `exclusive()`)."""
        began = time.perf_counter()
        ok = False
        try:
            if self._pipeline is None:  # a writer connection of its own, opened once
                self._pipeline = IndexPipeline.from_settings(self._settings, self._embedder)
            summary = self._pipeline.run(self.corpus_dir, paths=paths,
                                         allow_mass_removal=allow_mass_removal)
            ok = True
            return summary
        except FileNotFoundError:  # the folder's name only: its path is the server's business
            raise HTTPException(409, f"the corpus folder ({self.corpus_dir.name}) does not "
                                     f"exist; nothing was changed") from None
        except MassRemovalRefused as exc:
            raise HTTPException(409, str(exc).replace(str(self.corpus_dir),
                                                      self.corpus_dir.name)) from None
        finally:
            if self._on_finish:
                self._on_finish(ok, time.perf_counter() - began)

    def collection_paths(self, collections: frozenset[str], indexed: Iterable[str]) -> list[str]:
        """The corpus paths a run over these collections covers: their folders, the files
        directly in the corpus folder for 'default', and indexed files of theirs now gone."""
        paths = {path for path in indexed if collection_of(path) in collections}
        if self.corpus_dir.is_dir():
            for entry in self.corpus_dir.iterdir():
                if collection_of(f"{entry.name}/x" if entry.is_dir() else entry.name) in collections:
                    paths.add(entry.name)
        return sorted(paths)

    def ensure_corpus_folder(self, indexed_files: int) -> None:
        """Make the corpus folder for a first upload; refuse when it vanished from under an
        index that has files (an unmounted volume): an upload would re-create it empty, and
        the next run would remove every letter."""
        if self.corpus_dir.is_dir():
            return
        if indexed_files:
            raise HTTPException(409, f"the corpus folder ({self.corpus_dir.name}) is missing "
                                     f"while the index holds {indexed_files} files; nothing "
                                     f"was saved")
        self.corpus_dir.mkdir(parents=True, exist_ok=True)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_file_name(raw: str | None) -> str:
    """A name for an uploaded file that stays inside the corpus folder: no directories, no
    control or invisible characters, no leading dot, a supported extension."""
    name = unicodedata.normalize("NFKC", raw or "")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        raise HTTPException(400, "the file name contains control or invisible characters")
    name = PurePosixPath(name.replace("\\", "/")).name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in supported_suffixes():
        raise HTTPException(415, f"unsupported file type {suffix or '(none)'}; supported: "
                                 f"{', '.join(sorted(supported_suffixes()))}")
    # Accents are dropped ("été" -> "ete"), then anything but letters, digits, . _ - is a dash.
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name[: -len(suffix)])
                    if unicodedata.category(ch) != "Mn")
    stem = _UNSAFE.sub("-", plain).strip(".-_")[:120]
    if not stem:
        raise HTTPException(400, "the file name has no usable characters")
    return stem + suffix


def free_path(folder: Path, name: str) -> Path:
    """`name` in `folder`, numbered ('letter-2.txt') if that name is taken."""
    path = folder / name
    stem, suffix = path.stem, path.suffix
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}{suffix}"
        n += 1
    return path
