"""Signed sign-in sessions for the web pages: the cookie names the key by its sha256 digest
(never the key itself), with an expiry, signed with the server's secret.

The session is checked against the keys in force on every request, so a key revoked in the
access file ends its sessions at once. The secret is MISSIVE_SESSION_SECRET, or a random one
kept beside the index (made once, readable by its owner only) that every worker of one
server shares.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from pathlib import Path

SESSION_COOKIE = "missive_session"
SESSION_HOURS = 12
SECRET_FILE = "session.key"


def session_secret(configured: str, index_dir: Path) -> bytes:
    """The configured secret, or the one kept in `index_dir` (made on first use)."""
    if configured:
        return configured.encode("utf-8")
    path = Path(index_dir) / SECRET_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "w") as handle:
            handle.write(secrets.token_hex(32))
    except FileExistsError:
        pass  # made by an earlier start, or by another worker a moment ago
    return path.read_text().strip().encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


class Sessions:
    def __init__(self, secret: bytes, hours: float = SESSION_HOURS):
        self.secret = secret
        self.seconds = int(hours * 3600)

    def _sign(self, payload: str) -> str:
        return _b64(hmac.new(self.secret, payload.encode(), hashlib.sha256).digest())

    def issue(self, digest: str) -> str:
        payload = _b64(json.dumps({"k": digest, "exp": int(time.time()) + self.seconds}).encode())
        return f"{payload}.{self._sign(payload)}"

    def digest_of(self, cookie: str) -> str | None:
        """The key digest a valid, unexpired session names; None for anything else."""
        payload, _, signature = cookie.partition(".")
        if not payload or not hmac.compare_digest(signature, self._sign(payload)):
            return None
        try:
            body = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            digest, expires = body["k"], int(body["exp"])
        except (ValueError, KeyError, TypeError):
            return None
        return digest if isinstance(digest, str) and expires > time.time() else None
