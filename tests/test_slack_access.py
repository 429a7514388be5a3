"""Slack and collections, on both backends: the channel an event comes from decides what an
answer may draw on; a DM sees the access file's default collections; an answer shared from an
ephemeral /ask is checked again against the channel's collections as they are then."""

import time
import uuid

import pytest
from access_corpus import SECRETS, access_app, access_toml
from fake_slack import (
    SECRET,
    block_action,
    direct_message,
    event_callback,
    mention,
    signed_headers,
    slash_command,
)
from fastapi.testclient import TestClient

QUESTION = "What did Ottoline Brackenbury promise about the damp at Marrowbone Court?"
JSON, FORM = "application/json", "application/x-www-form-urlencoded"


@pytest.fixture
def slack(tmp_path, embedder, backend, make_store, fake):
    app, _, _, access = access_app(tmp_path, embedder, backend, make_store,
                                   slack_bot_token="xoxb-test", slack_signing_secret=SECRET,
                                   slack_api_url=fake.base_url)
    with TestClient(app) as client:
        client.access = access
        yield client


def answer_to(client, fake, event: dict, count: int) -> str:
    body = event_callback(event, f"Ev{uuid.uuid4().hex[:10]}")
    assert client.post("/slack/events", content=body,
                       headers=signed_headers(body, JSON)).status_code == 200
    update = fake.wait_for("chat.update", count)[count - 1].body
    return (update["text"] + " " + str(update["blocks"])).lower()


def without_question(text: str) -> str:
    return text.replace(QUESTION.lower(), "")


def test_a_channel_sees_only_its_collections_and_a_dm_the_default(slack, fake):
    public = answer_to(slack, fake, mention(QUESTION, channel="C333"), 1)
    assert not any(word in without_question(public) for word in SECRETS), public
    listed = answer_to(slack, fake, mention(QUESTION, channel="C777"), 2)
    assert "thistlewood" in listed and "brackenbury" in listed  # her promise, from casework
    direct = answer_to(slack, fake, direct_message(QUESTION, ts=f"{time.time():.6f}"), 3)
    assert not any(word in without_question(direct) for word in SECRETS), direct


def test_a_shared_answer_is_checked_again_against_the_channel(slack, fake):
    body = slash_command(QUESTION, fake.response_url(), channel="C777")
    slack.post("/slack/events", content=body, headers=signed_headers(body, FORM))
    private = fake.wait_for("abc")[0].body
    assert "thistlewood" in private["text"].lower()
    share_value = private["blocks"][-1]["elements"][2]["value"]
    # the channel loses casework before the answer is shared: it must not be posted
    slack.access.write_text(access_toml().replace('C777 = ["default", "casework"]',
                                                  'C777 = ["default"]'))
    share = block_action("share_answer", share_value, fake.response_url("T111/2/share"),
                         channel="C777")
    slack.post("/slack/events", content=share, headers=signed_headers(share, FORM))
    refused = fake.wait_for("share")[0].body
    assert "may not see" in refused["text"]
    assert not fake.calls_to("chat.postMessage")
