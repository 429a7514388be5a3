"""A scripted OpenAI-compatible chat completions server on 127.0.0.1, for the tests of
generated answers: each test sets `script`, a function from the request body to what the
server does, and reads `requests` to see what Missive sent."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


def reply(content: str) -> tuple[int, bytes]:
    """A well-formed chat completion whose message is `content`."""
    return 200, json.dumps({"id": "fake", "object": "chat.completion", "choices": [
        {"index": 0, "finish_reason": "stop",
         "message": {"role": "assistant", "content": content}}]}).encode()


def passages_sent(body: dict) -> dict[int, str]:
    """The numbered passages in the request's last message: {number: text}."""
    text = body["messages"][-1]["content"]
    blocks = re.split(r"\n\n(?=\[\d+\] \()", text.split("Passages:\n\n", 1)[1].rsplit(
        "\n\nQuestion:", 1)[0])
    found = {}
    for block in blocks:
        head, _, words = block.partition("\n")
        found[int(re.match(r"\[(\d+)\]", head)[1])] = words
    return found


def number_of(body: dict, words: str) -> int:
    """The number of the passage sent that holds `words`."""
    return next(n for n, text in passages_sent(body).items() if words in text)


class FakeLLM:
    def __init__(self):
        self.requests: list[dict] = []
        self.script = lambda body: reply("Nothing.")
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["content-length"])))
                fake.requests.append({"path": self.path, "headers": dict(self.headers),
                                      "body": body})
                status, payload, *delay = fake.script(body)
                if delay:
                    time.sleep(delay[0])
                try:
                    self.send_response(status)
                    self.send_header("content-type", "application/json")
                    self.send_header("content-length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting: the timeout case

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
