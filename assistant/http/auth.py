"""API keys: `Authorization: Bearer KEY` or `X-API-Key: KEY`, compared exactly (no trimming)
and in constant time."""

from __future__ import annotations

import hashlib
import hmac

from fastapi import HTTPException, Request

HOW_TO_SET = "set MISSIVE_API_KEYS (comma-separated) on the server to enable it"


class ApiKeys:
    def __init__(self, keys: str, require_for_reads: bool):
        self.keys = [k.strip().encode() for k in keys.split(",") if k.strip()]
        self.require_for_reads = require_for_reads

    @staticmethod
    def presented(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:]
        return request.headers.get("x-api-key")

    def _valid(self, presented: str | None) -> bool:
        if not presented:
            return False
        candidate = presented.encode()
        # Compare against every key, always, so timing says nothing about which part matched.
        return any([hmac.compare_digest(candidate, key) for key in self.keys])

    def holds_key(self, request: Request) -> bool:
        """Whether the request presents one of the configured keys."""
        return bool(self.keys) and self._valid(self.presented(request))

    def namespace(self, request: Request) -> str:
        """Whose conversations a request reaches: a digest of its valid key, or 'anon'. HTTP
        conversations are kept as 'http:<namespace>:<id>', apart from Slack's
        ('slack:...') and from those another key began."""
        presented = self.presented(request)
        if presented and self._valid(presented):
            return hashlib.sha256(presented.encode()).hexdigest()[:16]
        return "anon"

    def check(self, request: Request, write: bool) -> None:
        if not write and not self.require_for_reads:
            return
        if not self.keys:
            raise HTTPException(403, f"this endpoint needs an API key, and none is configured: "
                                     f"{HOW_TO_SET}")
        presented = self.presented(request)
        if not self._valid(presented):
            raise HTTPException(401, "missing API key" if not presented else "wrong API key",
                                headers={"WWW-Authenticate": "Bearer"})
