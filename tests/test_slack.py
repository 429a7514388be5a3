"""The Slack bot end to end against a local fake Slack Web API, with signed requests."""

import json
import re
import time
import uuid

import httpx
import pytest
from conftest import serve
from fake_slack import (
    SECRET,
    FakeSlack,
    block_action,
    direct_message,
    event_callback,
    mention,
    signed_headers,
    slash_command,
)
from fastapi.testclient import TestClient

from assistant.interfaces.http.app import create_app
from assistant.interfaces.slack.blocks import answer_message
from assistant.schemas import AskResponse, Citation
from assistant.interfaces.settings import Settings

JSON, FORM = "application/json", "application/x-www-form-urlencoded"
PUBLIC = "https://missive.example.org"


@pytest.fixture
def slack(fake, assistant):
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET,
                        slack_api_url=fake.base_url, public_url=PUBLIC)
    with TestClient(create_app(assistant, settings)) as client:
        yield client


def send_event(client, event, event_id=None, headers=None):
    body = event_callback(event, event_id or f"Ev{uuid.uuid4().hex[:10]}")
    began = time.monotonic()
    response = client.post("/slack/events", content=body,
                           headers=signed_headers(body, JSON, extra=headers))
    return response, time.monotonic() - began


def final_update(fake, count=1):
    return fake.wait_for("chat.update", count)[count - 1].body


def test_mention_is_acked_at_once_and_answered_in_the_thread(slack, fake, assistant):
    question = "What did the Minister commit on Recommendation One?"
    response, seconds = send_event(slack, mention(question, ts="1700000001.000200"))
    assert response.status_code == 200 and seconds < 1.0
    placeholder = fake.wait_for("chat.postMessage")[0].body
    assert placeholder["thread_ts"] == "1700000001.000200" and placeholder["channel"] == "C333"
    update = final_update(fake)
    assert "my officials will make contact with your offices" in update["text"]  # fallback text
    blocks = update["blocks"]
    citation = blocks[1]["text"]["text"]
    assert "9 December 2021" in citation and "Rachel Maclean MP" in citation
    opened = re.search(rf"<{PUBLIC}/letters/([^?|]+)\?hl=(\d+)-(\d+)&amp;v=(\w+)#hl\|open letter>",
                       citation)
    assert opened and opened[1] == "2021-10-27_thornton-baird-maclean-hidden-victims-txt.2"
    assert opened[4] == assistant.store.letter(opened[1]).version  # the letter as cited
    assert "my officials will make contact" in assistant.store.letter(opened[1]).text[
        int(opened[2]):int(opened[3])]  # the link highlights the quoted words
    actions = blocks[-1]["elements"]
    assert [a["action_id"] for a in actions] == ["feedback_up", "feedback_down"]
    assert fake.calls_to("chat.update")[0].headers["Authorization"] == "Bearer xoxb-test"


def test_mention_inside_a_thread_answers_in_that_thread(slack, fake):
    send_event(slack, mention("Who wrote to Katy Bourne?", ts="1700000009.1", thread_ts="1700000005.5"))
    assert fake.wait_for("chat.postMessage")[0].body["thread_ts"] == "1700000005.5"


def test_follow_up_in_a_thread_uses_the_threads_earlier_turns(slack, fake):
    thread = f"17000{uuid.uuid4().int % 10**5}.0001"
    send_event(slack, mention("What did the Commissioners ask the Minister for Safeguarding in their "
                              "letter of 27 October 2021?", ts=thread))
    assert "27 October 2021" in final_update(fake, 1)["text"] or final_update(fake, 1)["blocks"]
    send_event(slack, mention("And when did she reply?", ts=thread + "9", thread_ts=thread))
    second = final_update(fake, 2)
    assert "9 December 2021" in second["text"]


@pytest.mark.parametrize("wording", ["And how did the Minister reply?", "What did she say back?",
                                     "Did the Minister answer them?"])
def test_follow_ups_in_other_words_in_a_thread_are_answered_from_the_reply(slack, fake, wording):
    thread = f"17001{uuid.uuid4().int % 10**5}.0001"
    send_event(slack, mention("What did the Commissioners offer the Minister in October 2021?",
                              ts=thread))
    final_update(fake, 1)
    send_event(slack, mention(wording, ts=thread + "9", thread_ts=thread))
    second = final_update(fake, 2)
    assert "9 December 2021" in second["text"] and "27 October 2021" not in second["text"].split(":")[0]


