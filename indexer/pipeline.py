"""The incremental indexing run: find what changed, load and split it, embed what is new,
and write it to the store as one generation.

Unchanged files are skipped by content hash; vectors are cached by text hash, so a re-run
(or a run after a kill) embeds only text it has never seen. Besides each passage, the run
embeds each of its quotable sentences and each of its words into the same cache: the
assistant matches a question to sentences by meaning at ask time, where encoding them would
cost ~9 ms a sentence, and its words the letters never use to the words they do use. When a
sentence model of its own is set (MISSIVE_SENTENCE_MODEL), the sentences are embedded by it
too, kept in the cache under its name. A file that fails to load is reported and keeps
whatever was indexed from it before.
"""

from __future__ import annotations

import hashlib
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath

import numpy as np

from indexer.derive import derive
from indexer.embedder import Embedder, text_hash
from indexer.isolation import IsolatedLoader
from indexer.letters import split_letters
from indexer.loaders import LoadError
from indexer.passages import DEFAULT_MAX_CHARS, split_passages
from indexer.sentences import passage_sentences
from indexer.store import FileChange, Store, open_store
from indexer.store.terms import meaning_words

# Files in the corpus folder that document it rather than hold letters.
DOCUMENTATION = {"readme.md", "readme.txt", "readme", "licence.md", "license.md"}
# Vectors are computed and cached this many passages at a time.
EMBED_CHUNK = 256
# A file is read whole, so files over this size are refused: memory stays bounded.
DEFAULT_MAX_FILE_MB = 25
# A PDF, Word, e-mail or HTML file is read in a worker process for at most this long.
DEFAULT_FILE_SECONDS = 30.0


LINK_SKIPPED = "a symbolic link: skipped, links are not followed"
# A run that would remove more than this share of the indexed files, and more than
# MASS_REMOVAL_MIN of them, is refused unless asked for: an unmounted volume or a wrong
# corpus path looks like "every letter was deleted".
MASS_REMOVAL_SHARE = 0.5
MASS_REMOVAL_MIN = 5


class MassRemovalRefused(Exception):
    """The run would remove most of the index; nothing was changed."""


@dataclass
class FailedFile:
    path: str
    reason: str


@dataclass
class IndexSummary:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0
    failed: list[FailedFile] = field(default_factory=list)
    letters: int = 0
    passages: int = 0
    embedded: int = 0
    generation: int = 0
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


def corpus_entries(corpus_dir: Path, under: str = "") -> list[tuple[str, str]]:
    """Every file under the corpus folder (or its file or folder `under`) as (path relative
    to the corpus, with '/'; full path), but hidden files and folders and the corpus's own
    README, in a stable order. Symbolic links are listed but never followed (an index run
    reports them as skipped): a link could serve a file from anywhere on the machine.
    os.scandir rather than pathlib: a run over 10k unchanged files costs a few milliseconds,
    not 100."""
    if not corpus_dir.is_dir():
        raise FileNotFoundError(f"corpus folder {corpus_dir} does not exist")
    found: list[tuple[str, str]] = []

    def keep(name: str, prefix: str) -> bool:
        return not name.startswith(".") and (bool(prefix) or name.lower() not in DOCUMENTATION)

    def walk(folder: str, prefix: str) -> None:
        with os.scandir(folder) as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                if not keep(entry.name, prefix):
                    continue
                if entry.is_symlink():  # listed, so the run reports it; never followed
                    found.append((prefix + entry.name, entry.path))
                elif entry.is_dir(follow_symlinks=False):
                    walk(entry.path, f"{prefix}{entry.name}/")
                elif entry.is_file(follow_symlinks=False):
                    found.append((prefix + entry.name, entry.path))

    parts = PurePosixPath(under).parts
    if any(part.startswith(".") or part == ".." for part in parts):
        return []
    target = os.path.join(corpus_dir, under)
    if under and os.path.isfile(target):
        if keep(parts[-1], "/".join(parts[:-1])):
            found.append((under, target))
    elif os.path.isdir(target) and not os.path.islink(target):
        walk(target, f"{under}/" if under else "")
    return found


def scan_corpus(corpus_dir: Path) -> list[Path]:
    """The corpus files' paths (see `corpus_entries`), symbolic links left out."""
    return [Path(full) for _, full in corpus_entries(corpus_dir) if not os.path.islink(full)]


def _refuse_mass_removal(removed: list[str], indexed_files: int, corpus_dir: Path) -> None:
    if len(removed) > MASS_REMOVAL_MIN and len(removed) > MASS_REMOVAL_SHARE * indexed_files:
        raise MassRemovalRefused(
            f"this run would remove {len(removed)} of the {indexed_files} indexed files, as if "
            f"they were deleted from {corpus_dir}; nothing was changed. If the corpus folder "
            f"is the right one and they were meant to go, run again with --allow-mass-removal "
            f"(HTTP: POST /reindex?allow_mass_removal=true)")


