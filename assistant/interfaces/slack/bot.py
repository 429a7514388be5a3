"""The Slack bot: listeners that acknowledge at once and answer after, in the thread.

Mentions and direct messages get a placeholder in the thread that is replaced by the answer;
the slash command answers privately with a button to share. Each thread is a conversation in
Missive's own store (`slack:<team>:<channel>:<thread>`), so follow-ups need no Slack history
calls. With an access file, the channel an event comes from decides which collections the
answer may draw on (a DM: the file's `default_collections`). Deliveries are de-duplicated by
`event_id` in the same store, so a retry is never answered twice, even after a restart, while a retry of a lost first delivery still is.
"""

from __future__ import annotations

import json
import logging
import re
import uuid

from slack_bolt import App, BoltResponse
from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from assistant.access import AccessFile
from assistant.interfaces.settings import Settings
from assistant.interfaces.slack.blocks import THINKING, answer_message, escape, parse_ref, turn_ref
from assistant.schemas import AskResponse, Turn
from assistant.service import Assistant

log = logging.getLogger("missive.slack")
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
USAGE = "Ask me about the letters, e.g. `{command} What did the Minister commit on Recommendation One?`"


def question_of(text: str | None) -> str:
    return MENTION.sub("", text or "").strip()


class MissiveBot:
    def __init__(self, assistant: Assistant, settings: Settings, client: WebClient | None = None,
                 access: AccessFile | None = None):
        self.assistant = assistant
        self.settings = settings
        self.access = access
        self.client = client or WebClient(
            token=settings.slack_bot_token, base_url=settings.slack_api_url,
            retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=3)])

    def build(self) -> App:
        app = App(client=self.client, signing_secret=self.settings.slack_signing_secret or None,
                  request_verification_enabled=bool(self.settings.slack_signing_secret))
        app.middleware(self.drop_repeats)
        app.event("app_mention")(ack=_ack, lazy=[self.on_mention])
        app.event({"type": "message", "channel_type": "im"})(ack=_ack, lazy=[self.on_direct_message])
        app.event("message")(_ack)  # other channel messages: acknowledged, not answered
        app.command(self.settings.slack_command)(ack=self.ack_command, lazy=[self.on_command])
        app.action("feedback_up")(ack=_ack, lazy=[self.on_feedback])
        app.action("feedback_down")(ack=_ack, lazy=[self.on_feedback])
        app.action("share_answer")(ack=_ack, lazy=[self.on_share])
        return app

    # -- delivery ------------------------------------------------------------------------

    def drop_repeats(self, req, resp, next):
        """A delivery whose event_id was seen is acknowledged and dropped (Slack retries after
        3 s, and again after minutes); a retry of a delivery that never arrived is new here,
        and so is one whose first handling never finished (the process died mid-answer)."""
        delivery = delivery_id(req.body or {})
        ttl = self.settings.slack_dedupe_hours * 3600
        if delivery and not self.assistant.claim_event(delivery, ttl):
            log.info("dropped a repeated delivery of %s", delivery)
            return BoltResponse(status=200, body="")
        return next()

    # -- answering -----------------------------------------------------------------------

    def collections_for(self, channel: str | None) -> frozenset[str] | None:
        """The collections a channel (or DM) sees: all of them without an access file."""
        return self.access.policy().slack_collections(channel) if self.access else None

    def answer(self, question: str, channel: str, conversation_id: str, share: bool = False):
        """Ask, as `channel` sees the letters; then (fallback text, blocks) with buttons that
        point at this turn."""
        try:
            response = self.assistant.scoped(self.collections_for(channel)).ask(
                question, conversation_id=conversation_id)
        except Exception:
            log.exception("failed to answer %r", question)
            text = ":warning: Sorry, I could not search the letters just now. Please try again."
            return text, [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]
        turn = len(self.assistant.conversation(conversation_id)) - 1
        return answer_message(response, self.settings.public_url,
                              turn_ref(conversation_id, turn), share=share)

    def reply_in_thread(self, client: WebClient, team: str, channel: str, thread_ts: str | None,
                        text: str | None) -> None:
        question = question_of(text)
        if not question:
            client.chat_postMessage(channel=channel, thread_ts=thread_ts,
                                    text=USAGE.format(command="@Missive"))
            return
        placeholder = client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=THINKING)
        key = thread_ts or "dm"
        fallback, blocks = self.answer(question, channel, f"slack:{team}:{channel}:{key}")
        client.chat_update(channel=channel, ts=placeholder["ts"], text=fallback, blocks=blocks)

    def on_mention(self, event: dict, body: dict, client: WebClient) -> None:
        thread = event.get("thread_ts") or event["ts"]
        self.reply_in_thread(client, body.get("team_id", ""), event["channel"], thread,
                             event.get("text"))
        self._done(body)

    def on_direct_message(self, event: dict, body: dict, client: WebClient) -> None:
        if not (event.get("subtype") or event.get("bot_id")):  # edits and bots are not questions
            self.reply_in_thread(client, body.get("team_id", ""), event["channel"],
                                 event.get("thread_ts"), event.get("text"))
        self._done(body)

    def _done(self, body: dict) -> None:
        """Mark the delivery handled: until then a late retry (after a crash) is answered."""
        delivery = delivery_id(body)
        if delivery:
            self.assistant.event_done(delivery)

    def ack_command(self, ack, command: dict) -> None:
        text = command.get("text", "").strip()
        if text:
            ack(text=f":mag: Looking through the letters for: {escape(text[:200])}")
        else:
            ack(text=USAGE.format(command=self.settings.slack_command))

    def on_command(self, command: dict, body: dict, respond) -> None:
        question = command.get("text", "").strip()
        if question:  # lazy listeners run even after a usage ack
            channel = command.get("channel_id", "")
            conversation = f"slack:{command.get('team_id', '')}:{channel}:cmd-{uuid.uuid4().hex}"
            fallback, blocks = self.answer(question, channel, conversation, share=True)
            respond(text=fallback, blocks=blocks, response_type="ephemeral")
        self._done(body)

    # -- buttons -------------------------------------------------------------------------

    def _turn(self, action: dict) -> tuple[str, int, dict] | None:
        ref = parse_ref(action.get("value", ""))
        if ref is None:
            return None
        turns = self.assistant.conversation(ref[0])
        return (ref[0], ref[1], turns[ref[1]]) if 0 <= ref[1] < len(turns) else None

    def on_feedback(self, body: dict, action: dict, client: WebClient) -> None:
        found = self._turn(action)
        user = body.get("user", {}).get("id")
        channel = (body.get("channel") or {}).get("id")
        if found is None:
            return
        conversation, turn, record = found
        self.assistant.add_feedback({
            "vote": "helpful" if action["action_id"] == "feedback_up" else "not_helpful",
            "user": user, "channel": channel, "conversation_id": conversation, "turn": turn,
            "question": record["question"], "answer": record["answer"],
            "citations": record.get("citations", [])},
            once_per=json.dumps([user, conversation, turn]))  # a second vote replaces the first
        self._done(body)
        if channel and user:
            client.chat_postEphemeral(channel=channel, user=user,
                                      text="Thank you: your feedback is recorded.")

    def on_share(self, body: dict, action: dict, client: WebClient, respond) -> None:
        found = self._turn(action)
        channel = (body.get("channel") or {}).get("id")
        if found is None or not channel:
            return
        conversation, turn, record = found
        shared = Turn(**record)
        if not self._may_see(channel, [c.letter_id for c in shared.citations]):
            respond(text="This answer quotes letters this channel may not see, so it was not "
                         "shared.", replace_original=False)
            self._done(body)
            return
        response = AskResponse(question=shared.question, answer=shared.answer,
                               no_answer=not shared.citations, citations=shared.citations,
                               passages=[])
        fallback, blocks = answer_message(response, self.settings.public_url,
                                          turn_ref(conversation, turn))
        user = body.get("user", {}).get("id")
        question = escape(shared.question[:500])  # a question may hold "<!channel>" too
        client.chat_postMessage(channel=channel, text=f"<@{user}> asked: {question}\n{fallback}",
                                blocks=[{"type": "section", "text": {"type": "mrkdwn", "text":
                                         f"<@{user}> asked: _{question}_"}}, *blocks])
        respond(text="Shared in the channel.", replace_original=True)
        self._done(body)


    def _may_see(self, channel: str, letter_ids: list[str]) -> bool:
        """Whether every letter is (still) one the channel may see: an answer asked in one
        place is checked again before it is shown in another."""
        if self.access is None:
            return True
        return self.assistant.scoped(self.collections_for(channel)).sees_all(letter_ids)


def delivery_id(body: dict) -> str | None:
    """What makes a delivery one of a kind: an event's id, or a command's or click's trigger
    id. A retried event, and a command or click replayed by whoever captured it, repeat it."""
    if body.get("event_id"):
        return str(body["event_id"])
    return f"trigger:{body['trigger_id']}" if body.get("trigger_id") else None


def _ack(ack) -> None:
    ack()


def build_slack_app(assistant: Assistant, settings: Settings,
                    access: AccessFile | None = None) -> App:
    return MissiveBot(assistant, settings, access=access).build()