def test_direct_message_is_answered_and_bot_messages_are_ignored(slack, fake):
    send_event(slack, direct_message("How much had the Home Office invested since October 2016?"))
    update = final_update(fake)
    assert update["channel"] == "D444" and "£15m" in update["text"]
    send_event(slack, direct_message("an echo", bot_id="B111"))
    send_event(slack, direct_message("edited", subtype="message_changed"))
    time.sleep(0.5)
    assert len(fake.calls_to("chat.postMessage")) == 1


def test_slash_command_answers_privately_with_a_share_button(slack, fake):
    body = slash_command("What did the Minister commit on Recommendation One?", fake.response_url())
    began = time.monotonic()
    response = slack.post("/slack/events", content=body, headers=signed_headers(body, FORM))
    assert response.status_code == 200 and time.monotonic() - began < 1.0
    assert "Looking through the letters" in response.text
    posted = fake.wait_for("abc")[0].body  # the response_url POST
    assert posted["response_type"] == "ephemeral"
    assert [a["action_id"] for a in posted["blocks"][-1]["elements"]] == [
        "feedback_up", "feedback_down", "share_answer"]

    share = block_action("share_answer", posted["blocks"][-1]["elements"][2]["value"],
                         fake.response_url("T111/2/share"))
    slack.post("/slack/events", content=share, headers=signed_headers(share, FORM))
    shared = fake.wait_for("chat.postMessage")[0].body
    assert shared["channel"] == "C333" and "Recommendation One" in shared["text"]


def test_a_replayed_command_or_vote_is_handled_once_and_a_user_has_one_vote(slack, fake,
                                                                           assistant):
    """A signed request replayed within Slack's five minutes (freshly signed, the same
    request) is acknowledged and dropped; a user's second vote on an answer replaces the
    first."""
    body = slash_command("Who wrote to Katy Bourne?", fake.response_url("T111/9/once"))
    for _ in range(3):
        assert slack.post("/slack/events", content=body,
                          headers=signed_headers(body, FORM)).status_code == 200
    posted = fake.wait_for("once")[0].body
    value = posted["blocks"][-1]["elements"][0]["value"]
    click = block_action("feedback_up", value, fake.response_url("T111/9/vote"))
    for _ in range(3):
        slack.post("/slack/events", content=click, headers=signed_headers(click, FORM))
    fake.wait_for("chat.postEphemeral")
    change = block_action("feedback_down", value, fake.response_url("T111/9/vote"))
    slack.post("/slack/events", content=change, headers=signed_headers(change, FORM))
    fake.wait_for("chat.postEphemeral", 2)
    time.sleep(1.0)
    assert len(fake.calls_to("once")) == 1
    assert len(fake.calls_to("chat.postEphemeral")) == 2
    conversation, turn = json.loads(value)["c"], json.loads(value)["t"]
    votes = [f for f in assistant.store.feedback()
             if f["conversation_id"] == conversation and f["turn"] == turn]
    assert [v["vote"] for v in votes] == ["not_helpful"]


def test_empty_slash_command_gets_usage_and_nothing_else(slack, fake):
    body = slash_command("", fake.response_url())
    response = slack.post("/slack/events", content=body, headers=signed_headers(body, FORM))
    assert "Ask me about the letters" in response.text
    time.sleep(0.5)
    assert not fake.calls_to("abc")


