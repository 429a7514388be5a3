"""The one settings object a process reads at start: every part's settings together (the
indexer's, the assistant's, the HTTP server's, the Slack bot's) and the two the interfaces
share. Command-line flags override the environment as constructor arguments, so they are
checked against the same bounds."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assistant.interfaces.http.settings import HttpSettings
from assistant.interfaces.slack.settings import SlackSettings
from assistant.settings import AssistantSettings
from indexer.settings import MISSIVE_ENV


class Settings(HttpSettings, SlackSettings, AssistantSettings):
    """Every knob of Missive; the README's configuration table lists them."""

    model_config = MISSIVE_ENV

    access_file: Path | None = Field(
        None, description="A TOML file of API keys limited to collections, and of the "
                          "collections each Slack channel sees (README: 'Collections and "
                          "access'). When set, every endpoint but /health needs a key.")
    public_url: str = Field("", description="Where people reach this server (Slack answers "
                                            "link letters there when set).")


def get_settings(**overrides) -> Settings:
    """Settings from the environment, with non-None overrides (command-line flags) applied.

    Overrides are validated like the environment (`--workers 20` is refused as
    `MISSIVE_WORKERS=20` is): pydantic's ValidationError names the setting that is wrong."""
    return Settings(**{key: value for key, value in overrides.items() if value is not None})
