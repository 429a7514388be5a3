"""Who may see which letters: the access file named by MISSIVE_ACCESS_FILE.

    [[keys]]
    name = "press-office"
    key_sha256 = "<hex sha256 of the key>"   # or: key = "<the key>"
    collections = ["default", "press"]       # "*" = all
    write = false                            # may upload, delete, reindex (its collections)

    [slack]
    default_collections = ["default"]        # channels and DMs not listed below

    [slack.channels]
    C0123ABCD = ["default", "casework"]

The file is read again whenever it changes, so a key is added or revoked without a restart.
An edit that does not parse is refused with its reason in the log and the policy before it
stays in force; a deleted file leaves no key in force (only MISSIVE_API_KEYS). A grant's
collections become the `LetterFilter` of every read its caller makes (see
`indexer.store.scoped`), so what a key may see is decided where the letters are read.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import threading
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from indexer.models import COLLECTION_NAME

log = logging.getLogger("missive.access")

ALL = "*"
# What a Slack channel or DM sees when the file has no [slack] default_collections.
SLACK_DEFAULT = frozenset({"default"})


class AccessFileError(ValueError):
    """The access file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Grant:
    """What one caller may do: read `collections` (None: every collection), and change
    letters when `write`."""

    name: str
    collections: frozenset[str] | None
    write: bool

    def sees(self, collection: str) -> bool:
        return self.collections is None or collection in self.collections


EVERYTHING = Grant("operator", None, True)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def _collections(value, where: str) -> frozenset[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AccessFileError(f"{where}: collections must be a list of names, or [\"*\"]")
    if ALL in value:
        return None
    bad = [v for v in value if not COLLECTION_NAME.fullmatch(v)]
    if bad:
        raise AccessFileError(f"{where}: {bad[0]!r} is not a collection name "
                              f"(lower-case letters, digits, '-' and '_')")
    return frozenset(value)


@dataclass(frozen=True)
class AccessPolicy:
    """The parsed access file: keys by the sha256 of the key, and Slack channels."""

    keys: dict[str, Grant] = field(default_factory=dict)  # hex sha256 -> grant
    slack_default: frozenset[str] | None = SLACK_DEFAULT
    slack_channels: dict[str, frozenset[str] | None] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> AccessPolicy:
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise AccessFileError(f"not valid TOML: {exc}") from None
        keys: dict[str, Grant] = {}
        names: set[str] = set()
        entries = data.get("keys", [])
        if not isinstance(entries, list):
            raise AccessFileError("[[keys]] must be an array of tables")
        for number, entry in enumerate(entries, start=1):
            where = f"key {number}"
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise AccessFileError(f"{where}: needs a name")
            where = f"key {entry['name']!r}"
            if entry["name"] in names:
                raise AccessFileError(f"{where}: the name is used twice")
            names.add(entry["name"])
            digest = _digest_of(entry, where)
            if digest in keys:
                raise AccessFileError(f"{where}: the same key as {keys[digest].name!r}")
            if not isinstance(entry.get("write", False), bool):
                raise AccessFileError(f"{where}: write must be true or false")
            keys[digest] = Grant(entry["name"], _collections(entry.get("collections"), where),
                                 entry.get("write", False))
        slack = data.get("slack", {})
        default = (_collections(slack["default_collections"], "[slack] default_collections")
                   if "default_collections" in slack else SLACK_DEFAULT)
        channels = {str(channel): _collections(value, f"[slack.channels] {channel}")
                    for channel, value in slack.get("channels", {}).items()}
        return cls(keys, default, channels)

    def grant_for_digest(self, digest: str) -> Grant | None:
        """The grant of the key whose sha256 is `digest`, compared with every key's in
        constant time, so timing tells nothing about which one is near."""
        found = None
        for known, grant in self.keys.items():
            if hmac.compare_digest(known, digest):
                found = grant
        return found

    def slack_collections(self, channel: str | None) -> frozenset[str] | None:
        """What a Slack channel sees; a DM, or a channel not listed, sees the default."""
        return self.slack_channels.get(channel or "", self.slack_default)


def _digest_of(entry: dict, where: str) -> str:
    if isinstance(entry.get("key_sha256"), str):
        digest = entry["key_sha256"].strip().lower()
        if not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise AccessFileError(f"{where}: key_sha256 must be 64 hex digits")
        return digest
    if isinstance(entry.get("key"), str) and entry["key"]:
        return key_digest(entry["key"])
    raise AccessFileError(f"{where}: needs key_sha256 (or key)")


class AccessFile:
    """The access file, parsed again when its modification time or size changes."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        self._seen: tuple[int, int] | None = None
        self._policy = self._read()  # a broken file at start-up stops the server, with why
        self._seen = self._stamp()

    def _stamp(self) -> tuple[int, int] | None:
        try:
            stat = self.path.stat()
        except FileNotFoundError:
            return None
        return stat.st_mtime_ns, stat.st_size

    def _read(self) -> AccessPolicy:
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise AccessFileError(f"{self.path}: no such file (MISSIVE_ACCESS_FILE)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise AccessFileError(f"{self.path}: cannot read it: {exc}") from None
        try:
            return AccessPolicy.parse(text)
        except AccessFileError as exc:
            raise AccessFileError(f"{self.path}: {exc}") from None

    def policy(self) -> AccessPolicy:
        """The policy in force now (one stat per call)."""
        stamp = self._stamp()
        if stamp == self._seen:
            return self._policy
        with self._lock:
            if stamp != self._seen:
                self._seen = stamp
                if stamp is None:
                    log.error("%s was removed: no access-file key is in force", self.path)
                    self._policy = AccessPolicy(slack_default=frozenset())
                else:
                    try:
                        self._policy = self._read()
                        log.info("%s re-read: %d keys", self.path, len(self._policy.keys))
                    except AccessFileError as exc:
                        log.error("%s; the access rules before the change stay in force", exc)
            return self._policy
