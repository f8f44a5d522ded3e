"""What every pupil message passes before Rasa reads it: a length cap and rate limits, with a friendly reply.

Safety first: a message that the safeguarding net flags still goes on when it is over the length cap (up to
MAX_FLAGGED_CHARS, twice the widget's own limit) or over its conversation's rate limit, so a disclosure is never
turned away; the limit per address still applies to it.

Limits per minute come from PATHFINDER_RATE_PER_CONVERSATION (20) and PATHFINDER_RATE_PER_ADDRESS (300: a school's
pupils often share one address); 0 switches a limit off.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from bot.ratelimit import RateLimiter, int_setting
from safeguarding import net

MAX_MESSAGE_CHARS = 1000
MAX_FLAGGED_CHARS = 4000
TOO_LONG = ("That message is too long for me to read. Please keep it under 1,000 characters, "
            "or send it as a few shorter messages.")
TOO_FAST = "Whoa, that's a lot of messages very fast! Please wait a minute, then try again."


@dataclass(frozen=True)
class Refusal:
    text: str
    rate_limited: bool
    retry_after: int = 0


class MessageGate:
    def __init__(self, per_conversation: int, per_address: int):
        self.conversations = RateLimiter(per_conversation, 60.0)
        self.addresses = RateLimiter(per_address, 60.0)

    @classmethod
    def from_env(cls) -> "MessageGate":
        return cls(int_setting("PATHFINDER_RATE_PER_CONVERSATION", 20),
                   int_setting("PATHFINDER_RATE_PER_ADDRESS", 300))

    def check(self, text: Any, conversation_id: Any, address: str) -> Refusal | None:
        """None when the message may go on to Rasa; otherwise what to tell the pupil."""
        conversation = f"{conversation_id}"
        if len(conversation) > 64:  # the buckets' memory stays small whatever id a client makes up
            conversation = hashlib.sha256(conversation.encode("utf-8", "replace")).hexdigest()
        if not self.addresses.allow(address):
            return Refusal(TOO_FAST, True, self.addresses.retry_after(address))
        if not self.conversations.allow(conversation) and not _discloses_harm(text):
            return Refusal(TOO_FAST, True, self.conversations.retry_after(conversation))
        if isinstance(text, str) and len(text.strip()) > MAX_MESSAGE_CHARS:
            if _discloses_harm(text):
                return None
            return Refusal(TOO_LONG, False)
        return None


def _discloses_harm(text: Any) -> bool:
    return isinstance(text, str) and len(text.strip()) <= MAX_FLAGGED_CHARS and net.match(text) is not None


_shared: MessageGate | None = None


def shared_gate() -> MessageGate:
    """One gate for every channel in this process, so REST and socket.io share an address's limit."""
    global _shared
    if _shared is None:
        _shared = MessageGate.from_env()
    return _shared
