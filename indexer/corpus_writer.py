"""Changing the corpus folder and the index together: uploads, deletes and re-index runs,
one at a time, on a writer connection of their own.

Readers keep using their own connection while a run writes; when the run commits they
switch to the new generation at their next search (see `indexer.store.local`). A change asked
for while another is under way is refused (`IndexBusy`), never queued behind it unseen.
Every refusal is an exception naming the corpus folder by its name only: where it lives is
the server's business, not the caller's.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from indexer.derive import derive
from indexer.embedder import Embedder
from indexer.loaders import supported_suffixes
from indexer.models import DEFAULT_COLLECTION, collection_of
from indexer.pipeline import FailedFile, IndexPipeline, IndexSummary, MassRemovalRefused
from indexer.settings import IndexSettings


class IndexBusy(Exception):
    """Another change holds the corpus and index."""


class CorpusRefused(Exception):
    """The change would lose letters (the corpus folder is missing, or a run would remove
    most of the index); nothing was changed."""


class BadFileName(ValueError):
    """An uploaded file's name cannot be kept safely."""


class UnsupportedFile(ValueError):
    """An uploaded file is of a kind no loader reads."""


class NothingIndexed(ValueError):
    """No letter was read from any uploaded file; none was kept."""


@dataclass
class Upload:
    saved: list[str]  # corpus paths of the files kept
    letter_ids: list[str]  # the letters read from them
    summary: IndexSummary  # the run; its `failed` lists the files not kept, with why


@dataclass
class Deletion:
    deleted_file: str | None  # None: the file had already gone from the folder
    letter_ids: list[str]  # the letters removed with it
    summary: IndexSummary


