"""A watched corpus folder: new, changed and removed letters are indexed within seconds.

Events are gathered until the folder has been quiet for a moment and every changed file has
stopped growing (a letter still being copied in is not read half-written), then one
incremental run handles the whole burst, given the paths that changed (so its cost is the
burst's, not the corpus's).
"""

from __future__ import annotations

import contextlib
import logging
import threading
import time
from pathlib import Path
from typing import Callable

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

log = logging.getLogger("missive.watch")


class CorpusWatcher(FileSystemEventHandler):
    def __init__(self, corpus_dir: Path, run: Callable[[list[str]], object],
                 quiet_seconds: float = 1.0):
        self.corpus_dir = Path(corpus_dir)
        # One incremental index run over paths relative to the corpus ("" for all of it);
        # it raises to ask for a retry later.
        self.run = run
        self.quiet_seconds = quiet_seconds
        self._pending: set[Path] = set()
        self._last_event = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._observer = Observer()
        self._thread = threading.Thread(target=self._loop, name="corpus-watcher", daemon=True)

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.is_directory and event.event_type == "modified":
            return
        with self._lock:
            for path in (getattr(event, "src_path", None), getattr(event, "dest_path", None)):
                if path:
                    self._pending.add(Path(path))
            self._last_event = time.monotonic()

    def start(self) -> "CorpusWatcher":
        self.corpus_dir.mkdir(parents=True, exist_ok=True)
        self._observer.schedule(self, str(self.corpus_dir), recursive=True)
        self._observer.start()
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._observer.stop()
        self._observer.join(timeout=5)
        self._thread.join(timeout=30)

    def _loop(self) -> None:
        while not self._stop.wait(0.2):
            with self._lock:
                quiet = time.monotonic() - self._last_event >= self.quiet_seconds
                batch = set(self._pending) if self._pending and quiet else set()
            if not batch or not self._settled(batch):
                continue
            with self._lock:
                self._pending -= batch
            try:
                summary = self.run(self._relative(batch))
                log.info("indexed a change of %d path(s): %s", len(batch), summary)
            except Exception as exc:  # busy or failing: keep the paths and try again
                log.warning("index run after a change did not complete (%s); retrying", exc)
                with self._lock:
                    self._pending |= batch
                    self._last_event = time.monotonic()

    def _relative(self, paths: set[Path]) -> list[str]:
        """The changed paths relative to the corpus folder, "" for the folder itself."""
        root = self.corpus_dir.resolve()
        found = set()
        for path in paths:
            with contextlib.suppress(ValueError):  # outside the corpus: not ours
                relative = path.resolve().relative_to(root).as_posix()
                found.add("" if relative == "." else relative)
        return sorted(found)

    def _settled(self, paths: set[Path]) -> bool:
        """True when no changed file is still growing."""
        def sizes():
            return {p: p.stat().st_size if p.is_file() else -1 for p in paths}

        before = sizes()
        if self._stop.wait(self.quiet_seconds / 2):
            return False
        return sizes() == before
