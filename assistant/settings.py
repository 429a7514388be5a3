"""The assistant's settings: the indexer's (it reads the index they describe) and the
optional model that writes generated answers."""

from __future__ import annotations

from pydantic import Field

from indexer.settings import MISSIVE_ENV, IndexSettings


class AssistantSettings(IndexSettings):
    model_config = MISSIVE_ENV

    llm_url: str = Field("", description="An OpenAI-compatible base URL (e.g. "
                                         "http://127.0.0.1:8080/v1) for generated answers; "
                                         "empty: extractive answers only.")
    llm_model: str = Field("", description="The model name sent to MISSIVE_LLM_URL.")
    llm_api_key: str = Field("", description="The key for MISSIVE_LLM_URL, if it needs one.")
    llm_timeout: float = Field(20.0, gt=0, le=600, description="Seconds to wait for the model "
                                                               "before answering extractively.")
    llm_max_tokens: int = Field(400, ge=16, le=8192, description="Longest generated answer, "
                                                                 "in tokens.")
