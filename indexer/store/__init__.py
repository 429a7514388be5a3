"""The index store: the only code that touches FAISS or SQLite.

`Store` (base.py) is the interface the pipeline and the assistant use; `LocalStore`
(local.py) keeps it in one directory: SQLite for letters, passages, BM25 and cached vectors,
FAISS for dense search.
"""

from indexer.store.base import FileChange, IndexModelMismatch, LetterFilter, LetterHeader, Store, StoreError
from indexer.store.local import LocalStore

__all__ = ["FileChange", "IndexModelMismatch", "LetterFilter", "LetterHeader", "LocalStore",
           "Store", "StoreError"]