class CorpusWriter:
    def __init__(self, settings: IndexSettings, embedder: Embedder,
                 sentence_embedder: Embedder | None = None,
                 on_finish: Callable[[bool, float], None] | None = None):
        self.corpus_dir = Path(settings.corpus_dir)
        self._settings = settings
        # the models the server's Assistant reads by: its index runs keep their vectors
        self._embedder = embedder
        self._sentence_embedder = sentence_embedder
        self._pipeline: IndexPipeline | None = None
        self._running = threading.Lock()
        self._on_finish = on_finish  # called with (ok, seconds) after every run

    @contextlib.contextmanager
    def exclusive(self):
        """Hold the right to change the corpus and index, or raise IndexBusy at once."""
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

    def _writer(self) -> IndexPipeline:
        if self._pipeline is None:  # a writer connection of its own, opened once
            self._pipeline = IndexPipeline.from_settings(self._settings, self._embedder,
                                                          self._sentence_embedder)
        return self._pipeline

    # -- the changes ------------------------------------------------------------------------

    def run_exclusive(self, paths: list[str] | None = None) -> IndexSummary:
        """A run for the watched folder: raises IndexBusy if another change holds it."""
        with self.exclusive():
            return self._run(paths)

    def reindex(self, collections: frozenset[str] | None = None,
                allow_mass_removal: bool = False) -> IndexSummary:
        """An incremental run over the corpus folder, or over the folders (and indexed files)
        of `collections` only."""
        with self.exclusive():
            paths = None
            if collections is not None:
                paths = self._collection_paths(collections, self._writer().store.file_states())
            return self._run(paths, allow_mass_removal=allow_mass_removal)

    def upload(self, files: list[tuple[str, bytes]],
               collection: str = DEFAULT_COLLECTION) -> Upload:
        """Save (name, content) files into the collection's folder under safe, free names and
        index them. A file no letter was read from is not kept: left in the corpus it would be
        re-read by every run and could not be deleted (it has no letter id)."""
        named = [(safe_file_name(name), data) for name, data in files]  # all checked first
        folder = "" if collection == DEFAULT_COLLECTION else f"{collection}/"
        with self.exclusive():
            store = self._writer().store
            self._ensure_corpus_folder(store.stats().files)
            (self.corpus_dir / folder).mkdir(exist_ok=True)
            saved = []
            for name, data in named:
                path = free_path(self.corpus_dir / folder, name)
                path.write_bytes(data)
                saved.append(folder + path.name)
            summary = self._run(saved)
            reasons = {f.path: f.reason for f in summary.failed}
            refused = [name for name in saved if not store.letters_of_file(name)]
            for name in refused:
                (self.corpus_dir / name).unlink(missing_ok=True)
                reasons.setdefault(name, "no letter read from it (a corpus README is "
                                         "documentation)")
            if len(refused) == len(saved):
                raise NothingIndexed("nothing indexed, nothing kept: " + "; ".join(
                    f"{name}: {reasons[name]}" for name in refused))
            kept = [name for name in saved if name not in refused]
            summary.failed = [FailedFile(name, reasons[name]) for name in refused]
            return Upload(kept, [i for name in kept for i in store.letters_of_file(name)],
                          summary)

    def delete_file(self, source_path: str) -> Deletion:
        """Remove a corpus file, and so every letter read from it, from the folder and the
        index."""
        with self.exclusive():
            removed = self._writer().store.letters_of_file(source_path)
            path = (self.corpus_dir / source_path).resolve()
            deleted = None
            if path.is_relative_to(self.corpus_dir.resolve()) and path.is_file():
                path.unlink()
                deleted = source_path
            return Deletion(deleted, removed, self._run([source_path]))

    def derive_due(self) -> int:
        """Derive the records an earlier run left due (an index made by an older Missive, or
        a run that died before deriving); returns how many letters were linked (0, at once,
        when nothing is due)."""
        with self.exclusive():
            store = self._writer().store
            return derive(store) if store.pending_derivations() else 0

    # -- helpers ----------------------------------------------------------------------------

    def _run(self, paths: list[str] | None = None,
             allow_mass_removal: bool = False) -> IndexSummary:
        """An incremental run over the corpus folder, or over `paths` in it (inside
        `exclusive()`)."""
        began = time.perf_counter()
        ok = False
        try:
            summary = self._writer().run(self.corpus_dir, paths=paths,
                                         allow_mass_removal=allow_mass_removal)
            ok = True
            return summary
        except FileNotFoundError:
            raise CorpusRefused(f"the corpus folder ({self.corpus_dir.name}) does not exist; "
                                f"nothing was changed") from None
        except MassRemovalRefused as exc:
            raise CorpusRefused(str(exc).replace(str(self.corpus_dir),
                                                 self.corpus_dir.name)) from None
        finally:
            if self._on_finish:
                self._on_finish(ok, time.perf_counter() - began)

    def _collection_paths(self, collections: frozenset[str], indexed: Iterable[str]) -> list[str]:
        """The corpus paths a run over these collections covers: their folders, the files
        directly in the corpus folder for 'default', and indexed files of theirs now gone."""
        paths = {path for path in indexed if collection_of(path) in collections}
        if self.corpus_dir.is_dir():
            for entry in self.corpus_dir.iterdir():
                if collection_of(f"{entry.name}/x" if entry.is_dir() else entry.name) in collections:
                    paths.add(entry.name)
        return sorted(paths)

    def _ensure_corpus_folder(self, indexed_files: int) -> None:
        """Make the corpus folder for a first upload; refuse when it vanished from under an
        index that has files (an unmounted volume): an upload would re-create it empty, and
        the next run would remove every letter."""
        if self.corpus_dir.is_dir():
            return
        if indexed_files:
            raise CorpusRefused(f"the corpus folder ({self.corpus_dir.name}) is missing while "
                                f"the index holds {indexed_files} files; nothing was saved")
        self.corpus_dir.mkdir(parents=True, exist_ok=True)


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_file_name(raw: str | None) -> str:
    """A name for an uploaded file that stays inside the corpus folder: no directories, no
    control or invisible characters, no leading dot, a supported extension."""
    name = unicodedata.normalize("NFKC", raw or "")
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn") for ch in name):
        raise BadFileName("the file name contains control or invisible characters")
    name = PurePosixPath(name.replace("\\", "/")).name
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in supported_suffixes():
        raise UnsupportedFile(f"unsupported file type {suffix or '(none)'}; supported: "
                              f"{', '.join(sorted(supported_suffixes()))}")
    # Accents are dropped ("été" -> "ete"), then anything but letters, digits, . _ - is a dash.
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", name[: -len(suffix)])
                    if unicodedata.category(ch) != "Mn")
    stem = _UNSAFE.sub("-", plain).strip(".-_")[:120]
    if not stem:
        raise BadFileName("the file name has no usable characters")
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
