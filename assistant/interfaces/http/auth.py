"""Who is calling, and what they may see: API keys (`Authorization: Bearer KEY` or
`X-API-Key: KEY`), keys of the access file, and web sign-in sessions.

Keys are compared by their sha256 digests, exactly (no trimming) and in constant time.
MISSIVE_API_KEYS keys see every collection and may write. With an access file, every
endpoint but /health needs a key, and each key sees its collections; without one, reads are
open unless MISSIVE_REQUIRE_KEY is set, as before collections existed.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass

from fastapi import HTTPException, Request

from assistant.access import EVERYTHING, AccessFile, Grant, key_digest
from assistant.interfaces.http.sessions import SESSION_COOKIE, Sessions

HOW_TO_SET = "set MISSIVE_API_KEYS (comma-separated) on the server to enable it"
ANONYMOUS = Grant("anonymous", None, False)


@dataclass(frozen=True)
class Caller:
    """A request's caller: their grant, and the namespace their conversations are kept in
    ('http:<namespace>:<id>', apart from Slack's and from every other key's)."""

    grant: Grant
    namespace: str
    operator: bool = False  # holds a MISSIVE_API_KEYS key

    @property
    def collections(self) -> frozenset[str] | None:
        return self.grant.collections


class ApiKeys:
    def __init__(self, keys: str, require_for_reads: bool, access: AccessFile | None = None,
                 sessions: Sessions | None = None):
        self.digests = [key_digest(k.strip()) for k in keys.split(",") if k.strip()]
        self.require_for_reads = require_for_reads or access is not None
        self.access = access
        self.sessions = sessions

    @staticmethod
    def presented(request: Request) -> str | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return header[7:]
        return request.headers.get("x-api-key")

    def _operator(self, digest: str) -> bool:
        # Compare against every key, always, so timing says nothing about which part matched.
        return any([hmac.compare_digest(digest, known) for known in self.digests])

    def grant_for(self, digest: str) -> tuple[Grant, bool] | None:
        """The grant of the key with this digest, and whether it is an operator's."""
        if self._operator(digest):
            return EVERYTHING, True
        grant = self.access.policy().grant_for_digest(digest) if self.access else None
        return (grant, False) if grant else None

    def _digest(self, request: Request, write: bool) -> tuple[str | None, bool]:
        """The digest of the key the request holds, and whether it presented one at all. A
        signed-in browser's session stands for its key on reads; writes need the key."""
        presented = self.presented(request)
        if presented:
            return key_digest(presented), True
        cookie = request.cookies.get(SESSION_COOKIE)
        if cookie and self.sessions and not write:
            return self.sessions.digest_of(cookie), False
        return None, False

    def holds_key(self, request: Request) -> bool:
        """Whether the request holds an operator's key (MISSIVE_API_KEYS)."""
        digest, _ = self._digest(request, write=False)
        return digest is not None and self._operator(digest)

    def caller(self, request: Request, write: bool) -> Caller:
        """The caller, or the 401/403 that refuses them."""
        digest, presented = self._digest(request, write)
        found = self.grant_for(digest) if digest else None
        if digest and found is not None:
            grant, operator = found
            if write and not grant.write:
                raise HTTPException(403, f"the key {grant.name!r} may read but not change "
                                         f"letters")
            return Caller(grant, digest[:16], operator)
        if not write and not self.require_for_reads:
            return Caller(ANONYMOUS, "anon")
        if not self.digests and not self.access:
            raise HTTPException(403, f"this endpoint needs an API key, and none is configured: "
                                     f"{HOW_TO_SET}")
        raise HTTPException(401, "wrong API key" if presented else "missing API key",
                            headers={"WWW-Authenticate": "Bearer"})

    def check(self, request: Request, write: bool) -> None:
        self.caller(request, write)
