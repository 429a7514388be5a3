"""Missive in Slack: a Bolt app that answers mentions, direct messages and a slash command."""
