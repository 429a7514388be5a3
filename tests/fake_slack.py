"""A local fake of Slack's Web API (and of response_url), recording every call.

Follows shared/docs/slack-testing.md: a ThreadingHTTPServer on 127.0.0.1 and a random port,
`xoxb-` tokens required, 429 with Retry-After on demand, and Slack's message limits enforced
(more than 50 blocks or a section over 3,000 characters: invalid_blocks; text over 40,000:
msg_too_long), so a test fails if the bot breaks them.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import urllib.parse
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Call:
    path: str
    headers: dict
    body: dict
    at: float

    @property
    def method(self) -> str:
        return self.path.rsplit("/", 1)[-1]


class FakeSlack:
    def __init__(self, ws_url: str | None = None):
        self.ws_url = ws_url  # what apps.connections.open hands out (Socket Mode)
        self.calls: list[Call] = []
        self.rate_limit_next: dict[str, int] = {}  # method -> how many 429s to answer first
        self._ts = 1700000000
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.port = self.httpd.server_address[1]
        self.base_url = f"http://127.0.0.1:{self.port}/api/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def response_url(self, suffix: str = "T111/1/abc") -> str:
        return f"http://127.0.0.1:{self.port}/response/{suffix}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def next_ts(self) -> str:
        with self._lock:
            self._ts += 1
            return f"{self._ts}.000100"

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 20.0) -> list[Call]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.calls_to(method)
            if len(found) >= count:
                return found
            time.sleep(0.02)
        raise AssertionError(f"expected {count} call(s) to {method}, got {self.calls_to(method)}")

    def reply(self, method: str, body: dict) -> dict:
        if method == "auth.test":
            return {"ok": True, "team_id": "T111", "user_id": "UBOT0001", "bot_id": "B111"}
        if method == "apps.connections.open":
            return {"ok": True, "url": self.ws_url}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            problem = _limits_broken(body)
            if problem:
                return {"ok": False, "error": problem}
            ts = body.get("ts") if method == "chat.update" else self.next_ts()
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message_ts": ts,
                    "message": {"text": body.get("text"), "ts": ts}}
        return {"ok": True}

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                text = raw.decode()
                if text.startswith("{"):
                    body = json.loads(text)
                else:
                    body = {k: v[0] for k, v in urllib.parse.parse_qs(text).items()}
                    for key in ("blocks", "attachments"):
                        if isinstance(body.get(key), str):
                            body[key] = json.loads(body[key])
                fake.calls.append(Call(self.path, dict(self.headers), body, time.time()))
                if self.path.startswith("/response/"):
                    return self._send(200, b"ok", "text/plain")
                method = self.path.rsplit("/", 1)[-1]
                if not self.headers.get("Authorization", "").startswith(("Bearer xoxb-",
                                                                         "Bearer xapp-")):
                    return self._json({"ok": False, "error": "not_authed"})
                if fake.rate_limit_next.get(method, 0) > 0:
                    fake.rate_limit_next[method] -= 1
                    return self._send(429, b'{"ok":false,"error":"ratelimited"}',
                                      "application/json", {"Retry-After": "1"})
                return self._json(fake.reply(method, body))

            def _json(self, data):
                self._send(200, json.dumps(data).encode(), "application/json")

            def _send(self, status, payload, content_type, headers=None):
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                for key, value in (headers or {}).items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler


def _limits_broken(body: dict) -> str | None:
    if len(body.get("text") or "") > 40000:
        return "msg_too_long"
    blocks = body.get("blocks") or []
    if len(blocks) > 50:
        return "invalid_blocks"
    for block in blocks:
        if len(((block.get("text") or {}).get("text")) or "") > 3000:
            return "invalid_blocks"
    return None


# -- signed requests, as Slack sends them -------------------------------------------------

SECRET = "test-signing-secret"


def signed_headers(body: str, content_type: str, secret: str = SECRET, ts: int | None = None,
                   extra: dict | None = None) -> dict:
    stamp = str(int(time.time()) if ts is None else ts)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"Content-Type": content_type, "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": f"v0={digest}", **(extra or {})}


def event_callback(event: dict, event_id: str) -> str:
    return json.dumps({"token": "t", "team_id": "T111", "api_app_id": "A111", "type":
                       "event_callback", "event_id": event_id, "event_time": int(time.time()),
                       "authorizations": [{"team_id": "T111", "user_id": "UBOT0001",
                                           "is_bot": True}], "event": event})


def mention(text: str, ts: str | None = None, thread_ts: str | None = None,
            channel: str = "C333") -> dict:
    ts = ts or f"17{int(time.time() * 1000) % 10**8:08d}.{uuid.uuid4().int % 10**6:06d}"
    event = {"type": "app_mention", "user": "U222", "text": f"<@UBOT0001> {text}", "ts": ts,
             "channel": channel, "event_ts": ts}
    if thread_ts:
        event["thread_ts"] = thread_ts
    return event


def direct_message(text: str, ts: str = "1700000002.000300", **extra) -> dict:
    return {"type": "message", "channel_type": "im", "user": "U222", "text": text, "ts": ts,
            "channel": "D444", "event_ts": ts, **extra}


def _trigger() -> str:
    """Slack gives every command and click a trigger id of its own."""
    return f"{int(time.time())}.{uuid.uuid4().int % 10**12}.{uuid.uuid4().hex}"


def slash_command(text: str, response_url: str, command: str = "/ask",
                  channel: str = "C333") -> str:
    return urllib.parse.urlencode({
        "token": "t", "team_id": "T111", "channel_id": channel, "user_id": "U222",
        "command": command, "text": text, "response_url": response_url,
        "trigger_id": _trigger()})


def block_action(action_id: str, value: str, response_url: str, channel: str = "C333") -> str:
    payload = {"type": "block_actions", "team": {"id": "T111"}, "user": {"id": "U222"},
               "api_app_id": "A111", "token": "t", "trigger_id": _trigger(),
               "channel": {"id": channel}, "container": {"type": "message"},
               "response_url": response_url,
               "actions": [{"action_id": action_id, "block_id": "missive_answer_actions",
                            "value": value, "type": "button", "action_ts": "1700000003.1"}]}
    return urllib.parse.urlencode({"payload": json.dumps(payload)})


class FakeSocketModeServer:
    """Slack's Socket Mode end: says hello, sends envelopes, records the bot's acks."""

    def __init__(self, envelopes: list[dict]):
        from websockets.sync.server import serve

        self.envelopes, self.acks = envelopes, []
        self.server = serve(self._handle, "127.0.0.1", 0)
        self.port = self.server.socket.getsockname()[1]
        self.url = f"ws://127.0.0.1:{self.port}/link/?ticket=t1&app_id=A111"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _handle(self, websocket):
        websocket.send(json.dumps({"type": "hello", "num_connections": 1}))
        for envelope in self.envelopes:
            websocket.send(json.dumps(envelope))
        for raw in websocket:
            self.acks.append(json.loads(raw))

    def close(self) -> None:
        self.server.shutdown()
