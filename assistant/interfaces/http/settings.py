"""The HTTP server's settings (the web pages' too): where it listens, who may call it."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings

from indexer.settings import MISSIVE_ENV


class HttpSettings(BaseSettings):
    model_config = MISSIVE_ENV

    host: str = Field("127.0.0.1", description="Address the HTTP server listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the HTTP server listens on.")
    workers: int = Field(1, ge=1, le=16, description="HTTP server worker processes.")
    api_keys: str = Field("", description="Comma-separated API keys; write endpoints need one.")
    require_key: bool = Field(False, description="Read endpoints need an API key too.")
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
