"""Signing webhook handoffs, and verify() for a receiver (see docs/handoff-webhooks.md).

The signature is HMAC-SHA256 over "TIMESTAMP.BODY" with the shared key (PATHFINDER_HANDOFF_SECRET), sent as
  X-Pathfinder-Timestamp: 1764072000            (Unix seconds when it was sent)
  X-Pathfinder-Signature: sha256=<hex digest>
A receiver accepts a message only when the signature matches and the timestamp is within REPLAY_WINDOW of
its own clock, so a captured webhook cannot be replayed later; X-Pathfinder-Message-Id lets it drop a repeat
inside the window. This module uses only the standard library so a receiver can copy it as it is.
"""
from __future__ import annotations

import hashlib
import hmac
import time

SIGNATURE_HEADER = "X-Pathfinder-Signature"
TIMESTAMP_HEADER = "X-Pathfinder-Timestamp"
ID_HEADER = "X-Pathfinder-Message-Id"
REPLAY_WINDOW = 300  # seconds either side of the receiver's clock


def sign(body: bytes, timestamp: int, secret: bytes) -> str:
    signed = str(int(timestamp)).encode() + b"." + body
    return "sha256=" + hmac.new(secret, signed, hashlib.sha256).hexdigest()


def signed_headers(body: bytes, secret: bytes, now: float | None = None) -> dict[str, str]:
    timestamp = int(time.time() if now is None else now)
    return {TIMESTAMP_HEADER: str(timestamp), SIGNATURE_HEADER: sign(body, timestamp, secret)}


def verify(body: bytes, timestamp: str | None, signature: str | None, secret: bytes, *,
           now: float | None = None, window: int = REPLAY_WINDOW) -> bool:
    """True only for an untampered body signed with `secret` less than `window` seconds from now."""
    if not timestamp or not signature or not secret:
        return False
    try:
        sent = int(timestamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - sent) > window:
        return False
    return hmac.compare_digest(sign(body, sent, secret).encode(), signature.strip().encode())