def test_feedback_is_stored_with_the_answer_and_exported(slack, fake, assistant, capsys,
                                                          backend, monkeypatch):
    send_event(slack, mention("How many modern slavery offences were prosecuted in 2015?"))
    update = final_update(fake)
    value = update["blocks"][-1]["elements"][0]["value"]
    fake.rate_limit_next["chat.postEphemeral"] = 1  # Slack says 429 first: retried after 1 s
    click = block_action("feedback_up", value, fake.response_url("T111/3/vote"))
    response = slack.post("/slack/events", content=click, headers=signed_headers(click, FORM))
    assert response.status_code == 200
    thanks = fake.wait_for("chat.postEphemeral", timeout=10)
    assert thanks[0].body["user"] == "U222"
    vote = assistant.store.feedback()[-1]
    assert vote["vote"] == "helpful" and vote["user"] == "U222"
    assert vote["question"] == "How many modern slavery offences were prosecuted in 2015?"
    assert "289" in vote["answer"] and vote["citations"]

    from assistant.interfaces.cli import main

    for variable, value in backend.env_of(assistant.store).items():
        monkeypatch.setenv(variable, value)
    assert main(["feedback", "--json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported[-1]["question"] == vote["question"]


@pytest.mark.parametrize("how", ["missing", "wrong", "stale", "altered", "other-secret"])
def test_bad_or_stale_signatures_are_401(slack, fake, how):
    body = event_callback(mention("anything"), f"Ev{uuid.uuid4().hex[:10]}")
    headers = signed_headers(body, JSON)
    if how == "missing":
        headers = {"Content-Type": JSON}
    elif how == "wrong":
        headers["X-Slack-Signature"] = "v0=" + "0" * 64
    elif how == "stale":
        headers = signed_headers(body, JSON, ts=int(time.time()) - 6 * 60)
    elif how == "altered":
        body = body.replace("anything", "something")
    else:
        headers = signed_headers(body, JSON, secret="not-the-secret")
    response = slack.post("/slack/events", content=body, headers=headers)
    assert response.status_code == 401
    time.sleep(0.3)
    assert not fake.calls_to("chat.postMessage")


@pytest.mark.parametrize("body,content_type", [
    ("{", JSON), ("not json", JSON), ("[]", JSON), ("payload=%7B", FORM), ("", FORM),
])
def test_malformed_bodies_are_4xx_signed_or_not(slack, fake, body, content_type):
    """The signature is checked before the body is parsed: unsigned junk is 401 and never
    read; signed junk (only Slack can sign) is a 4xx, never a 500."""
    unsigned = slack.post("/slack/events", content=body, headers={"Content-Type": content_type})
    assert unsigned.status_code == 401, unsigned.text
    stamp_not_a_number = signed_headers(body, content_type)
    stamp_not_a_number["X-Slack-Request-Timestamp"] = "abc"
    assert slack.post("/slack/events", content=body,
                      headers=stamp_not_a_number).status_code == 401
    signed = slack.post("/slack/events", content=body, headers=signed_headers(body, content_type))
    assert 400 <= signed.status_code < 500, signed.text  # 400, or Bolt's 404 for "{}"
    assert not fake.calls_to("chat.postMessage")


def test_a_retried_delivery_is_answered_once_and_a_lost_first_delivery_still_is(slack, fake):
    event_id = f"Ev{uuid.uuid4().hex[:10]}"
    send_event(slack, mention("Who wrote to Katy Bourne?"), event_id)
    response, _ = send_event(slack, mention("Who wrote to Katy Bourne?"), event_id,
                             headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
    assert response.status_code == 200
    final_update(fake)
    time.sleep(0.5)
    assert len(fake.calls_to("chat.update")) == 1
    # a retry whose first delivery never arrived is new here, and answered
    send_event(slack, mention("Who wrote to Katy Bourne?", ts="1700000077.1"), headers={
        "X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "connection_failed"})
    final_update(fake, 2)


def test_an_over_long_answer_is_trimmed_within_slacks_limits(fake):
    quote = "word " * 3000
    citations = [Citation(n=n, letter_id=f"l{n}", passage_id=f"p{n}", quote=quote, start=0,
                          end=len(quote), date="2021-12-09", sender="S" * 500, recipient="R",
                          source_path="x.txt") for n in range(1, 31)]
    response = AskResponse(question="q", answer="A" * 9000, no_answer=False, citations=citations,
                           passages=[])
    text, blocks = answer_message(response, PUBLIC, "ref")
    assert len(blocks) <= 50 and len(text) <= 4000
    assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in blocks)
    assert sum(len(b.get("text", {}).get("text", "")) for b in blocks) <= 12000
    from slack_sdk import WebClient

    sent = WebClient(token="xoxb-test", base_url=fake.base_url).chat_postMessage(
        channel="C1", text=text, blocks=blocks)
    assert sent["ok"]


def test_markup_from_a_letter_is_escaped_in_the_fallback_text_too():
    """Slack renders a message's `text` as mrkdwn where it is shown (notifications, clients
    without blocks): a letter's "<!channel>" there would ping the whole channel."""
    hostile = "Please tell <!channel> and <@U0ADMIN> to see <https://evil.example|gov.uk>."
    citation = Citation(n=1, letter_id="l1", passage_id="p1", quote=hostile, start=0,
                        end=len(hostile), date="2021-12-09", sender="A <!here> B",
                        recipient="R", source_path="x.txt")
    response = AskResponse(question="q", answer=f"X wrote: \u201c{hostile}\u201d [1]",
                           no_answer=False, citations=[citation], passages=[])
    text, blocks = answer_message(response, PUBLIC, "ref")
    shown = [text] + [b.get("text", {}).get("text", "") for b in blocks]
    for part in shown:
        assert "<!" not in part and "<@U0ADMIN" not in part and "<https://evil" not in part
    assert "&lt;!channel&gt;" in text and "&lt;!here&gt;" in text


def test_no_answer_is_polite_and_lists_the_closest_letters(slack, fake):
    send_event(slack, mention("What did the Home Office say about knife crime in Scotland?"))
    update = final_update(fake)
    assert "do not answer this" in update["text"]
    assert "closest letters" in update["blocks"][0]["text"]["text"]
    assert "Why: " in update["text"] and "mentions Scotland" in update["text"]


def test_live_server_acks_before_a_slow_answer(fake, assistant, monkeypatch):
    """Through a real uvicorn on loopback: the 200 comes at once, the answer seconds later."""
    real_ask = assistant.ask

    def slow_ask(*args, **kwargs):
        time.sleep(1.5)
        return real_ask(*args, **kwargs)

    monkeypatch.setattr(assistant, "ask", slow_ask)
    settings = Settings(slack_bot_token="xoxb-test", slack_signing_secret=SECRET,
                        slack_api_url=fake.base_url)
    with serve(create_app(assistant, settings)) as url:
        body = event_callback(mention("Who wrote to Katy Bourne?"), f"Ev{uuid.uuid4().hex[:10]}")
        began = time.time()
        response = httpx.post(f"{url}/slack/events", content=body, headers=signed_headers(body, JSON))
        acked = time.time()
        assert response.status_code == 200 and acked - began < 1.0
        update = fake.wait_for("chat.update", timeout=20)[0]
        assert update.at - began >= 1.5 and "Dame Sara Thornton" in update.body["text"]


def test_socket_mode_answers_without_a_public_url(assistant):
    """`missive slack`: the bot connects out to a (fake) Socket Mode server, acks each
    envelope by id, and answers through the (fake) Web API; no signing secret involved."""
    from fake_slack import FakeSocketModeServer
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    from assistant.interfaces.slack.bot import MissiveBot

    event = json.loads(event_callback(mention("Who wrote to Katy Bourne?"), "EvSocket1"))
    sockets = FakeSocketModeServer([
        {"envelope_id": "env-1", "type": "events_api", "payload": event,
         "accepts_response_payload": False, "retry_attempt": 0, "retry_reason": ""}])
    fake = FakeSlack(ws_url=sockets.url)
    settings = Settings(slack_bot_token="xoxb-test", slack_app_token="xapp-1-test",
                        slack_api_url=fake.base_url)
    handler = SocketModeHandler(MissiveBot(assistant, settings).build(), settings.slack_app_token)
    try:
        handler.connect()
        update = fake.wait_for("chat.update", timeout=20)[0]
        assert "Dame Sara Thornton" in update.body["text"]
        assert fake.calls_to("apps.connections.open")[0].headers["Authorization"] == "Bearer xapp-1-test"
        deadline = time.monotonic() + 5
        while not sockets.acks and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sockets.acks[0]["envelope_id"] == "env-1"
    finally:
        handler.close()
        sockets.close()
        fake.close()


def test_a_retry_after_a_crash_mid_answer_is_answered(assistant):
    """The claim is kept until the answer is posted; a claim never marked done goes stale and
    the next retry is handled (a handled event stays a repeat however late it comes)."""
    store = assistant.store
    crashed, handled = f"Ev{uuid.uuid4().hex[:10]}", f"Ev{uuid.uuid4().hex[:10]}"
    assert store.claim_event(crashed, 3600) and store.claim_event(handled, 3600)
    store.event_done(handled)
    assert not store.claim_event(crashed, 3600)  # an immediate retry: still in hand
    assert store.claim_event(crashed, 3600, stale_seconds=0)  # the first handler is gone
    assert not store.claim_event(handled, 3600, stale_seconds=0)
