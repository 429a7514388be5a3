"""One call to an OpenAI-compatible chat completions endpoint (OpenAI, Azure OpenAI's v1 API,
vLLM, a llama.cpp server, Ollama), over httpx: the wire format, no framework.

Every way the call can fail (refused, timed out, an error status, a body that is not the
expected JSON, an empty answer) is one `GenerationFailed` with its reason: the caller falls
back to the extractive answer and logs why.
"""

from __future__ import annotations

import httpx


class GenerationFailed(Exception):
    """The model gave no usable answer; the message says why."""


class ChatClient:
    def __init__(self, base_url: str, model: str, api_key: str = "", timeout: float = 20.0,
                 max_tokens: int = 400):
        self.url = base_url.rstrip("/") + "/chat/completions"
        self.model = model
        self.timeout = timeout
        self.max_tokens = max_tokens
        # Bearer for OpenAI-style servers; api-key for Azure OpenAI's keys. Each ignores the other.
        self.headers = {"Authorization": f"Bearer {api_key}", "api-key": api_key} if api_key else {}
        self._http = httpx.Client(timeout=timeout, headers=self.headers)

    def complete(self, messages: list[dict]) -> str:
        """The model's reply to `messages`, or GenerationFailed."""
        body = {"model": self.model, "messages": messages, "temperature": 0,
                "max_tokens": self.max_tokens, "stream": False}
        try:
            response = self._http.post(self.url, json=body)
        except httpx.TimeoutException:
            raise GenerationFailed(f"no answer within {self.timeout:g} s") from None
        except httpx.HTTPError as exc:
            raise GenerationFailed(f"cannot reach the model: {exc.__class__.__name__}") from None
        if response.status_code != 200:
            raise GenerationFailed(f"the model answered HTTP {response.status_code}")
        try:
            content = response.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise GenerationFailed("the model's answer is not chat completion JSON") from None
        if not isinstance(content, str) or not content.strip():
            raise GenerationFailed("the model's answer is empty")
        return content

    def close(self) -> None:
        self._http.close()
