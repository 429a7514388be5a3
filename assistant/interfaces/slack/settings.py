"""The Slack bot's settings: its tokens (under Slack's own variable names), its command and
how long it remembers deliveries."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings

from indexer.settings import MISSIVE_ENV


class SlackSettings(BaseSettings):
    model_config = MISSIVE_ENV

    slack_bot_token: str = Field("", validation_alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str = Field("", validation_alias="SLACK_SIGNING_SECRET")
    slack_app_token: str = Field("", validation_alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field("https://slack.com/api/", validation_alias="SLACK_API_URL",
                               description="Slack's Web API base URL (a local fake in tests).")
    slack_command: str = Field("/ask", description="The slash command the bot answers.")
    slack_dedupe_hours: float = Field(24, gt=0, description="How long a Slack event id is "
                                                            "remembered to drop retries.")