def _through_link(corpus_dir: Path, source_path: str) -> bool:
    """Whether the file, or a folder on its way from the corpus folder, is a symbolic link."""
    parts = PurePosixPath(source_path).parts
    return any(os.path.islink(os.path.join(corpus_dir, *parts[: n + 1])) for n in range(len(parts)))


@dataclass
class _Parsed:
    change: FileChange
    hashes: list[str]
    # The passages' sentences and words, by hash: their vectors are kept in the cache only.
    cache_only: dict[str, str] = field(default_factory=dict)
    sentences: dict[str, str] = field(default_factory=dict)  # for the sentence model


class IndexPipeline:
    def __init__(self, store: Store, embedder: Embedder,
                 max_passage_chars: int = DEFAULT_MAX_CHARS, max_file_mb: int = DEFAULT_MAX_FILE_MB,
                 file_seconds: float = DEFAULT_FILE_SECONDS,
                 sentence_embedder: Embedder | None = None):
        self.store = store
        self.embedder = embedder
        self.sentence_embedder = sentence_embedder
        self.max_passage_chars = max_passage_chars
        self.max_file_bytes = max_file_mb * 1024 * 1024
        self.loader = IsolatedLoader(file_seconds)

    def close(self) -> None:
        """End the file-reading worker and close the store."""
        self.loader.close()
        self.store.close()

    @classmethod
    def from_settings(cls, settings, embedder: Embedder | None = None,
                      sentence_embedder: Embedder | None = None) -> "IndexPipeline":
        """The pipeline, with a writer store of its own, that the settings describe. Its
        models are the settings' or, when `embedder` is given, the caller's: a server indexes
        with the models its Assistant reads by (`sentence_embedder` None: none of its own)."""
        from indexer.embedder import embedder_for, sentence_embedder_for

        if embedder is None:
            embedder, sentence_embedder = embedder_for(settings), sentence_embedder_for(settings)
        store = open_store(settings, embedder.name, embedder.dimension)
        return cls(store, embedder, settings.max_passage_chars, settings.max_file_mb,
                   settings.max_file_seconds, sentence_embedder)

    def run(self, corpus_dir: Path, progress: bool = False,
            paths: Iterable[str] | None = None,
            allow_mass_removal: bool = False) -> IndexSummary:
        """An incremental run over the corpus folder; with `paths` (relative to it: files or
        folders, present or gone), over those alone, which is what the watched folder and
        uploads ask for, so one new letter costs the same in a large corpus as a small one."""
        began = time.perf_counter()
        summary = IndexSummary()
        corpus_dir = Path(corpus_dir)
        targets = None if paths is None else sorted({p.strip("/") for p in paths})
        if targets is not None and "" in targets:
            targets = None  # the corpus folder itself changed
        with self.store.writer():
            known = self.store.file_states(targets)
            on_disk: set[str] = set()
            parsed: list[_Parsed] = []
            retimed: dict[str, int] = {}
            entries = dict(corpus_entries(corpus_dir) if targets is None else
                           [e for target in targets for e in corpus_entries(corpus_dir, target)])
            for source_path, full_path in entries.items():
                if _through_link(corpus_dir, source_path):  # not there, as far as the index goes
                    summary.failed.append(FailedFile(source_path, LINK_SKIPPED))
                    continue
                on_disk.add(source_path)
                state = known.get(source_path)
                try:
                    stat = os.stat(full_path)
                    if state and (state.size, state.mtime_ns) == (stat.st_size, stat.st_mtime_ns):
                        summary.unchanged += 1  # same size and time: not even read
                        continue
                    if stat.st_size > self.max_file_bytes:
                        summary.failed.append(FailedFile(
                            source_path, f"larger than {self.max_file_bytes // 2**20} MB"))
                        continue
                    data = Path(full_path).read_bytes()
                except OSError as exc:
                    summary.failed.append(FailedFile(source_path, f"cannot read: {exc.strerror}"))
                    continue
                digest = hashlib.sha256(data).hexdigest()
                if state and state.sha256 == digest:  # touched, not changed
                    summary.unchanged += 1
                    retimed[source_path] = stat.st_mtime_ns
                    continue
                try:
                    parsed.append(self._parse(data, source_path, digest, stat.st_mtime_ns))
                except LoadError as exc:
                    summary.failed.append(FailedFile(source_path, str(exc)))
                    continue
                except Exception as exc:  # a bug on one odd file must not stop the run
                    summary.failed.append(FailedFile(source_path, f"{type(exc).__name__}: {exc}"))
                    continue
                (summary.updated if source_path in known else summary.added).append(source_path)
            summary.removed = sorted(set(known) - on_disk)
            if not allow_mass_removal:
                _refuse_mass_removal(summary.removed, self.store.stats().files, corpus_dir)
            summary.embedded = self._embed(parsed, progress)
            if parsed or summary.removed:
                self.store.write([p.change for p in parsed], summary.removed)
            if retimed:
                self.store.retime_files(retimed)
            derive(self.store)  # reply links and ledger sentences, for what changed
            self._complete_sentence_model(progress)
        stats = self.store.stats()
        summary.letters, summary.passages = stats.letters, stats.passages
        summary.generation = stats.generation
        summary.seconds = round(time.perf_counter() - began, 3)
        return summary

    def _parse(self, data: bytes, source_path: str, digest: str, mtime_ns: int) -> _Parsed:
        letters = split_letters(self.loader.load(data, source_path))
        passages = [p for letter in letters for p in split_passages(letter, self.max_passage_chars)]
        if not passages:
            raise LoadError("no letter text found")
        change = FileChange(source_path, digest, len(data), letters, passages,
                            np.empty((0, self.embedder.dimension), dtype="float32"), mtime_ns)
        sentences = [p.text[s:e] for p in passages for s, e in passage_sentences(p.text)]
        words = {w for p in passages for w in meaning_words(p.text)}
        return _Parsed(change, [text_hash(p.text) for p in passages],
                       {text_hash(t): t for t in [*sentences, *sorted(words)]},
                       {text_hash(t): t for t in sentences})

    def _embed(self, parsed: list[_Parsed], progress: bool) -> int:
        """Fill each change's vectors, embedding only texts the cache does not hold; the
        sentences by the sentence model too, when there is one."""
        passage_hashes = {h for p in parsed for h in p.hashes}
        texts = {h: t for p in parsed for h, t in p.cache_only.items()}
        texts.update({h: t.text for p in parsed for h, t in zip(p.hashes, p.change.passages)})
        vectors, embedded = self._cached_or_encoded(texts, self.embedder, None, progress)
        if self.sentence_embedder is not None:
            self._cached_or_encoded({h: t for p in parsed for h, t in p.sentences.items()},
                                    self.sentence_embedder, self.sentence_embedder.name,
                                    progress)
        for p in parsed:
            p.change.vectors = (np.vstack([vectors[h] for h in p.hashes]) if p.hashes
                                else np.empty((0, self.embedder.dimension), dtype="float32"))
        return len(embedded & passage_hashes)

    def _complete_sentence_model(self, progress: bool) -> None:
        """Embed the sentences of every letter by the sentence model when the index does not
        hold them all yet (an index made before it was set, or with another): unchanged files
        are never read again, so their sentences would otherwise be encoded while a user
        waits. Recorded in the index, so it happens once; a run without a sentence model
        records none, as the letters it adds have no such vectors."""
        name = self.sentence_embedder.name if self.sentence_embedder else ""
        if self.store.sentence_model() == name:
            return
        offset = 0
        while self.sentence_embedder and (letters := self.store.letters(limit=500, offset=offset)):
            sentences = [p.text[s:e] for letter in letters
                         for p in self.store.letter_passages(letter.letter_id)
                         for s, e in passage_sentences(p.text)]
            self._cached_or_encoded({text_hash(t): t for t in sentences}, self.sentence_embedder,
                                    name, progress)
            offset += len(letters)
        self.store.set_sentence_model(name)

    def _cached_or_encoded(self, texts: dict[str, str], embedder: Embedder, model: str | None,
                           progress: bool) -> tuple[dict[str, np.ndarray], set[str]]:
        """The vectors of `texts` (by hash) from the cache of `model` (None: the index's own),
        those it lacks encoded and kept there chunk by chunk; and the hashes encoded."""
        vectors = self.store.cached_vectors(sorted(texts), model)
        # Shortest first: each model call then pads its batch to similar lengths.
        missing = sorted((h for h in texts if h not in vectors), key=lambda h: (len(texts[h]), h))
        bar = _progress_bar(len(missing)) if progress and missing else None
        for first in range(0, len(missing), EMBED_CHUNK):
            chunk = missing[first : first + EMBED_CHUNK]
            fresh = dict(zip(chunk, embedder.encode([texts[h] for h in chunk])))
            self.store.cache_vectors(fresh, model)
            vectors.update(fresh)
            if bar:
                bar.update(len(chunk))
        if bar:
            bar.close()
        return vectors, set(missing)


def _progress_bar(total: int):
    from tqdm import tqdm

    return tqdm(total=total, unit="passage", desc="embedding", file=sys.stderr, leave=False)
