"""Loading files whose parsers could hang (PDF, Word, e-mail, HTML) in a worker process with a
time limit, so one hostile file cannot stall an index run.

The worker is a spawned process (no model, no FAISS: only the loaders) reused across files;
a file that overruns is reported and the worker is replaced. Plain text is loaded in process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from pathlib import PurePosixPath

from indexer.loaders import LoadedFile, LoadError, load_file

IN_PROCESS = {".txt", ".md", ".markdown"}


class IsolatedLoader:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self._pool: ProcessPoolExecutor | None = None

    def load(self, data: bytes, source_path: str) -> LoadedFile:
        if PurePosixPath(source_path).suffix.lower() in IN_PROCESS:
            return load_file(data, source_path)
        if self._pool is None:
            self._pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_end_with_parent, initargs=(os.getpid(),))
        future = self._pool.submit(load_file, data, source_path)
        try:
            return future.result(timeout=self.seconds)
        except FutureTimeout:
            self._replace_worker()
            raise LoadError(f"took longer than {self.seconds:g} s to read") from None
        except BrokenProcessPool:
            self._replace_worker()
            raise LoadError("the reader crashed on this file") from None

    def _replace_worker(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """End the worker (the server's shutdown, a command's end): it is not left behind."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


def _end_with_parent(parent: int) -> None:
    """In the worker: exit when the process that started it is gone (killed, so it could
    not shut the worker down), rather than live on as an orphan."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="end-with-parent").start()
