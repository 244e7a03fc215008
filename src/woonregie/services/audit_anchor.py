"""Anchoring the audit chain outside the database (verankering), so the end of the chain can be
trusted too.

The hash chain (services/audit.py) shows an edited entry, but whoever can write the database
can also delete the newest entries (truncation) or edit an entry and recompute every later
hash: the chain still fits. Two anchors close that door, both outside the database:

1. A key (`WOONREGIE_AUDIT_KEY`; for development a key file, `WOONREGIE_AUDIT_KEY_FILE` or
   `.woonregie/audit.key`, made by `woonregie init`) with which every entry's hash is signed
   (HMAC-SHA256, column `mac`). Without the key nobody can recompute a valid chain.
2. Checkpoints: the head of the chain (sequence number = count, and its hash), signed with the
   same key, written as small JSON files to a directory outside the database
   (`WOONREGIE_AUDIT_CHECKPOINTS`, default `.woonregie/checkpoints`; in production a mount the
   database administrator cannot write, or shipped to a log host). `woonregie audit checkpoint`
   writes one (from cron, for instance) and every bulk action writes one after it commits. A
   database whose chain is shorter than a checkpoint, or whose entry at a checkpoint has another
   hash, has been truncated or rewritten.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

KEY_ENV, KEY_FILE_ENV, CHECKPOINTS_ENV = (
    "WOONREGIE_AUDIT_KEY", "WOONREGIE_AUDIT_KEY_FILE", "WOONREGIE_AUDIT_CHECKPOINTS")
DEV_DIR = Path(".woonregie")


class AuditKeyMissing(RuntimeError):
    """No key: the chain cannot be signed or checked."""


def key_file() -> Path:
    return Path(os.environ.get(KEY_FILE_ENV) or DEV_DIR / "audit.key")


def checkpoint_dir() -> Path:
    return Path(os.environ.get(CHECKPOINTS_ENV) or DEV_DIR / "checkpoints")


def load_key() -> bytes | None:
    """The key from the environment, else from the key file; None when there is neither."""
    if os.environ.get(KEY_ENV):
        return os.environ[KEY_ENV].encode("utf-8")
    path = key_file()
    return path.read_text(encoding="ascii").strip().encode("ascii") if path.exists() else None


def ensure_key() -> tuple[bytes, Path | None]:
    """The key, creating the development key file (mode 600) when there is none. Returns the
    key and the file it was just written to (None when it existed or comes from the env)."""
    key = load_key()
    if key is not None:
        return key, None
    path = key_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(secrets.token_hex(32) + "\n")
    return load_key() or b"", path


def sign(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def entry_mac(key: bytes, entry_hash: str) -> str:
    """The signature of one entry: its hash already covers its fields and its predecessor."""
    return sign(key, f"entry:{entry_hash}")


@dataclass(frozen=True, slots=True)
class Checkpoint:
    seq: int  # the head's sequence number = the number of entries
    hash: str
    at: str
    mac: str
    path: Path | None = None

    def body(self) -> str:
        return f"checkpoint:{self.seq}:{self.hash}:{self.at}"

    def valid(self, key: bytes) -> bool:
        return hmac.compare_digest(self.mac, sign(key, self.body()))


def write_checkpoint(key: bytes, seq: int, head_hash: str, now: datetime | None = None,
                     directory: Path | None = None) -> Checkpoint:
    """Write a signed checkpoint file for the head (seq, hash). Never overwrites: a file per
    head, named by its sequence number."""
    at = (now or datetime.now(UTC)).isoformat(timespec="seconds")
    unsigned = Checkpoint(seq, head_hash, at, "")
    point = Checkpoint(seq, head_hash, at, sign(key, unsigned.body()))
    folder = directory or checkpoint_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"checkpoint-{seq:012d}.json"
    if not path.exists():
        data = {"seq": seq, "hash": head_hash, "at": at, "mac": point.mac}
        path.write_text(json.dumps(data) + "\n", encoding="utf-8")
    return Checkpoint(seq, head_hash, at, point.mac, path)


def read_checkpoints(directory: Path | None = None) -> list[Checkpoint | Path]:
    """Every checkpoint in the directory, by sequence number; an unreadable file is returned as
    its path (a problem to report, not to skip)."""
    folder = directory or checkpoint_dir()
    if not folder.is_dir():
        return []
    found: list[Checkpoint | Path] = []
    for path in sorted(folder.glob("checkpoint-*.json")):
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            found.append(Checkpoint(int(data["seq"]), str(data["hash"]), str(data["at"]),
                                    str(data["mac"]), path))
        except (ValueError, KeyError, TypeError):
            found.append(path)
    return found
